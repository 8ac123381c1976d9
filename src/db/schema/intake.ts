import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { clinics } from './tenancy.ts';

/**
 * Intake questionnaires and health-history versions. A row is a draft (answers saved as the patient types,
 * merged server-side) until it is submitted; then it is a numbered health-history version and never
 * changes again (a trigger refuses it). `kind` is `intake` for the first questionnaire and
 * `update` for later versions. Answers are keyed by the question ids of `questionnaire_version`.
 */
export const intakeResponses = pgTable(
  'intake_responses',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    kind: text('kind', { enum: ['intake', 'update'] }).notNull(),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    /** Health-history version number, 1, 2, 3… per patient, set on submit. */
    version: integer('version'),
    startedBy: uuid('started_by').references(() => users.id),
    savedAt: instant('saved_at').notNull(),
    submittedAt: instant('submitted_at'),
    /** null when the patient submitted through a personal link (no account). */
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedVia: text('submitted_via', { enum: ['staff', 'self', 'link'] }),
    consentTypedName: text('consent_typed_name'),
    consentSignedAt: instant('consent_signed_at'),
    consentTextVersion: text('consent_text_version'),
    /** SHA-256 (hex) of the exact consent text signed: recomputable from the text of consentTextVersion. */
    consentTextHash: text('consent_text_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    uniqueIndex('intake_responses_version_unique').on(t.clinicId, t.patientId, t.version),
    uniqueIndex('intake_responses_one_draft').on(t.clinicId, t.patientId).where(sql`${t.status} = 'draft'`),
    index('intake_responses_patient_idx').on(t.clinicId, t.patientId, t.id),
    check('intake_responses_kind_valid', sql`${t.kind} in ('intake', 'update')`),
    check(
      'intake_responses_status_valid',
      sql`(${t.status} = 'draft' and ${t.version} is null and ${t.submittedAt} is null and ${t.submittedVia} is null)
        or (${t.status} = 'submitted' and ${t.version} >= 1 and ${t.submittedAt} is not null and ${t.submittedVia} in ('staff', 'self', 'link'))`,
    ),
    check(
      'intake_responses_consent_complete',
      sql`(${t.consentSignedAt} is null and ${t.consentTypedName} is null and ${t.consentTextVersion} is null and ${t.consentTextHash} is null)
        or (${t.consentSignedAt} is not null and length(${t.consentTypedName}) > 0 and ${t.consentTextVersion} is not null and ${t.consentTextHash} ~ '^[0-9a-f]{64}$')`,
    ),
  ],
);

/**
 * Personal intake links: a random token (only its SHA-256 stored) that opens one intake draft, for
 * 14 days, until that intake is submitted. A new link for the same intake replaces the older ones.
 */
export const intakeLinks = pgTable(
  'intake_links',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    intakeId: uuid('intake_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    sentTo: text('sent_to').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.intakeId],
      foreignColumns: [intakeResponses.clinicId, intakeResponses.id],
    }),
    index('intake_links_intake_idx').on(t.clinicId, t.intakeId),
  ],
);

/** "No change since the last version", confirmed at a later visit by the patient or a therapist. */
export const healthHistoryConfirmations = pgTable(
  'health_history_confirmations',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    versionId: uuid('version_id').notNull(),
    confirmedAt: instant('confirmed_at').notNull(),
    confirmedBy: uuid('confirmed_by')
      .notNull()
      .references(() => users.id),
    confirmedVia: text('confirmed_via', { enum: ['staff', 'self'] }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.versionId],
      foreignColumns: [intakeResponses.clinicId, intakeResponses.id],
    }),
    index('health_history_confirmations_patient_idx').on(t.clinicId, t.patientId, t.id),
  ],
);
