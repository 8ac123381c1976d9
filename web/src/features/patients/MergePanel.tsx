import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import { clinical, type IntakeChart, type MergeResult, type Patient, type PatientSummary } from './api.ts';
import { PatientName } from './labels.tsx';
import {
  accountLinkWarning,
  FIELD_LABELS,
  type MergeSide,
  mergedMessage,
  movesList,
  onlineRecordId,
  sideFacts,
} from './merge.ts';
import { useDebounced } from './PatientsPage.tsx';

type DuplicateChoice = Pick<PatientSummary, 'id' | 'displayName' | 'dateOfBirth'>;

/**
 * Merge a duplicate record into this one: find it, compare the two records side by side (e-mail, phone, which
 * registered online), read what moves and which empty fields it fills, then merge (the server moves every
 * related row and keeps the duplicate readable). When the merge links an online account to a chart, staff tick
 * that they checked it is the same person (the server refuses the merge without it).
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
  const [result, setResult] = useState<MergeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [serverWarning, setServerWarning] = useState<string | null>(null);
  const setDuplicate = (choice: DuplicateChoice | null) => {
    setPicked(choice);
    setPreselectDone(true);
    setConfirmed(false);
    setServerWarning(null);
    setError(null);
  };
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

  const notices = useQuery({
    queryKey: ['possible-duplicates', clinic.id, survivor.id],
    queryFn: () => clinical.possibleDuplicatesOf(clinic.id, survivor.id),
    enabled: Boolean(duplicate),
  });

  let moves: string[] = [];
  if (dupChart.data) {
    const s = (sid: string) => dupChart.data.sections.find((x) => x.id === sid)?.data;
    const count = (sid: string) => {
      const data = s(sid);
      return Array.isArray(data) ? data.length : 0;
    };
    const upcoming = (s('appointments') as { upcoming?: unknown[] } | undefined)?.upcoming;
    const intake = s('intake') as IntakeChart | undefined;
    moves = movesList({
      appointments: Array.isArray(upcoming) ? upcoming.length : 0,
      referrals: count('referrals'),
      documents: count('documents'),
      intake:
        !intake || intake.status === 'none'
          ? { status: 'none' }
          : intake.current
            ? { status: 'submitted', version: intake.current.version }
            : { status: 'draft' },
    });
  }
  const dup = dupRecord.data ?? null;
  const fills = dup
    ? Object.keys(FIELD_LABELS).filter(
        (f) => survivor[f as keyof Patient] === null && dup[f as keyof Patient] !== null,
      )
    : [];
  const onlineId = duplicate ? onlineRecordId(notices.data?.items ?? [], survivor.id, duplicate.id) : null;
  const warning = (dup ? accountLinkWarning(survivor, dup) : null) ?? serverWarning;

  const merge = async () => {
    if (!duplicate) return;
    if (warning && !confirmed) {
      setError('Tick “I checked it is the same person” first, or choose another record.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(
        await clinical.mergePatient(clinic.id, survivor.id, duplicate.id, Boolean(warning) && confirmed),
      );
      setDuplicate(null);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['possible-duplicates', clinic.id] });
      onMerged();
    } catch (e) {
      const identity =
        e instanceof ApiError ? e.fieldIssues.find((i) => i.path === 'confirmIdentity') : undefined;
      if (identity) {
        // The records changed since they were loaded: show the server's warning and ask for the tick.
        setServerWarning(identity.message);
        setConfirmed(false);
      } else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" id="section-merge" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Duplicate records</h2>
      <LiveMessage message={result ? mergedMessage(result) : null} />
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
                {survivor.displayName} (this record)?
              </legend>
              {dup ? <MergeSides survivor={survivor} duplicate={dup} onlineId={onlineId} /> : null}
              <p>Appointments, notes, documents and referrals move to the kept record:</p>
              <ul>{moves.length ? moves.map((m) => <li key={m}>{m}</li>) : <li>Loading what moves…</li>}</ul>
              <p>
                {fills.length
                  ? `Empty fields of the kept record take the duplicate’s values: ${fills.map((f) => FIELD_LABELS[f]).join(', ')}.`
                  : 'No field of the kept record is overwritten.'}{' '}
                The duplicate stays readable, marked as merged. This cannot be undone from the app.
              </p>
              {warning ? (
                <div className="alert alert-warning merge-account-warning">
                  <p>{warning}</p>
                  <Checkbox
                    label="I checked it is the same person"
                    checked={confirmed}
                    required
                    onChange={(e) => {
                      setConfirmed(e.target.checked);
                      if (e.target.checked) setError(null);
                    }}
                  />
                </div>
              ) : null}
              <Alert>{error}</Alert>
              <div className="form-actions">
                <button type="button" className="button button-danger" disabled={busy} onClick={merge}>
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

/** The two records side by side, so staff can tell them apart (same name and birth date is all that matched). */
function MergeSides({
  survivor,
  duplicate,
  onlineId,
}: {
  survivor: MergeSide & Pick<Patient, 'dateOfBirth'>;
  duplicate: MergeSide & Pick<Patient, 'dateOfBirth'>;
  onlineId: string | null;
}) {
  const kept = sideFacts(survivor, onlineId);
  const merged = sideFacts(duplicate, onlineId);
  return (
    <div className="table-scroll">
      <table className="merge-sides">
        <caption className="visually-hidden">The two records</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">Kept (this record)</th>
            <th scope="col">Merged into it</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Name</th>
            <td>{survivor.displayName}</td>
            <td>{duplicate.displayName}</td>
          </tr>
          <tr>
            <th scope="row">Born</th>
            <td>{formatDay(survivor.dateOfBirth)}</td>
            <td>{formatDay(duplicate.dateOfBirth)}</td>
          </tr>
          <tr>
            <th scope="row">E-mail</th>
            <td>{kept.email}</td>
            <td>{merged.email}</td>
          </tr>
          <tr>
            <th scope="row">Phone</th>
            <td>{kept.phone}</td>
            <td>{merged.phone}</td>
          </tr>
          <tr>
            <th scope="row">Online account</th>
            <td>{kept.account}</td>
            <td>{merged.account}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
