import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { CLEARANCE_ANSWERS } from '../../domain/safety/clearances.ts';
import { attachments } from './attachments.ts';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { referringProviders } from './providers.ts';
import { clinics } from './tenancy.ts';

/**
 * Physician clearances for contraindication rules, and the physician's answers not to clear them. Never deleted:
 * revoking sets revoked_* (a trigger, a migration refuses DELETE and any other change). The screening engine
 * receives the unrevoked ones, so a "clearance required" finding shows as acknowledged while the finding itself
 * stays on record, and a "not cleared" answer keeps the restriction with the physician's words.
 */
export const safetyClearances = pgTable(
  'safety_clearances',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    /** Screening rule ids it clears (src/domain/safety/rules.ts). */
    ruleIds: text('rule_ids').array().notNull(),
    /** Optional narrowing: only these body sites / technique safety tags. */
    regions: text('regions').array(),
    techniques: text('techniques').array(),
    physicianName: text('physician_name').notNull(),
    /** The physician's own account, when they recorded it themselves. */
    physicianUserId: uuid('physician_user_id').references(() => users.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedVia: text('recorded_via', { enum: ['staff', 'physician', 'import'] }).notNull(),
    clearedOn: date('cleared_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    /** The scanned letter or form (an attachment of the same patient). */
    attachmentId: uuid('attachment_id'),
    note: text('note'),
    /** cleared; cleared-with-limits (the limits in words); not-cleared (lifts nothing: the restriction stands). */
    answer: text('answer', { enum: CLEARANCE_ANSWERS }).notNull().default('cleared'),
    /** With cleared-with-limits only: the areas, techniques or pressure the physician limits massage to. */
    limits: text('limits'),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.attachmentId],
      foreignColumns: [attachments.clinicId, attachments.id],
    }),
    index('safety_clearances_patient_idx').on(t.clinicId, t.patientId, t.id),
    check('safety_clearances_has_rule', sql`cardinality(${t.ruleIds}) >= 1`),
    check('safety_clearances_expiry', sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.clearedOn}`),
    check(
      'safety_clearances_revocation',
      sql`(${t.revokedAt} is null and ${t.revokeReason} is null) or (${t.revokedAt} is not null and length(${t.revokeReason}) > 0)`,
    ),
    check('safety_clearances_via_valid', sql`${t.recordedVia} in ('staff', 'physician', 'import')`),
    check(
      'safety_clearances_answer_valid',
      sql`${t.answer} in ('cleared', 'cleared-with-limits', 'not-cleared')`,
    ),
    check(
      'safety_clearances_limits',
      sql`(${t.answer} = 'cleared-with-limits' and length(${t.limits}) > 0) or (${t.answer} <> 'cleared-with-limits' and ${t.limits} is null)`,
    ),
    check('safety_clearances_refusal_no_expiry', sql`${t.answer} <> 'not-cleared' or ${t.expiresOn} is null`),
  ],
);

/**
 * A therapist's request to a provider for clearance of flagged rules: kept as sent (never changed or
 * deleted). It is answered once a clearance covering one of its rules is recorded after it.
 */
export const clearanceRequests = pgTable(
  'clearance_requests',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    /** Screening rule ids it asks about (src/domain/safety/rules.ts). */
    ruleIds: text('rule_ids').array().notNull(),
    providerId: uuid('provider_id').notNull(),
    /** What the therapist plans and asks, in their words: the letter's body. */
    question: text('question').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.providerId],
      foreignColumns: [referringProviders.clinicId, referringProviders.id],
    }),
    index('clearance_requests_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('clearance_requests_provider_idx').on(t.clinicId, t.providerId),
    check('clearance_requests_has_rule', sql`cardinality(${t.ruleIds}) >= 1`),
    check('clearance_requests_question', sql`length(${t.question}) between 1 and 2000`),
  ],
);
