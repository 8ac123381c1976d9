import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.ts';
import { serviceOfAppointment } from '../../db/joins.ts';
import { appointments, payments, services, users } from '../../db/schema/index.ts';
import type { BilledVisit, PatientAccount, Payment } from './schemas.ts';

const voider = alias(users, 'voider');
type PaymentRow = typeof payments.$inferSelect;

export const sumCents = (rows: readonly { amountCents: number }[]) =>
  rows.reduce((total, row) => total + row.amountCents, 0);

/** The payments that count (not voided) of a patient. */
export async function countedPayments(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(eq(payments.clinicId, clinicId), eq(payments.patientId, patientId), isNull(payments.voidedAt)),
    );
}

/** Every payment of a patient, newest first, with who took (and voided) it. */
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
    appointmentId: p.appointmentId,
    amountCents: p.amountCents,
    method: p.method,
    receivedAt: p.receivedAt.toISOString(),
    reference: p.reference,
    recordedByName,
    voided:
      p.voidedAt && p.voidReason
        ? { at: p.voidedAt.toISOString(), byName: voidedByName ?? '', reason: p.voidReason }
        : null,
  }));
}

/** The patient's account: the visits attended with their fee and what was paid for each, and the balance. */
export async function patientAccount(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<PatientAccount> {
  const [list, attended] = await Promise.all([
    paymentsOf(db, clinicId, patientId),
    db
      .select({
        appointmentId: appointments.id,
        start: appointments.startAt,
        serviceName: services.name,
        feeCents: services.priceCents,
      })
      .from(appointments)
      .innerJoin(services, serviceOfAppointment)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.patientId, patientId),
          inArray(appointments.status, ['checked_in', 'completed']),
        ),
      )
      .orderBy(desc(appointments.startAt)),
  ]);
  const live = list.filter((p) => p.voided === null);
  const visits: BilledVisit[] = attended.map((v) => ({
    ...v,
    start: v.start.toISOString(),
    paidCents: sumCents(live.filter((p) => p.appointmentId === v.appointmentId)),
  }));
  const chargedCents = visits.reduce((total, v) => total + v.feeCents, 0);
  const paidCents = sumCents(live);
  return { payments: list, visits, chargedCents, paidCents, balanceCents: chargedCents - paidCents };
}
