import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ClearanceRequest, clearanceRequestBody } from '../../../../src/modules/safety/schemas.ts';
import { ApiError, api, messageOf } from '../../api/client.ts';
import { useAttemptKey } from '../../api/idempotency.ts';
import { useClinic } from '../../app/session.tsx';
import { Checkbox, Field } from '../../components/Field.tsx';
import { formatDate } from '../../components/format.ts';
import { Alert, LiveMessage } from '../../components/Status.tsx';
import { type ClinicianSafety, clinical } from '../patients/api.ts';
import { PROVIDER_KIND_LABELS } from '../patients/labels.tsx';
import { draftQuestion, mayClearMedically, waitingRequest } from './clearance-request-text.ts';
import { CLEARANCE_ANSWER_LABELS } from './clearance-restrictions.ts';

type Flag = ClinicianSafety['flags'][number];

const requestsPath = (clinicId: string, patientId: string) =>
  `/api/clinics/${clinicId}/patients/${patientId}/safety/clearance-requests`;
export const clearanceRequestsApi = {
  list: (clinicId: string, patientId: string) =>
    api<{ items: ClearanceRequest[]; visitsSoFar: number }>(requestsPath(clinicId, patientId)),
  ask: (clinicId: string, patientId: string, body: z.input<typeof clearanceRequestBody>, key: string) =>
    api<ClearanceRequest>(requestsPath(clinicId, patientId), { body, headers: { 'idempotency-key': key } }),
  /** Open requests addressed to the signed-in physician. */
  forPhysician: (clinicId: string) =>
    api<{ items: ClearanceRequest[] }>(`/api/clinics/${clinicId}/physician/clearance-requests`),
  letterUrl: (clinicId: string, patientId: string, requestId: string) =>
    `${requestsPath(clinicId, patientId)}/${requestId}/letter.pdf`,
};

export const clearanceRequestsKey = (clinicId: string, patientId: string) => [
  'clearance-requests',
  clinicId,
  patientId,
];

/** The requests waiting on the signed-in physician (their home page, and the chart they answer one from). */
export const physicianClearanceRequestsKey = (clinicId: string) => ['physician-clearance-requests', clinicId];

/**
 * Asking a physician for clearance, under the clearances: the requests sent (waiting or answered, each with its
 * letter to print or fax) and the form. The form asks about the flags still waiting for clearance, to the
 * patient's referring provider first, with a question the therapist edits.
 */
export function ClearanceRequests({
  patientId,
  flags,
  referringProviderId,
}: {
  patientId: string;
  /** Current flags a physician may clear. */
  flags: Flag[];
  referringProviderId: string | null;
}) {
  const clinic = useClinic();
  const client = useQueryClient();
  const key = clearanceRequestsKey(clinic.id, patientId);
  const requests = useQuery({
    queryKey: key,
    queryFn: () => clearanceRequestsApi.list(clinic.id, patientId),
  });
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  // When the form closes, focus goes back to the button that opened it (once it is drawn again).
  useEffect(() => {
    if (wasAsking.current && !asking) askButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const waiting = flags.filter((f) => !f.acknowledged);
  return (
    <div className="clearance-requests">
      <h3>Asked of physicians</h3>
      <LiveMessage message={message} />
      {requests.isError ? <Alert>{messageOf(requests.error)}</Alert> : null}
      {requests.data?.items.length ? (
        <ul className="card-list" aria-label="Clearance requests">
          {requests.data.items.map((r) => (
            <li key={r.id} className="card">
              <p>
                <strong>{r.provider.name}</strong>, asked {formatDate(r.requestedAt, clinic.timeZone)} by{' '}
                {r.requestedBy} ·{' '}
                {r.answeredAt ? (
                  <span className={`badge badge-${r.answer === 'not-cleared' ? 'warning' : 'success'}`}>
                    Answered {formatDate(r.answeredAt, clinic.timeZone)}
                    {r.answer ? `: ${CLEARANCE_ANSWER_LABELS[r.answer].label.toLowerCase()}` : ''}
                  </span>
                ) : (
                  <span className="badge badge-outline">Waiting</span>
                )}
              </p>
              <p className="small">{r.question}</p>
              <p className="small">
                <a href={clearanceRequestsApi.letterUrl(clinic.id, patientId, r.id)} download>
                  Letter to print or fax (PDF)
                  <span className="visually-hidden"> to {r.provider.name}</span>
                </a>
                {r.provider.fax ? ` · fax ${r.provider.fax}` : ''}
                {r.provider.onPalpa ? ' · also on their Palpa home page' : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : requests.data ? (
        <p className="muted">No physician asked yet.</p>
      ) : null}
      {asking && requests.data ? (
        <AskForm
          patientId={patientId}
          flags={waiting}
          referringProviderId={referringProviderId}
          requests={requests.data.items}
          visitsSoFar={requests.data.visitsSoFar}
          onDone={(sent) => {
            setAsking(false);
            if (sent && requests.data) {
              client.setQueryData(key, { ...requests.data, items: [sent, ...requests.data.items] });
              setMessage(
                `Asked ${sent.provider.name}.${sent.provider.onPalpa ? ' They are e-mailed and will see it on their Palpa home page.' : ' Print the letter to fax it.'}`,
              );
            }
          }}
        />
      ) : waiting.length > 0 ? (
        <button
          ref={askButton}
          type="button"
          className="button button-secondary"
          onClick={() => setAsking(true)}
        >
          Ask a physician for clearance
        </button>
      ) : null}
    </div>
  );
}

function AskForm({
  patientId,
  flags,
  referringProviderId,
  requests,
  visitsSoFar,
  onDone,
}: {
  patientId: string;
  flags: Flag[];
  referringProviderId: string | null;
  /** The requests already sent: one still waiting on the same provider and flag is pointed to, not repeated. */
  requests: ClearanceRequest[];
  visitsSoFar: number;
  onDone: (sent: ClearanceRequest | null) => void;
}) {
  const clinic = useClinic();
  const providers = useQuery({
    queryKey: ['providers', clinic.id, ''],
    queryFn: () => clinical.providers(clinic.id),
  });
  const [ruleIds, setRuleIds] = useState(() => flags.map((f) => f.ruleId));
  const [picked, pick] = useState(referringProviderId ?? '');
  const [question, setQuestion] = useState(() => draftQuestion(flags, visitsSoFar));
  const medical = providers.data?.items.filter((p) => mayClearMedically(p.kind)) ?? [];
  const others = providers.data?.items.filter((p) => !mayClearMedically(p.kind)) ?? [];
  // The referring provider, else the first on file who may clear a medical condition, until someone picks another.
  const providerId = picked || medical[0]?.id || others[0]?.id || '';
  const pending = waitingRequest(requests, providerId, ruleIds);
  const option = (provider: (typeof medical)[number]) => (
    <option key={provider.id} value={provider.id}>
      {provider.displayName} · {PROVIDER_KIND_LABELS[provider.kind]}
      {provider.id === referringProviderId ? ' (referred this patient)' : ''}
    </option>
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyFor = useAttemptKey();
  const legendId = useId();
  const providerRef = useRef<HTMLSelectElement>(null);
  useEffect(() => providerRef.current?.focus(), []);
  return (
    <form
      className="form"
      aria-label="Ask a physician for clearance"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const body = { ruleIds, providerId, question };
        setBusy(true);
        setErrors({});
        setFormError(null);
        try {
          onDone(await clearanceRequestsApi.ask(clinic.id, patientId, body, keyFor(body)));
        } catch (failure) {
          const issues = failure instanceof ApiError ? failure.fieldIssues : [];
          if (issues.length) setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
          else setFormError(messageOf(failure));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert>{formError}</Alert>
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId}>Flags to ask about</legend>
        {flags.map((f) => (
          <Checkbox
            key={f.ruleId}
            label={`${f.subject}: ${f.restriction}`}
            checked={ruleIds.includes(f.ruleId)}
            onChange={(e) =>
              setRuleIds(e.target.checked ? [...ruleIds, f.ruleId] : ruleIds.filter((id) => id !== f.ruleId))
            }
          />
        ))}
        {errors.ruleIds ? <p className="field-error">{errors.ruleIds}</p> : null}
      </fieldset>
      <Field
        label="Physician"
        hint="Each provider is shown with their credential. A clearance for a medical condition normally comes from a physician, nurse practitioner or physician assistant; a chiropractor or physical therapist can refer but is not usually the one to clear it. Add providers on the Referring providers page."
        error={errors.providerId}
      >
        {(p) => (
          <select {...p} ref={providerRef} value={providerId} onChange={(e) => pick(e.target.value)}>
            {others.length ? (
              <>
                <optgroup label="Physicians and other medical providers">{medical.map(option)}</optgroup>
                <optgroup label="Chiropractors and physical therapists (not usually for a medical clearance)">
                  {others.map(option)}
                </optgroup>
              </>
            ) : (
              medical.map(option)
            )}
          </select>
        )}
      </Field>
      {pending ? (
        <Alert tone="warning">
          {pending.provider.name} was asked about this on {formatDate(pending.requestedAt, clinic.timeZone)}{' '}
          and has not answered yet: print or fax{' '}
          <a href={clearanceRequestsApi.letterUrl(clinic.id, patientId, pending.id)} download>
            that request's letter
          </a>{' '}
          again, or choose another provider or flag.
        </Alert>
      ) : null}
      <Field label="What you plan and ask" hint="It is the body of the letter" error={errors.question}>
        {(p) => <textarea {...p} rows={5} value={question} onChange={(e) => setQuestion(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Send the request'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
