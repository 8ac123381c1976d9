import { formatCents } from '../../../../src/domain/billing/money.ts';
import './superbill.css';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { PAYER_KINDS, type PayerKind } from '../../../../src/domain/billing/cms1500.ts';
import { HEALTH_PLAN_FILING, type HealthPlanFiling } from '../../../../src/domain/billing/x12-837p.ts';
import type { Cms1500Preflight } from '../../../../src/modules/superbills/schemas.ts';
import { ApiError, api } from '../../api/client.ts';
import { canOpen } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { patientPath } from '../body-chart/api.ts';
import { claimProblemFix } from './claim-fixes.ts';
import { DateRangeFields, useDateRange } from './DateRange.tsx';
import { electronicClaimState, electronicClaimUrl } from './electronic-claim.ts';

const PAYER_LABELS: Record<PayerKind, string> = {
  health: 'Health plan',
  auto: 'Auto insurance (PIP / MedPay)',
  workers_comp: 'Workers’ compensation',
};

/**
 * The insurance claim of the visits documented between two dates, for the billing staff: choose the payer and
 * the dates, check the claim (what is missing, in plain words, box by box), then download it to print on the
 * red CMS-1500 form, a review copy listing every box, or the electronic claim (X12 837P) for the clearinghouse.
 */
export function InsuranceClaim({
  clinicId,
  patientId,
  timeZone,
}: {
  clinicId: string;
  patientId: string;
  timeZone: string;
}) {
  const range = useDateRange(timeZone);
  const { from, to } = range;
  const [payer, setPayer] = useState<PayerKind>('health');
  const [checked, setChecked] = useState<{ key: string; result: Cms1500Preflight } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [payerId, setPayerId] = useState('');
  const [filing, setFiling] = useState<HealthPlanFiling>('CI');
  const blockedId = useId();
  const key = `${payer}|${from}|${to}`;
  const result = checked?.key === key ? checked.result : null;
  const query = `from=${from}&to=${to}&payer=${payer}`;
  const pdf = (print: 'form' | 'review') =>
    `${patientPath(clinicId, patientId)}/claims/cms1500.pdf?${query}&print=${print}`;

  async function check() {
    setBusy(true);
    setError(null);
    try {
      const preflight = await api<Cms1500Preflight>(`${patientPath(clinicId, patientId)}/claims/cms1500`, {
        query: { from, to, payer },
      });
      setChecked({ key, result: preflight });
    } catch (e) {
      setChecked(null);
      setError(e instanceof ApiError || e instanceof Error ? e.message : 'The claim could not be checked.');
    } finally {
      setBusy(false);
    }
  }

  const errors = result?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = result?.problems.filter((p) => p.severity === 'warning') ?? [];
  const electronic = result?.electronicProblems ?? [];
  const { blocked, payerIdError } = result
    ? electronicClaimState(result, payerId)
    : { blocked: null, payerIdError: undefined };
  const fixFor = { patientId, payer: result?.payer ?? payer };
  const x12 = electronicClaimUrl(patientPath(clinicId, patientId), { from, to, payer, payerId, filing });

  return (
    <div className="superbill insurance-claim">
      <fieldset>
        <legend>Insurance claim (CMS-1500) and 837P file</legend>
        <p className="small muted">
          The claim health plans, auto insurers and workers’ compensation carriers pay from. Check it first,
          then print it on the red CMS-1500 form or send it to your clearinghouse as an electronic claim (837P
          file).
        </p>
        <div className="field-row">
          <Field label="Payer">
            {(p) => (
              <select {...p} value={payer} onChange={(e) => setPayer(e.target.value as PayerKind)}>
                {PAYER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {PAYER_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateRangeFields range={range} />
          <button
            type="button"
            className="button button-secondary"
            disabled={!range.complete || busy}
            onClick={check}
          >
            {busy ? 'Checking…' : 'Check the claim'}
          </button>
        </div>
        <div aria-live="polite" role="status" className="live-message">
          {error ? <div className="alert alert-error">{error}</div> : null}
          {result ? (
            <div className="claim-preflight">
              <p>
                {result.payerName ?? PAYER_LABELS[result.payer]}: {result.visits}{' '}
                {result.visits === 1 ? 'visit' : 'visits'} on {result.forms.length}{' '}
                {result.forms.length === 1 ? 'form' : 'forms'}, total charge{' '}
                {formatCents(result.totalChargeCents)}.
              </p>
              {result.problems.length === 0 && electronic.length === 0 ? (
                <p>Nothing is missing: the claim is ready to print or to send electronically.</p>
              ) : (
                <>
                  <ProblemList title="To fix before sending" problems={errors} claim={fixFor} />
                  <ProblemList title="To check" problems={warnings} claim={fixFor} />
                  <ProblemList
                    title="Also to fix for the electronic claim (837P)"
                    problems={electronic}
                    claim={fixFor}
                  />
                </>
              )}
            </div>
          ) : null}
        </div>
        {result ? (
          <>
            <div className="field-row">
              <Field
                label="Payer ID (for the 837P file)"
                hint="As your clearinghouse’s payer list gives it for this payer"
                error={payerIdError}
              >
                {(p) => (
                  <input
                    {...p}
                    value={payerId}
                    onChange={(e) => setPayerId(e.target.value)}
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={15}
                  />
                )}
              </Field>
              {payer === 'health' ? (
                <Field label="Plan type">
                  {(p) => (
                    <select
                      {...p}
                      value={filing}
                      onChange={(e) => setFiling(e.target.value as HealthPlanFiling)}
                    >
                      {HEALTH_PLAN_FILING.map((f) => (
                        <option key={f.code} value={f.code}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
            </div>
            <div className="claim-downloads">
              {result.visits > 0 ? (
                <a className="button button-secondary" href={pdf('form')} download>
                  Download to print on the form (PDF)
                </a>
              ) : null}
              <a className="button button-secondary" href={pdf('review')} download>
                Download a review copy (PDF)
              </a>
              {blocked ? (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled
                  aria-describedby={blockedId}
                >
                  Download 837P file
                </button>
              ) : (
                <a className="button button-secondary" href={x12} download>
                  Download 837P file
                </a>
              )}
            </div>
            {blocked ? (
              <p id={blockedId} className="small muted">
                The 837P file: {blocked}
              </p>
            ) : null}
          </>
        ) : null}
      </fieldset>
    </div>
  );
}

/**
 * Problems of one severity under their heading, each with its box and a link to where it is fixed (or, for a
 * page the reader may not open, who can fix it); nothing when there are none.
 */
function ProblemList({
  title,
  problems,
  claim,
}: {
  title: string;
  problems: Cms1500Preflight['problems'];
  claim: Parameters<typeof claimProblemFix>[1];
}) {
  const { roles } = useSession();
  if (problems.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul>
        {problems.map((p) => {
          const fix = claimProblemFix(p, claim);
          return (
            <li key={`${p.field}-${p.message}`}>
              <strong>Box {p.field}:</strong> {p.message}{' '}
              {fix === null ? null : canOpen(roles, fix.gate) ? (
                <Link to={fix.to}>{fix.label}</Link>
              ) : (
                <span className="muted">(the clinic owner can fix this)</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
