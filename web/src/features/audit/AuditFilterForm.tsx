import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { PatientSearch } from '../calendar/PatientSearch.tsx';
import { actionChoices } from './present.ts';
import type { AuditView } from './url.ts';

interface Draft {
  /** `kind:<kind>` or `action:<code>`, or '' for any. */
  what: string;
  outcome: '' | 'allowed' | 'refused' | 'failed';
  actorUserId: string;
  /** The name is known once chosen here; a patient from a shared link is named from the rows shown. */
  patient: { id: string; displayName: string | null } | null;
  from: string;
  to: string;
}
const EMPTY: Draft = { what: '', outcome: '', actorUserId: '', patient: null, from: '', to: '' };
const CHOICES = actionChoices();

const draftOf = (view: AuditView): Draft => ({
  what: view.action ? `action:${view.action}` : view.kind ? `kind:${view.kind}` : '',
  outcome: view.outcome ?? '',
  actorUserId: view.person ?? '',
  patient: view.patient ? { id: view.patient, displayName: null } : null,
  from: view.from ?? '',
  to: view.to ?? '',
});

/** Filters in the clinic's terms (dates are whole days in the clinic's time zone), kept in the page's URL. */
export function AuditFilterForm({
  view,
  patientName,
  onApply,
}: {
  view: AuditView;
  patientName: string | null;
  onApply: (view: AuditView) => void;
}) {
  const clinic = useClinic();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [rangeError, setRangeError] = useState<string | undefined>();
  // Changing it starts the patient search afresh (its typed text is its own).
  const [searchKey, setSearchKey] = useState(0);
  const members = useQuery({ queryKey: ['members', clinic.id], queryFn: () => endpoints.members(clinic.id) });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  function apply(next: Draft) {
    if (next.from && next.to && next.to < next.from) {
      setRangeError('The end date is before the start date');
      return;
    }
    setRangeError(undefined);
    const [whatType, whatValue] = next.what.split(':', 2);
    onApply({
      kind: whatType === 'kind' ? (whatValue as AuditView['kind']) : undefined,
      action: whatType === 'action' ? whatValue : undefined,
      outcome: next.outcome || undefined,
      person: next.actorUserId || undefined,
      patient: next.patient?.id,
      from: next.from || undefined,
      to: next.to || undefined,
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
      <fieldset className="audit-patient-filter">
        <legend>Patient</legend>
        <p className="muted small" aria-live="polite">
          {draft.patient ? (
            <>
              Only what concerns{' '}
              <strong>{draft.patient.displayName ?? patientName ?? 'the chosen patient'}</strong>, lists that
              showed them included.{' '}
              <button type="button" className="link-button" onClick={() => set({ patient: null })}>
                Any patient
              </button>
            </>
          ) : (
            'Any patient. Search to see who looked at one patient’s record.'
          )}
        </p>
        <PatientSearch
          key={searchKey}
          clinicId={clinic.id}
          chosenId={draft.patient?.id ?? ''}
          onChoose={(patient) => set({ patient })}
        />
      </fieldset>
      <div className="filter-grid">
        <Field label="Person">
          {(p) => (
            <select {...p} value={draft.actorUserId} onChange={(e) => set({ actorUserId: e.target.value })}>
              <option value="">Anyone</option>
              {(members.data?.items ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                  {m.disabled ? ' (removed)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Action">
          {(p) => (
            <select {...p} value={draft.what} onChange={(e) => set({ what: e.target.value })}>
              <option value="">Any action</option>
              {CHOICES.map((group) => (
                <optgroup key={group.kind} label={group.label}>
                  <option value={`kind:${group.kind}`}>All: {group.label.toLowerCase()}</option>
                  {group.actions.map((action) => (
                    <option key={action.code} value={`action:${action.code}`}>
                      {action.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
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
            setSearchKey((k) => k + 1);
            apply(EMPTY);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
