import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { serviceOfAppointment } from '../../db/joins.ts';
import { appointments, payments, services, users } from '../../db/schema/index.ts';
import { allocatePayments } from '../../domain/billing/allocation.ts';
import { displayNameOf } from '../patients/repository.ts';
import type { BalancesDue, Charge, PatientAccount, Payment } from './schemas.ts';

/**
 * Waiving a late-cancellation or no-show fee: the columns it sets (the fee is kept, no longer owed) and the
 * condition that there is a fee not yet waived. The payments route and a cancellation that waives its own fee
 * both use it, each auditing `fee.waive` with the reason.
 */
export const feeWaiver = (userId: string, reason: string, at: Date) => ({
  feeWaivedAt: at,
  feeWaivedBy: userId,
  feeWaiveReason: reason,
});
export const feeToWaive = () => and(isNotNull(appointments.missedFeeCents), isNull(appointments.feeWaivedAt));

const voider = alias(users, 'voider');
const waiver = alias(users, 'waiver');
/** What a payment adds to what was paid: a refund takes it back. */
const signedCents = (p: Pick<Payment, 'kind' | 'amountCents'>) =>
  p.kind === 'refund' ? -p.amountCents : p.amountCents;

/** Every payment and refund of a patient, newest first, with who recorded (and voided) it. */
export async function paymentsOf(db: Executor, clinicId: string, patientId: string): Promise<Payment[]> {
  const rows = await db
    .select({ p: payments, recordedByName: users.displayName, voidedByName: voider.displayName })
    .from(payments)
    .innerJoin(users, eq(users.id, payments.recordedBy))
    .leftJoin(voider, eq(voider.id, payments.voidedBy))
    .where(and(eq(payments.clinicId, clinicId), eq(payments.patientId, patientId)))
    .orderBy(desc(payments.receivedAt), desc(payments.id));
  return rows.map(({ p, recordedByName, voidedByName }) => ({
    id: p.id,
    kind: p.kind,
    appointmentId: p.appointmentId,
    amountCents: p.amountCents,
    method: p.method,
    receivedAt: p.receivedAt.toISOString(),
    reference: p.reference,
    refundReason: p.refundReason,
    recordedByName,
    voided:
      p.voidedAt && p.voidReason
        ? { at: p.voidedAt.toISOString(), byName: voidedByName ?? '', reason: p.voidReason }
        : null,
  }));
}

/** The patient's account: each charge (visit attended, missed-visit fee) with what was paid, and the balance. */
export async function patientAccount(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<PatientAccount> {
  const [list, rows] = await Promise.all([
    paymentsOf(db, clinicId, patientId),
    db
      .select({
        a: appointments,
        serviceName: services.name,
        priceCents: services.priceCents,
        waiverName: waiver.displayName,
      })
      .from(appointments)
      .innerJoin(services, serviceOfAppointment)
      .leftJoin(waiver, eq(waiver.id, appointments.feeWaivedBy))
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.patientId, patientId),
          or(
            inArray(appointments.status, ['checked_in', 'completed']),
            isNotNull(appointments.missedFeeCents),
          ),
        ),
      )
      .orderBy(desc(appointments.startAt)),
  ]);
  const live = list.filter((p) => p.voided === null);
  const owed = (a: (typeof rows)[number]['a'], priceCents: number) =>
    a.feeWaivedAt ? 0 : (a.missedFeeCents ?? priceCents);
  const settled = allocatePayments(
    rows.map(({ a, priceCents }) => ({
      id: a.id,
      start: a.startAt.toISOString(),
      owedCents: owed(a, priceCents),
    })),
    live.map((p) => ({ chargeId: p.appointmentId, amountCents: signedCents(p) })),
  );
  const charges: Charge[] = rows.map(({ a, serviceName, priceCents, waiverName }) => ({
    appointmentId: a.id,
    start: a.startAt.toISOString(),
    serviceName,
    kind: a.missedFeeCents === null ? 'visit' : a.status === 'no_show' ? 'no_show' : 'late_cancellation',
    feeCents: a.missedFeeCents ?? priceCents,
    paidCents: settled.get(a.id) ?? 0,
    waived:
      a.feeWaivedAt && a.feeWaiveReason
        ? { at: a.feeWaivedAt.toISOString(), byName: waiverName ?? '', reason: a.feeWaiveReason }
        : null,
  }));
  const chargedCents = charges.filter((c) => c.waived === null).reduce((total, c) => total + c.feeCents, 0);
  const paidCents = live.reduce((total, p) => total + signedCents(p), 0);
  return { payments: list, charges, chargedCents, paidCents, balanceCents: chargedCents - paidCents };
}

/**
 * Every patient who owes the clinic: fees of the visits they attended (checked in or completed) and missed-visit
 * fees not waived, minus the payments (net of refunds) that count, largest first. One query, whatever the number of patients.
 */
export async function balancesDue(db: Executor, clinicId: string): Promise<BalancesDue> {
  const result = await db.execute(sql`
    with charged as (
      select a.patient_id, sum(coalesce(a.missed_fee_cents, s.price_cents)) as charged,
             max(a.start_at) as last_visit_at
      from appointments a
      join services s on s.clinic_id = a.clinic_id and s.id = a.service_id
      where a.clinic_id = ${clinicId}
        and (a.status in ('checked_in', 'completed') or (a.missed_fee_cents is not null and a.fee_waived_at is null))
      group by a.patient_id
    ), paid as (
      select patient_id, sum(case kind when 'refund' then -amount_cents else amount_cents end) as paid
      from payments
      where clinic_id = ${clinicId} and voided_at is null
      group by patient_id
    )
    select c.patient_id, c.last_visit_at, c.charged - coalesce(pd.paid, 0) as balance,
           p.preferred_name, p.legal_first_name, p.legal_last_name
    from charged c
    left join paid pd on pd.patient_id = c.patient_id
    join patients p on p.clinic_id = ${clinicId} and p.id = c.patient_id and p.merged_into_id is null
    where c.charged > coalesce(pd.paid, 0)
    order by balance desc, c.patient_id
  `);
  const items = rowsOf<{
    patient_id: string;
    last_visit_at: Date | string;
    balance: number | string;
    preferred_name: string | null;
    legal_first_name: string;
    legal_last_name: string;
  }>(result).map((r) => ({
    patientId: r.patient_id,
    patientName: displayNameOf({
      preferredName: r.preferred_name,
      legalFirstName: r.legal_first_name,
      legalLastName: r.legal_last_name,
    }),
    balanceCents: Number(r.balance),
    lastVisitAt: new Date(r.last_visit_at).toISOString(),
  }));
  return { items, totalCents: items.reduce((total, i) => total + i.balanceCents, 0) };
}
