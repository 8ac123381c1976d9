import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AuditFilters } from '../../api/endpoints.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { zonedTimeToIso } from '../../components/format.ts';

interface Draft {
  action: string;
  outcome: '' | 'allowed' | 'refused' | 'failed';
  actorUserId: string;
  from: string;
  to: string;
}
const EMPTY: Draft = { action: '', outcome: '', actorUserId: '', from: '', to: '' };

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Filters in the clinic's terms (dates are whole days in the clinic's time zone), turned into API filters. */
export function AuditFilterForm({
  timeZone,
  onApply,
}: {
  timeZone: string;
  onApply: (filters: AuditFilters) => void;
}) {
  const clinic = useClinic();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const members = useQuery({ queryKey: ['members', clinic.id], queryFn: () => endpoints.members(clinic.id) });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  function apply(next: Draft) {
    if (next.from && next.to && next.to < next.from) {
      setRangeError('The end date is before the start date');
      return;
    }
    setRangeError(undefined);
    onApply({
      action: next.action.trim() || undefined,
      outcome: next.outcome || undefined,
      actorUserId: next.actorUserId || undefined,
      from: next.from ? zonedTimeToIso(`${next.from}T00:00`, timeZone) : undefined,
      to: next.to
        ? new Date(
            new Date(zonedTimeToIso(`${nextDay(next.to)}T00:00`, timeZone)).getTime() - 1,
          ).toISOString()
        : undefined,
    });
  }

  return (
    <form
      className="card filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div className="filter-grid">
        <Field label="Action starts with" hint="e.g. auth. or member.">
          {(p) => (
            <input
              {...p}
              value={draft.action}
              maxLength={100}
              onChange={(e) => set({ action: e.target.value })}
            />
          )}
        </Field>
        <Field label="Outcome">
          {(p) => (
            <select
              {...p}
              value={draft.outcome}
              onChange={(e) => set({ outcome: e.target.value as Draft['outcome'] })}
            >
              <option value="">Any outcome</option>
              <option value="allowed">Allowed</option>
              <option value="refused">Refused</option>
              <option value="failed">Failed</option>
            </select>
          )}
        </Field>
        <Field label="Person">
          {(p) => (
            <select {...p} value={draft.actorUserId} onChange={(e) => set({ actorUserId: e.target.value })}>
              <option value="">Anyone</option>
              {(members.data?.items ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="From (date)">
          {(p) => (
            <input {...p} type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          )}
        </Field>
        <Field label="To (date)" error={rangeError}>
          {(p) => <input {...p} type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(EMPTY);
            apply(EMPTY);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
