import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { INJURY_CAUSE_IDS } from '../../domain/catalog/injury.ts';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { referringProviders } from './providers.ts';
import { clinics } from './tenancy.ts';

export interface ReferralDiagnosis {
  /** Dotted upper-case ICD-10-CM code, billable (checked by the app against src/domain/codes). */
  code: string;
  description: string;
  laterality: 'left' | 'right' | 'bilateral' | 'unspecified' | null;
}

/**
 * A referral (prescription) for massage therapy. Its status (active, expiring soon, expired, visits exhausted,
 * superseded) is derived from these facts, never stored. An e-referral carries the physician's electronic
 * signature: typed name, time, and the SHA-256 of the canonical JSON of what was signed.
 */
export const referrals = pgTable(
  'referrals',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    providerId: uuid('provider_id'),
    source: text('source', { enum: ['paper', 'electronic'] }).notNull(),
    referralDate: date('referral_date', { mode: 'string' }).notNull(),
    diagnoses: jsonb('diagnoses').$type<ReferralDiagnosis[]>().notNull(),
    techniques: text('techniques').array().notNull(),
    bodyRegions: text('body_regions').array().notNull(),
    frequencyPerWeek: integer('frequency_per_week'),
    durationWeeks: integer('duration_weeks'),
    authorizedVisits: integer('authorized_visits'),
    sessionMinutes: integer('session_minutes'),
    precautions: text('precautions'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    renewsReferralId: uuid('renews_referral_id'),
    /** An injury the condition is related to (claim box 10 and 14): its cause, date and, for auto, state. */
    injuryCause: text('injury_cause', { enum: INJURY_CAUSE_IDS }),
    injuryDate: date('injury_date', { mode: 'string' }),
    accidentState: text('accident_state'),
    /**
     * The payer's prior authorisation number for this course of care (claim box 23, 837P REF*G1): billing,
     * recorded by the desk when the insurer grants it, outside what the physician signed.
     */
    priorAuthorizationNumber: text('prior_authorization_number'),
    signedByUserId: uuid('signed_by_user_id').references(() => users.id),
    signatureTypedName: text('signature_typed_name'),
    signedAt: instant('signed_at'),
    signatureHash: text('signature_hash'),
    createdBy: uuid('created_by')
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
    foreignKey({ columns: [t.clinicId, t.renewsReferralId], foreignColumns: [t.clinicId, t.id] }),
    index('referrals_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('referrals_renews_idx').on(t.clinicId, t.renewsReferralId),
    check('referrals_session_minutes', sql`${t.sessionMinutes} between 30 and 90`),
    check('referrals_frequency', sql`${t.frequencyPerWeek} between 1 and 7`),
    check('referrals_duration', sql`${t.durationWeeks} between 1 and 52`),
    check('referrals_visits', sql`${t.authorizedVisits} between 1 and 365`),
    check('referrals_prior_authorization', sql`char_length(${t.priorAuthorizationNumber}) between 1 and 50`),
    check('referrals_validity', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
    check(
      'referrals_injury',
      sql`(${t.injuryCause} is null and ${t.injuryDate} is null and ${t.accidentState} is null) or (${t.injuryCause} in (${sql.raw(INJURY_CAUSE_IDS.map((c) => `'${c}'`).join(', '))}) and ${t.injuryDate} is not null and (${t.accidentState} is not null) = (${t.injuryCause} = 'auto_accident') and (${t.accidentState} is null or ${t.accidentState} ~ '^[A-Z]{2}$'))`,
    ),
    check(
      'referrals_signature_complete',
      sql`${t.source} = 'paper' or (${t.signatureHash} is not null and ${t.signedAt} is not null and ${t.signatureTypedName} is not null and ${t.signedByUserId} is not null)`,
    ),
  ],
);

/**
 * Visits counted against a referral. Scheduling / session notes record one per completed visit through
 * `recordReferralVisit` (src/modules/referrals/visits.ts); until they exist, staff record them by hand.
 */
export const referralVisits = pgTable(
  'referral_visits',
  {
    clinicId: clinicId(),
    id: id(),
    referralId: uuid('referral_id').notNull(),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    /** What recorded it: 'manual', 'appointment', 'session_note'… and that record's id. */
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    index('referral_visits_referral_idx').on(t.clinicId, t.referralId),
  ],
);

/**
 * The claim behind a referral related to an injury (auto insurance, workers' compensation): what the desk
 * bills against. Administrative, so the front desk edits it; each change is audited.
 */
export const referralClaims = pgTable(
  'referral_claims',
  {
    clinicId: clinicId(),
    referralId: uuid('referral_id').notNull(),
    carrier: text('carrier'),
    claimNumber: text('claim_number'),
    adjusterName: text('adjuster_name'),
    adjusterPhone: text('adjuster_phone'),
    /** Workers' compensation: the employer (the "insured" on the claim). */
    employer: text('employer'),
    /** Property and casualty: the date of first contact with the patient. */
    firstContactDate: date('first_contact_date', { mode: 'string' }),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.referralId] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
  ],
);
