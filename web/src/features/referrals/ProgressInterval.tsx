import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { referralSettings, referralSettingsBody } from '../../../../src/modules/clinical/schemas.ts';
import { ApiError, api, messageOf } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import { Alert } from '../../components/Status.tsx';

type Settings = z.infer<typeof referralSettings>;
type SettingsBody = z.infer<typeof referralSettingsBody>;

const path = (clinicId: string, referralId: string) =>
  `/api/clinics/${encodeURIComponent(clinicId)}/referrals/${encodeURIComponent(referralId)}/clinical-settings`;

/**
 * How often this referral's progress report (and re-evaluation) falls due: every N visits or N days, whichever
 * comes first. Payers differ (workers' compensation often asks after 6 visits or a month), so the therapist
 * sets it per referral; the to-do list and reminders follow it.
 */
export function ProgressInterval({ clinicId, referralId }: { clinicId: string; referralId: string }) {
  const queryClient = useQueryClient();
  const key = ['referral-clinical-settings', clinicId, referralId];
  const settings = useQuery({ queryKey: key, queryFn: () => api<Settings>(path(clinicId, referralId)) });
  const [draft, setDraft] = useState<{ visits: string; days: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (!settings.data) return null;
  const s = settings.data;

  if (!draft)
    return (
      <div>
        <dt>Progress reports</dt>
        <dd>
          Every {s.progressEveryVisits === 1 ? 'visit' : `${s.progressEveryVisits} visits`} or{' '}
          {s.progressEveryDays} days, whichever comes first
          {s.isDefault ? ' (the clinic’s default)' : ''}.{' '}
          <button
            type="button"
            className="link-button"
            aria-label="Change how often progress reports fall due"
            onClick={() =>
              setDraft({ visits: String(s.progressEveryVisits), days: String(s.progressEveryDays) })
            }
          >
            Change
          </button>
        </dd>
      </div>
    );

  const save = async () => {
    setError(null);
    setErrors({});
    const body: SettingsBody = {
      progressEveryVisits: Number(draft.visits),
      progressEveryDays: Number(draft.days),
    };
    try {
      const saved = await api<Settings>(path(clinicId, referralId), { method: 'PUT', body });
      queryClient.setQueryData(key, saved);
      setDraft(null);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length > 0)
        setErrors(Object.fromEntries(e.fieldIssues.map((i) => [i.path, i.message])));
      else setError(messageOf(e));
    }
  };
  return (
    <div className="progress-interval">
      <dt>Progress reports</dt>
      <dd>
        <Alert>{error}</Alert>
        <div className="field-row">
          <Field label="Every … visits" hint="1 to 60" error={errors.progressEveryVisits}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={60}
                className="input-short"
                value={draft.visits}
                onChange={(e) => setDraft({ ...draft, visits: e.target.value })}
              />
            )}
          </Field>
          <Field label="or every … days" hint="7 to 180" error={errors.progressEveryDays}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={7}
                max={180}
                className="input-short"
                value={draft.days}
                onChange={(e) => setDraft({ ...draft, days: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void save()}>
            Save
          </button>
          <button type="button" className="button button-quiet" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      </dd>
    </div>
  );
}
