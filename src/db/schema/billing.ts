import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { appointments } from './scheduling.ts';
import { clinics } from './tenancy.ts';

export const PAYMENT_METHODS = ['card', 'cash', 'check', 'hsa_fsa', 'insurance', 'other'] as const;
export const PAYMENT_KINDS = ['payment', 'refund'] as const;

/**
 * Money received from or for a patient, for a visit (`appointment_id`) or on account, and money given back
 * from a credit (`kind` refund, always from the account, with why). Never changed or deleted: one recorded by
 * mistake is voided, with who, when and why, and no longer counts.
 */
export const payments = pgTable(
  'payments',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    appointmentId: uuid('appointment_id'),
    kind: text('kind', { enum: PAYMENT_KINDS }).notNull().default('payment'),
    amountCents: integer('amount_cents').notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    receivedAt: instant('received_at').notNull(),
    /** A receipt or check number; never a card number. */
    reference: text('reference'),
    refundReason: text('refund_reason'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    voidedAt: instant('voided_at'),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }),
    index('payments_patient_idx').on(t.clinicId, t.patientId, t.receivedAt),
    index('payments_appointment_idx').on(t.clinicId, t.appointmentId),
    check('payments_amount', sql`${t.amountCents} > 0 and ${t.amountCents} <= 10000000`),
    check('payments_method', sql`${t.method} in ('card', 'cash', 'check', 'hsa_fsa', 'insurance', 'other')`),
    check('payments_kind', sql`${t.kind} in ('payment', 'refund')`),
    check(
      'payments_refund_from_account',
      sql`(${t.kind} = 'refund') = (${t.refundReason} is not null) and (${t.kind} = 'payment' or ${t.appointmentId} is null)`,
    ),
    check(
      'payments_void_complete',
      sql`(${t.voidedAt} is null) = (${t.voidedBy} is null) and (${t.voidedAt} is null) = (${t.voidReason} is null)`,
    ),
  ],
);
