import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClearanceRequest } from '../../../../src/modules/safety/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert, EmptyState, LiveMessage } from '../../components/Status.tsx';
import { type Attachment, type Clearance, type ClinicianSafety, clinical } from '../patients/api.ts';
import { SEVERITY, todayIn } from '../patients/labels.tsx';
import {
  ClearanceRequests,
  clearanceRequestsApi,
  clearanceRequestsKey,
  physicianClearanceRequestsKey,
} from './ClearanceRequests.tsx';
import {
  answerSummary,
  CLEARANCE_ANSWER_LABELS,
  type ClearanceAnswer,
  clearanceFormProblems,
  initiallyTicked,
  liftedRestrictions,
  restrictionLabel,
  restrictionsKept,
} from './clearance-restrictions.ts';
import { FileUpload, useUploadToPatient } from './DocumentsSection.tsx';
import { SectionHeading } from './sections.tsx';

const STATUS: Record<Clearance['status'], string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  'not-yet-valid': 'Not yet valid',
};

/** Physician clearances: the list (revoked ones kept), recording one against the flags, revoking with a reason. */
export function ClearancesSection({
  patientId,
  safety,
  documents,
  canRecord,
  asPhysician,
  referringProviderId,
  onChanged,
}: {
  patientId: string;
  safety: ClinicianSafety;
  documents: Attachment[];
  canRecord: boolean;
  asPhysician: boolean;
  /** The provider of the patient's latest referral: the one asked for clearance first. */
  referringProviderId: string | null;
  onChanged: () => void;
}) {
  // "?clearance=new" (the link from a plan or note the screening blocked) opens the form at once.
  const [adding, setAdding] = useState(
    () => canRecord && new URLSearchParams(window.location.search).get('clearance') === 'new',
  );
  const [message, setMessage] = useState<string | null>(null);
  const clinic = useClinic();
  const client = useQueryClient();
  const clearable = uniqueRules(safety.flags.filter((f) => f.clearancePolicy !== 'not-overridable'));
  const answering = useAnsweredRequest(patientId, asPhysician);
  return (
    <section className="section chart-section" aria-labelledby="section-clearances">
      <SectionHeading
        id="clearances"
        title="Physician clearances"
        actions={
          canRecord && clearable.length > 0 && !adding ? (
            <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
              Record a clearance
            </button>
          ) : null
        }
      />
      <LiveMessage message={message} />
      {adding ? (
        <ClearanceForm
          // Drawn again once the request it answers has loaded, to tick what that request asked about.
          key={answering?.id ?? 'none'}
          answering={answering}
          patientId={patientId}
          rules={clearable}
          documents={documents}
          asPhysician={asPhysician}
          onDone={(text) => {
            setAdding(false);
            if (text) {
              setMessage(text);
              onChanged();
              // A clearance answers the requests that asked for it.
              void client.invalidateQueries({ queryKey: clearanceRequestsKey(clinic.id, patientId) });
              if (asPhysician)
                void client.invalidateQueries({ queryKey: physicianClearanceRequestsKey(clinic.id) });
            }
          }}
        />
      ) : null}
      {safety.clearances.length === 0 ? (
        <EmptyState title="No clearance on file">
          {clearable.length
            ? 'Flags that need a physician’s agreement stay “clearance required” until one is recorded.'
            : 'No current flag needs a physician clearance.'}
        </EmptyState>
      ) : (
        <ul className="card-list">
          {safety.clearances.map((c) => (
            <ClearanceItem
              key={c.id}
              clearance={c}
              patientId={patientId}
              flags={safety.flags}
              canRevoke={canRecord}
              onRevoked={() => {
                setMessage('The clearance was revoked. It stays on record.');
                onChanged();
              }}
            />
          ))}
        </ul>
      )}
      {canRecord && !asPhysician ? (
        <ClearanceRequests
          patientId={patientId}
          flags={clearable}
          referringProviderId={referringProviderId}
        />
      ) : null}
    </section>
  );
}

/**
 * The request a physician answers: the one they opened the chart from on their home page
 * (`?clearanceRequest=`), while it still waits. Null otherwise.
 */
function useAnsweredRequest(patientId: string, asPhysician: boolean): ClearanceRequest | null {
  const clinic = useClinic();
  const [requestId] = useState(() => new URLSearchParams(window.location.search).get('clearanceRequest'));
  const waiting = useQuery({
    queryKey: physicianClearanceRequestsKey(clinic.id),
    queryFn: () => clearanceRequestsApi.forPhysician(clinic.id),
    enabled: asPhysician && requestId !== null,
  });
  return waiting.data?.items.find((r) => r.id === requestId && r.patientId === patientId) ?? null;
}

type Flag = ClinicianSafety['flags'][number];
function uniqueRules(flags: Flag[]): Flag[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    if (seen.has(f.ruleId)) return false;
    seen.add(f.ruleId);
    return true;
  });
}

function ClearanceItem({
  clearance: c,
  patientId,
  flags,
  canRevoke,
  onRevoked,
}: {
  clearance: Clearance;
  patientId: string;
  flags: Flag[];
  canRevoke: boolean;
  onRevoked: () => void;
}) {
  const clinic = useClinic();
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="card">
      <p>
        <span className={`badge badge-${c.status === 'active' ? 'success' : 'muted'}`}>
          {STATUS[c.status]}
        </span>{' '}
        <strong>{c.physicianName}</strong> {answerSummary(c)}
      </p>
      <ul>
        {liftedRestrictions(c.ruleIds, flags).map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      {c.note ? <p className="muted">{c.note}</p> : null}
      {c.attachmentId ? (
        <p className="small">
          <a href={clinical.downloadUrl(clinic.id, patientId, c.attachmentId)}>Clearance document</a>
        </p>
      ) : null}
      {c.status === 'revoked' ? (
        <p className="small">
          Revoked{c.revokedBy ? ` by ${c.revokedBy.name}` : ''}: {c.revokeReason}
        </p>
      ) : canRevoke ? (
        revoking ? (
          <form
            className="form inline-editor"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!reason.trim()) return setError('Give the reason for revoking it');
              try {
                await clinical.revokeClearance(clinic.id, patientId, c.id, reason.trim());
                onRevoked();
              } catch (err) {
                setError(messageOf(err));
              }
            }}
          >
            <Field label="Reason for revoking" error={error ?? undefined}>
              {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <div className="form-actions">
              <button type="submit" className="button button-danger">
                Revoke clearance
              </button>
              <button type="button" className="button button-secondary" onClick={() => setRevoking(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button button-danger-quiet" onClick={() => setRevoking(true)}>
            Revoke…
          </button>
        )
      ) : null}
    </li>
  );
}

function ClearanceForm({
  answering,
  patientId,
  rules,
  documents,
  asPhysician,
  onDone,
}: {
  /** The request this clearance answers, if any. */
  answering: ClearanceRequest | null;
  patientId: string;
  rules: Flag[];
  documents: Attachment[];
  asPhysician: boolean;
  onDone: (message?: string) => void;
}) {
  const clinic = useClinic();
  const today = todayIn(clinic.timeZone);
  // No answer is chosen for the physician: a clearance is never one tap away.
  const [answer, setAnswer] = useState<ClearanceAnswer | null>(null);
  // Until the physician ticks a restriction themselves, the ticks follow the answer (none for "with restrictions").
  const [ticked, setTicked] = useState<string[] | null>(null);
  const ruleIds = ticked ?? initiallyTicked(rules, answering?.ruleIds, answer);
  const kept = answer === 'cleared-with-limits' ? restrictionsKept(rules, ruleIds) : [];
  const [limits, setLimits] = useState('');
  const [physicianName, setPhysicianName] = useState('');
  const [clearedOn, setClearedOn] = useState(today);
  const [expiresOn, setExpiresOn] = useState('');
  const [attachmentId, setAttachmentId] = useState('');
  const [uploaded, setUploaded] = useState<Attachment[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = useUploadToPatient(patientId);
  const docs = [...uploaded, ...documents];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const found = clearanceFormProblems({ answer, ruleIds, limits, physicianName }, asPhysician);
    setErrors(found);
    if (!answer || Object.keys(found).length) return;
    setBusy(true);
    setFormError(null);
    try {
      await clinical.recordClearance(clinic.id, patientId, {
        answer,
        ruleIds,
        limits: answer === 'cleared-with-limits' ? limits.trim() : undefined,
        physicianName: physicianName.trim() || undefined,
        clearedOn,
        expiresOn: (answer !== 'not-cleared' && expiresOn) || undefined,
        attachmentId: attachmentId || undefined,
        note: note.trim() || undefined,
      });
      onDone(
        answer === 'not-cleared'
          ? 'Your answer was recorded: the restrictions stay in force, and the chart shows you did not clear them.'
          : 'The clearance was recorded; the flags it covers now show “clearance on file”.',
      );
    } catch (err) {
      const placed: Record<string, string> = {};
      const rest = applyApiError(
        err,
        ((name: string, { message }: { message?: string }) => {
          placed[name.split('.')[0]!] = message ?? '';
        }) as never,
        [
          'answer',
          'ruleIds',
          'limits',
          'physicianName',
          'clearedOn',
          'expiresOn',
          'attachmentId',
          'note',
        ] as never,
        Object.fromEntries(rules.map((_, i) => [`ruleIds.${i}`, 'ruleIds'])) as never,
      );
      setErrors(placed);
      setFormError(rest);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-label="Record a physician clearance">
      <Alert>{formError}</Alert>
      {answering ? (
        <p className="muted">
          Answering {answering.requestedBy}’s request: “{answering.question}”
        </p>
      ) : null}
      <fieldset aria-describedby="clearance-answer-error">
        <legend>{asPhysician ? 'Your answer' : 'The physician’s answer'}</legend>
        {(Object.keys(CLEARANCE_ANSWER_LABELS) as ClearanceAnswer[]).map((value) => (
          <Checkbox
            key={value}
            type="radio"
            name="clearance-answer"
            label={CLEARANCE_ANSWER_LABELS[value].label}
            hint={CLEARANCE_ANSWER_LABELS[value].hint}
            checked={answer === value}
            onChange={() => setAnswer(value)}
          />
        ))}
        <div id="clearance-answer-error" className="field-error" aria-live="polite">
          {errors.answer ?? ''}
        </div>
      </fieldset>
      {answer === 'cleared-with-limits' ? (
        <Field
          label="The limits"
          hint="Which areas, techniques or pressure massage is limited to"
          error={errors.limits}
        >
          {(p) => <textarea {...p} rows={2} value={limits} onChange={(e) => setLimits(e.target.value)} />}
        </Field>
      ) : null}
      <fieldset aria-describedby="clearance-scope-error">
        <legend>
          {answer === 'not-cleared'
            ? 'Restrictions your answer is about (they stay in force)'
            : 'Restrictions the clearance lifts'}
        </legend>
        {answer === 'cleared-with-limits' ? (
          <p className="field-hint">
            Tick each restriction your limits lift. Your limits are shown beside the flags.
          </p>
        ) : answering ? (
          <p className="field-hint">Ticked: what the request asks about. Tick only what you answer.</p>
        ) : null}
        {rules.map((r) => (
          <Checkbox
            key={r.ruleId}
            label={restrictionLabel(r)}
            hint={`${SEVERITY[r.severity]?.label ?? r.severity}${r.acknowledged ? ' · already cleared' : ''}${answering?.ruleIds.includes(r.ruleId) ? ' · asked about in the request' : ''}`}
            checked={ruleIds.includes(r.ruleId)}
            onChange={(ev) =>
              setTicked(ev.target.checked ? [...ruleIds, r.ruleId] : ruleIds.filter((id) => id !== r.ruleId))
            }
          />
        ))}
        <div id="clearance-scope-error" className="field-error" aria-live="polite">
          {errors.ruleIds ?? ''}
        </div>
        {kept.length > 0 ? (
          <div className="field-hint" aria-live="polite">
            Stay in force with this answer:
            <ul>
              {kept.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </fieldset>
      <div className="field-grid">
        {asPhysician ? null : (
          <Field
            label="Physician"
            hint="Name and credentials, e.g. Dr. Ana Ruiz, MD"
            error={errors.physicianName}
          >
            {(p) => <input {...p} value={physicianName} onChange={(e) => setPhysicianName(e.target.value)} />}
          </Field>
        )}
        <Field label="Date of the answer" error={errors.clearedOn}>
          {(p) => (
            <input
              {...p}
              type="date"
              max={today}
              value={clearedOn}
              onChange={(e) => setClearedOn(e.target.value)}
            />
          )}
        </Field>
        {answer === 'not-cleared' ? null : (
          <Field label="Expires on (optional)" error={errors.expiresOn}>
            {(p) => (
              <input {...p} type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
            )}
          </Field>
        )}
        <Field label="Clearance document (optional)" error={errors.attachmentId}>
          {(p) => (
            <select {...p} value={attachmentId} onChange={(e) => setAttachmentId(e.target.value)}>
              <option value="">None</option>
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.fileName}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FileUpload
        label="Or upload the clearance letter"
        send={send}
        defaultKind="clearance"
        onUploaded={(a) => {
          setUploaded((u) => [a, ...u]);
          setAttachmentId(a.id);
        }}
      />
      <Field
        label={answer === 'not-cleared' ? 'Why, or when to ask again (optional)' : 'Note (optional)'}
        error={errors.note}
      >
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {asPhysician ? 'Record my answer' : 'Record the answer'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
