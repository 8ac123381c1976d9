import { formatCents } from '../../../../src/domain/billing/money.ts';
import './payments.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Controller, type UseFormRegisterReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  CHARGE_KIND_LABELS,
  type Charge,
  correctionReason,
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHOD_VALUES,
  type Payment,
  paymentInput,
  refundInput,
} from '../../../../src/modules/payments/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useAttemptKey } from '../../api/idempotency.ts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDate, formatWeekdayTime } from '../../components/format.ts';
import { ServerForm } from '../../components/ServerForm.tsx';
import { EmptyState, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { SectionHeading } from '../chart/sections.tsx';
import { PriceInput } from '../schedule-setup/inputs.tsx';
import { accountKey, type PatientAccount, paymentsApi } from './api.ts';
import { chargesToList, due } from './charges.ts';

type Input = z.input<typeof paymentInput>;
type Output = z.output<typeof paymentInput>;
type RefundValues = z.input<typeof refundInput>;

/** "Balance due $50.00", "Paid in full" or "In credit $20.00": what the front desk needs to know first. */
export function balanceText(account: PatientAccount): string {
  if (account.balanceCents > 0) return `Balance due ${formatCents(account.balanceCents)}`;
  if (account.balanceCents < 0) return `In credit ${formatCents(-account.balanceCents)}`;
  return account.chargedCents > 0 ? 'Paid in full' : 'Nothing owed';
}

/**
 * The patient's account on the chart: the balance first, each charge (visit attended, missed-visit fee) with
 * what was paid, and the payments taken. Staff take a payment for a charge (the amount due filled in) or on
 * account, give back a credit, void a payment taken by mistake and waive a fee, each saying why; all stay
 * listed. After each, focus goes to the balance, which says what changed.
 */
export function PaymentsSection({ patientId }: { patientId: string }) {
  const clinic = useClinic();
  const client = useQueryClient();
  const key = accountKey(clinic.id, patientId);
  const account = useQuery({ queryKey: key, queryFn: () => paymentsApi.account(clinic.id, patientId) });
  const [taking, setTaking] = useState<{ appointmentId: string | null; amountCents: number } | null>(null);
  const [refunding, setRefunding] = useState(false);
  const [allCharges, setAllCharges] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const balanceRef = useRef<HTMLParagraphElement>(null);
  const updated = (next: PatientAccount, text: string) => {
    client.setQueryData(key, next);
    setMessage(`${text} ${balanceText(next)}.`);
    // The control that was used is gone (the form closed, the button with it): the balance takes focus.
    balanceRef.current?.focus();
  };
  const data = account.data;
  const listed = data ? chargesToList(data.charges) : [];
  const chargeLabel = useChargeLabel();
  const open = taking !== null || refunding;
  return (
    <section className="section chart-section" aria-labelledby="section-payments">
      <SectionHeading
        id="payments"
        title="Payments"
        actions={
          data && !open ? (
            <div className="payment-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  setTaking({ appointmentId: null, amountCents: Math.max(data.balanceCents, 0) })
                }
              >
                Take a payment
              </button>
              {data.balanceCents < 0 ? (
                <button type="button" className="button button-secondary" onClick={() => setRefunding(true)}>
                  Refund the credit
                </button>
              ) : null}
            </div>
          ) : null
        }
      />
      <LiveMessage message={message} />
      {account.isPending ? <Loading /> : null}
      {account.isError ? <LoadError error={account.error} retry={() => account.refetch()} /> : null}
      {data ? (
        <div className="card">
          <p
            ref={balanceRef}
            tabIndex={-1}
            className={`account-balance${data.balanceCents > 0 ? ' account-owing' : ''}`}
          >
            <strong>{balanceText(data)}</strong>
            <span className="muted">
              {' '}
              · charged {formatCents(data.chargedCents)} · paid {formatCents(data.paidCents)}
            </span>
          </p>
          {refunding ? (
            <RefundForm
              patientId={patientId}
              creditCents={Math.max(-data.balanceCents, 0)}
              onSaved={(next) => {
                setRefunding(false);
                updated(next, 'Refund recorded.');
              }}
              onCancel={() => setRefunding(false)}
            />
          ) : null}
          {taking ? (
            <PaymentForm
              patientId={patientId}
              charges={data.charges}
              chargeLabel={chargeLabel}
              initial={taking}
              onSaved={(next) => {
                setTaking(null);
                updated(next, 'Payment recorded.');
              }}
              onCancel={() => setTaking(null)}
            />
          ) : null}
          <h3>Charges</h3>
          {data.charges.length === 0 ? (
            <p className="muted">No visit attended yet.</p>
          ) : (
            <>
              <ChargesTable
                charges={allCharges ? data.charges : listed}
                action={(v) =>
                  due(v) > 0 && !open ? (
                    <div className="payment-actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setTaking({ appointmentId: v.appointmentId, amountCents: due(v) })}
                      >
                        Take payment<span className="visually-hidden"> for {chargeLabel(v)}</span>
                      </button>
                      {v.kind === 'visit' ? null : (
                        <WithReason
                          action="Waive"
                          what={`the fee for ${chargeLabel(v)}`}
                          question="Why waive it?"
                          hint="It stays listed, no longer owed"
                          confirm="Waive fee"
                          onConfirm={(reason) =>
                            paymentsApi
                              .waiveFee(clinic.id, patientId, v.appointmentId, reason)
                              .then((next) => updated(next, 'Fee waived.'))
                          }
                        />
                      )}
                    </div>
                  ) : null
                }
              />
              {listed.length < data.charges.length ? (
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setAllCharges(!allCharges)}
                >
                  {allCharges
                    ? 'Show what is due and the latest only'
                    : `Show all ${data.charges.length} charges`}
                </button>
              ) : null}
            </>
          )}
          <h3>Payments and refunds</h3>
          {data.payments.length === 0 ? (
            <EmptyState title="No payment yet" />
          ) : (
            <ul className="payment-list" aria-label="Payments and refunds">
              {data.payments.map((p) => (
                <PaymentItem
                  key={p.id}
                  payment={p}
                  charge={data.charges.find((v) => v.appointmentId === p.appointmentId)}
                  chargeLabel={chargeLabel}
                  onVoid={(reason) =>
                    paymentsApi
                      .void(clinic.id, patientId, p.id, reason)
                      .then((next) =>
                        updated(next, p.kind === 'refund' ? 'Refund voided.' : 'Payment voided.'),
                      )
                  }
                />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}

function useChargeLabel() {
  const { timeZone } = useClinic();
  return (v: Charge) =>
    `${formatWeekdayTime(v.start, timeZone)}, ${v.serviceName}${v.kind === 'visit' ? '' : ` (${CHARGE_KIND_LABELS[v.kind].toLowerCase()})`}`;
}

/**
 * Each charge with its fee, what was paid and what is due; `action`: buttons per charge (staff), one above the
 * other so the table fits the page column down to where it turns into cards (styles.css, `@container main`).
 */
function ChargesTable({ charges, action }: { charges: Charge[]; action?: (v: Charge) => ReactNode }) {
  const chargeLabel = useChargeLabel();
  return (
    <DataTable
      caption="Charges and what was paid for each"
      className="charges-table"
      rows={charges}
      rowKey={(v) => v.appointmentId}
      columns={[
        {
          label: 'Charge',
          cell: (v) => (
            <>
              {chargeLabel(v)}
              {v.waived ? (
                <span className="small muted">
                  {' '}
                  — waived by {v.waived.byName}: {v.waived.reason}
                </span>
              ) : null}
            </>
          ),
        },
        { label: 'Fee', cell: (v) => formatCents(v.feeCents) },
        { label: 'Paid', cell: (v) => formatCents(v.paidCents) },
        { label: 'Due', cell: (v) => (due(v) > 0 ? formatCents(due(v)) : '—') },
        action ? { label: 'Actions', hideLabel: true, className: 'charge-actions', cell: action } : null,
      ]}
    />
  );
}

/** The patient's own account in their portal: the balance and each charge with what was paid (read only). */
export function MyAccount({ clinicId, patientId }: { clinicId: string; patientId: string }) {
  const account = useQuery({
    queryKey: accountKey(clinicId, patientId),
    queryFn: () => paymentsApi.account(clinicId, patientId),
  });
  if (account.isPending) return <Loading />;
  if (account.isError) return <LoadError error={account.error} retry={() => account.refetch()} />;
  const data = account.data;
  return (
    <>
      <p className={`account-balance${data.balanceCents > 0 ? ' account-owing' : ''}`}>
        <strong>{balanceText(data)}</strong>
        <span className="muted"> · paid {formatCents(data.paidCents)} in all</span>
      </p>
      {data.charges.length > 0 ? (
        <ChargesTable charges={chargesToList(data.charges)} />
      ) : (
        <p>No visit to pay for yet.</p>
      )}
      <p className="small muted">Payments are taken at the clinic; ask the front desk about a charge.</p>
    </>
  );
}

export function PaymentForm({
  patientId,
  charges,
  chargeLabel,
  initial,
  onSaved,
  onCancel,
}: {
  patientId: string;
  charges: Charge[];
  chargeLabel: (v: Charge) => string;
  initial: { appointmentId: string | null; amountCents: number };
  onSaved: (account: PatientAccount) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  // A retry after a lost answer replays instead of charging twice.
  const keyFor = useAttemptKey();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(paymentInput),
    defaultValues: {
      amountCents: initial.amountCents,
      method: 'card',
      appointmentId: initial.appointmentId,
      reference: null,
    },
  });
  // The amount first: the form opens where the front desk types.
  useEffect(() => form.setFocus('amountCents'), [form]);
  const {
    control,
    register,
    formState: { errors },
  } = form;
  return (
    <ServerForm
      form={form}
      fields={['amountCents', 'method', 'appointmentId', 'reference', 'receivedAt']}
      label="Take a payment"
      className="form payment-form"
      onSave={async (values) =>
        onSaved(await paymentsApi.record(clinic.id, patientId, values, keyFor(values)))
      }
      submitLabel="Record payment"
      submittingLabel="Recording…"
      onCancel={onCancel}
    >
      <div className="field-grid">
        <Controller
          control={control}
          name="amountCents"
          render={({ field, fieldState }) => (
            <PriceInput label="Amount (USD)" field={field} error={fieldState.error?.message} />
          )}
        />
        <MethodField registration={register('method')} error={errors.method?.message} />
        <Controller
          control={control}
          name="appointmentId"
          render={({ field, fieldState }) => (
            <Field label="For" error={fieldState.error?.message} className="span-2">
              {(p) => (
                <select
                  {...p}
                  name={field.name}
                  value={field.value ?? ''}
                  onChange={(e) => field.onChange(e.target.value || null)}
                  onBlur={field.onBlur}
                >
                  <option value="">On account (no particular visit)</option>
                  {charges
                    .filter((v) => !v.waived)
                    .map((v) => (
                      <option key={v.appointmentId} value={v.appointmentId}>
                        {chargeLabel(v)}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
        />
        <ReferenceField
          registration={register('reference', { setValueAs: (v) => v?.trim() || null })}
          error={errors.reference?.message}
        />
      </div>
    </ServerForm>
  );
}

function MethodField({ registration, error }: { registration: UseFormRegisterReturn; error?: string }) {
  return (
    <Field label="Method" error={error}>
      {(p) => (
        <select {...p} {...registration}>
          {PAYMENT_METHOD_VALUES.map((m) => (
            <option key={m} value={m}>
              {PAYMENT_METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ReferenceField({ registration, error }: { registration: UseFormRegisterReturn; error?: string }) {
  return (
    <Field
      label="Reference (optional)"
      hint="A receipt or check number, or a card’s last four digits"
      error={error}
    >
      {(p) => <input {...p} {...registration} />}
    </Field>
  );
}

/** Money given back from a credit on the account: at most the credit (filled in), how, and why. */
function RefundForm({
  patientId,
  creditCents,
  onSaved,
  onCancel,
}: {
  patientId: string;
  creditCents: number;
  onSaved: (account: PatientAccount) => void;
  onCancel: () => void;
}) {
  const clinic = useClinic();
  const keyFor = useAttemptKey();
  const form = useForm<RefundValues, unknown, z.output<typeof refundInput>>({
    resolver: zodResolver(refundInput),
    defaultValues: { amountCents: creditCents, method: 'card', reference: null, reason: '' },
  });
  useEffect(() => form.setFocus('amountCents'), [form]);
  const {
    control,
    register,
    formState: { errors },
  } = form;
  return (
    <ServerForm
      form={form}
      fields={['amountCents', 'method', 'reference', 'reason', 'refundedAt']}
      label="Refund the credit"
      className="form payment-form"
      onSave={async (values) =>
        onSaved(await paymentsApi.refund(clinic.id, patientId, values, keyFor(values)))
      }
      submitLabel="Record refund"
      submittingLabel="Recording…"
      onCancel={onCancel}
    >
      <div className="field-grid">
        <Controller
          control={control}
          name="amountCents"
          render={({ field, fieldState }) => (
            <PriceInput
              label="Amount given back (USD)"
              hint={`At most the credit, ${formatCents(creditCents)}`}
              field={field}
              error={fieldState.error?.message}
            />
          )}
        />
        <MethodField registration={register('method')} error={errors.method?.message} />
        <Field label="Why" hint="e.g. Unused sessions, patient moved away" error={errors.reason?.message}>
          {(p) => <input {...p} {...register('reason')} />}
        </Field>
        <ReferenceField
          registration={register('reference', { setValueAs: (v) => v?.trim() || null })}
          error={errors.reference?.message}
        />
      </div>
    </ServerForm>
  );
}

function PaymentItem({
  payment: p,
  charge,
  chargeLabel,
  onVoid,
}: {
  payment: Payment;
  charge: Charge | undefined;
  chargeLabel: (v: Charge) => string;
  onVoid: (reason: string) => Promise<unknown>;
}) {
  const clinic = useClinic();
  const method = PAYMENT_METHOD_LABELS[p.method];
  const refund = p.kind === 'refund';
  // "card", but "HSA / FSA card" as it is written.
  const what = `the ${/^[A-Z][a-z]/.test(method) ? method[0]!.toLowerCase() + method.slice(1) : method} ${refund ? 'refund' : 'payment'} of ${formatCents(p.amountCents)}`;
  const purpose = refund ? `Refund: ${p.refundReason}` : charge ? chargeLabel(charge) : 'On account';
  return (
    <li className={`payment-item${p.voided ? ' payment-voided' : ''}`}>
      <div className="payment-main">
        <strong className="payment-amount">
          {refund ? `−${formatCents(p.amountCents)} refunded` : formatCents(p.amountCents)}
        </strong>
        <span>
          {PAYMENT_METHOD_LABELS[p.method]}
          {p.reference ? ` · ${p.reference}` : ''} · {purpose}
        </span>
        <span className="small muted">
          {formatDate(p.receivedAt, clinic.timeZone)}, {refund ? 'given back' : 'taken'} by {p.recordedByName}
        </span>
        {p.voided ? (
          <span className="small">
            Voided {formatDate(p.voided.at, clinic.timeZone)} by {p.voided.byName}: {p.voided.reason}
          </span>
        ) : null}
      </div>
      {p.voided ? null : (
        <WithReason
          action="Void"
          what={what}
          question="Why void it?"
          hint="It stays listed, no longer counted"
          confirm={refund ? 'Void refund' : 'Void payment'}
          onConfirm={onVoid}
        />
      )}
    </li>
  );
}

/**
 * A correction that keeps the record and says why (voiding a payment, waiving a fee): a quiet button that
 * opens a one-field form, the reason focused, then the confirming button or "Keep it".
 */
function WithReason({
  action,
  what,
  question,
  hint,
  confirm,
  onConfirm,
}: {
  action: string;
  /** Completes the button's and form's names for screen readers: "Void the payment of $35.00 card". */
  what: string;
  question: string;
  hint: string;
  confirm: string;
  onConfirm: (reason: string) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {action}
        <span className="visually-hidden"> {what}</span>
      </button>
    );
  }
  return (
    <form
      className="payment-void"
      aria-label={`${action} ${what}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const checked = correctionReason.safeParse({ reason });
        if (!checked.success) {
          setError(checked.error.issues[0]?.message ?? 'Say why');
          reasonRef.current?.focus();
          return;
        }
        setBusy(true);
        setError(null);
        try {
          await onConfirm(checked.data.reason);
          setOpen(false);
        } catch (failure) {
          setError(messageOf(failure));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label={question} hint={hint} error={error ?? undefined}>
        {(props) => (
          <input {...props} ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={busy}>
          {confirm}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}

/**
 * A visit's fee and what was paid, where the front desk checks the patient out (the calendar's appointment):
 * "Take payment" opens the form with the amount due filled in.
 */
export function VisitPayment({ patientId, appointmentId }: { patientId: string; appointmentId: string }) {
  const clinic = useClinic();
  const client = useQueryClient();
  const key = accountKey(clinic.id, patientId);
  const account = useQuery({ queryKey: key, queryFn: () => paymentsApi.account(clinic.id, patientId) });
  const chargeLabel = useChargeLabel();
  const [taking, setTaking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const feeRef = useRef<HTMLParagraphElement>(null);
  const visit = account.data?.charges.find((v) => v.appointmentId === appointmentId);
  return (
    <div className="visit-payment">
      <LiveMessage message={message} />
      {account.isError ? <LoadError error={account.error} retry={() => account.refetch()} /> : null}
      {visit ? (
        <p ref={feeRef} tabIndex={-1}>
          Fee {formatCents(visit.feeCents)} · paid {formatCents(visit.paidCents)}
          {due(visit) > 0 ? <strong> · {formatCents(due(visit))} due</strong> : ' · paid in full'}
        </p>
      ) : null}
      {visit && account.data && due(visit) > 0 && !taking ? (
        <button type="button" className="button" onClick={() => setTaking(true)}>
          Take payment
        </button>
      ) : null}
      {visit && account.data && taking ? (
        <PaymentForm
          patientId={patientId}
          charges={account.data.charges}
          chargeLabel={chargeLabel}
          initial={{ appointmentId, amountCents: due(visit) }}
          onSaved={(next) => {
            client.setQueryData(key, next);
            setTaking(false);
            setMessage(`Payment recorded. ${balanceText(next)}.`);
            // The form is gone: focus goes to what was paid, not back to the top of the page.
            feeRef.current?.focus();
          }}
          onCancel={() => setTaking(false)}
        />
      ) : null}
    </div>
  );
}
