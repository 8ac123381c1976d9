import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import { clinical, type IntakeChart, type MergeResult, type Patient, type PatientSummary } from './api.ts';
import { PatientName } from './labels.tsx';
import { useDebounced } from './PatientsPage.tsx';

const FIELD_LABELS: Record<string, string> = {
  preferredName: 'preferred name',
  pronouns: 'pronouns',
  sexAssignedAtBirth: 'sex assigned at birth',
  genderIdentity: 'gender identity',
  email: 'e-mail',
  phone: 'phone',
  contactPreferences: 'contact preferences',
  emergencyContact: 'emergency contact',
  guardian: 'guardian',
  notes: 'notes',
};
const TABLE_LABELS: Record<string, string> = {
  referrals: 'referrals',
  attachments: 'documents',
  intake_responses: 'questionnaires and health-history versions',
  safety_clearances: 'physician clearances',
  physician_patient_links: 'physician links',
  intake_links: 'intake links',
  health_history_confirmations: '“no change” confirmations',
  'patients.merged_into_id': 'records merged earlier',
  patient_possible_duplicates: 'possible-duplicate notices',
  'patient_possible_duplicates.existing_patient_id': 'possible-duplicate notices',
};

type DuplicateChoice = Pick<PatientSummary, 'id' | 'displayName' | 'dateOfBirth'>;

/**
 * Merge a duplicate record into this one: find it, read a confirmation that lists what moves and which empty
 * fields it fills, then merge (the server moves every related row and keeps the duplicate readable).
 * `preselectId` (a possible duplicate's "Review and merge" link) opens the confirmation for that record.
 */
export function MergePanel({
  survivor,
  onMerged,
  preselectId = null,
}: {
  survivor: Patient;
  onMerged: () => void;
  preselectId?: string | null;
}) {
  const clinic = useClinic();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(Boolean(preselectId));
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const [picked, setPicked] = useState<DuplicateChoice | null>(null);
  const [preselectDone, setPreselectDone] = useState(false);
  const preselected = useQuery({
    queryKey: ['patient', clinic.id, preselectId],
    queryFn: () => clinical.patient(clinic.id, preselectId!),
    enabled: Boolean(preselectId) && !preselectDone,
  });
  const duplicate: DuplicateChoice | null =
    picked ??
    (!preselectDone && preselected.data && !preselected.data.mergedIntoId ? preselected.data : null);
  const setDuplicate = (choice: DuplicateChoice | null) => {
    setPicked(choice);
    setPreselectDone(true);
  };
  const [result, setResult] = useState<MergeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useQuery({
    queryKey: ['patients', clinic.id, term, 'merge'],
    queryFn: () => clinical.searchPatients(clinic.id, term, undefined, 10),
    enabled: open && term.length > 0,
  });
  const dupRecord = useQuery({
    queryKey: ['patient', clinic.id, duplicate?.id],
    queryFn: () => clinical.patient(clinic.id, duplicate!.id),
    enabled: Boolean(duplicate),
  });
  const dupChart = useQuery({
    queryKey: ['chart', clinic.id, duplicate?.id],
    queryFn: () => clinical.chart(clinic.id, duplicate!.id),
    enabled: Boolean(duplicate),
  });
  const candidates = (search.data?.items ?? []).filter((p) => p.id !== survivor.id && !p.mergedIntoId);

  const moves: string[] = [];
  if (dupChart.data) {
    const s = (sid: string) => dupChart.data.sections.find((x) => x.id === sid);
    const count = (sid: string) => (Array.isArray(s(sid)?.data) ? (s(sid)!.data as unknown[]).length : 0);
    moves.push(`${count('referrals')} referral(s)`, `${count('documents')} document(s)`);
    const intake = s('intake')?.data as IntakeChart | undefined;
    if (intake && intake.status !== 'none')
      moves.push(
        `the intake questionnaire${intake.current ? ` and health-history versions (up to version ${intake.current.version})` : ' draft'}`,
      );
    moves.push(
      'physician clearances, physician links and intake links',
      'everything later capabilities recorded',
    );
  }
  const fills = dupRecord.data
    ? Object.keys(FIELD_LABELS).filter(
        (f) => survivor[f as keyof Patient] === null && dupRecord.data[f as keyof Patient] !== null,
      )
    : [];

  return (
    <section className="section" id="section-merge" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Duplicate records</h2>
      <LiveMessage
        message={
          result
            ? `Merged. Moved: ${
                Object.entries(result.moved)
                  .filter(([, n]) => n > 0)
                  .map(([t, n]) => `${n} ${TABLE_LABELS[t] ?? t}`)
                  .join(', ') || 'no related rows'
              }${result.filledFields.length ? `; filled in: ${result.filledFields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}` : ''}.`
            : null
        }
      />
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          Merge a duplicate into this record…
        </button>
      ) : (
        <div className="card">
          {!duplicate ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-q`}>Find the duplicate record</label>
                <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
              </div>
              <ul className="candidate-list">
                {candidates.map((p) => (
                  <li key={p.id}>
                    <button type="button" className="link-button" onClick={() => setDuplicate(p)}>
                      <PatientName patient={p} />
                    </button>{' '}
                    <span className="muted">· born {formatDay(p.dateOfBirth)}</span>
                  </li>
                ))}
              </ul>
              {term && search.data && candidates.length === 0 ? (
                <p className="muted">No other record matches.</p>
              ) : null}
              <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </>
          ) : (
            <fieldset className="merge-confirm">
              <legend className="merge-legend">
                Merge {duplicate.displayName} (born {formatDay(duplicate.dateOfBirth)}) into{' '}
                {survivor.displayName} (born {formatDay(survivor.dateOfBirth)})?
              </legend>
              <p>Everything recorded for the duplicate moves to this record:</p>
              <ul>{moves.length ? moves.map((m) => <li key={m}>{m}</li>) : <li>Loading what moves…</li>}</ul>
              <p>
                {fills.length
                  ? `Empty fields of this record take the duplicate’s values: ${fills.map((f) => FIELD_LABELS[f]).join(', ')}.`
                  : 'No field of this record is overwritten.'}{' '}
                The duplicate stays readable, marked as merged. This cannot be undone from the app.
              </p>
              <Alert>{error}</Alert>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={async () => {
                    setBusy(true);
                    setError(null);
                    try {
                      setResult(await clinical.mergePatient(clinic.id, survivor.id, duplicate.id));
                      setDuplicate(null);
                      setOpen(false);
                      void queryClient.invalidateQueries({ queryKey: ['possible-duplicates', clinic.id] });
                      onMerged();
                    } catch (e) {
                      setError(messageOf(e));
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  Merge the records
                </button>
                <button type="button" className="button button-secondary" onClick={() => setDuplicate(null)}>
                  Choose another
                </button>
              </div>
            </fieldset>
          )}
        </div>
      )}
    </section>
  );
}
