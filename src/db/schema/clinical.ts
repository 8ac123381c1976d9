import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { referrals } from './referrals.ts';
import { appointments } from './scheduling.ts';
import { clinics } from './tenancy.ts';

/**
 * Clinical documentation: assessments, outcome-measure administrations, treatment plans (versioned) and
 * SOAP session notes, with amendments and addenda. Content lives in jsonb validated by the modules' Zod
 * schemas (src/modules/assessments, plans, session-notes); what the database must guarantee (signed records
 * never change, plan versions never overwritten) is enforced by triggers in the `clinical_records_locked`
 * migration.
 */

/** Initial evaluation, re-evaluation or progress report. Draft until signed; then locked. */
export const assessments = pgTable(
  'assessments',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    kind: text('kind', { enum: ['initial', 're_evaluation', 'progress_report'] }).notNull(),
    referralId: uuid('referral_id'),
    status: text('status', { enum: ['draft', 'signed'] })
      .notNull()
      .default('draft'),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    signedAt: instant('signed_at'),
    signatureTypedName: text('signature_typed_name'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    index('assessments_patient_idx').on(t.clinicId, t.patientId, t.assessedOn),
    check('assessments_kind', sql`${t.kind} in ('initial', 're_evaluation', 'progress_report')`),
    check(
      'assessments_signed_complete',
      sql`(${t.status} = 'draft' and ${t.signedAt} is null) or (${t.status} = 'signed' and ${t.signedAt} is not null and length(${t.signatureTypedName}) > 0)`,
    ),
  ],
);

/** A treatment plan (plan of care): its identity. Its content is in versions, never overwritten. */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    /** The physician referral the plan answers; null for a self-referred (self-pay) client: no diagnoses, no certification. */
    referralId: uuid('referral_id'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    index('treatment_plans_patient_idx').on(t.clinicId, t.patientId, t.id),
  ],
);

/**
 * One version of a plan. Saving a plan adds a version; a trigger refuses UPDATE and DELETE. The screening
 * snapshot and the precautions the therapist acknowledged are stored with the version they were given for.
 */
export const treatmentPlanVersions = pgTable(
  'treatment_plan_versions',
  {
    clinicId: clinicId(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    /** Problems, goals, diagnoses (copied from the referral), home care. */
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    techniques: text('techniques').array().notNull(),
    regions: text('regions').array().notNull(),
    frequencyPerWeek: integer('frequency_per_week').notNull(),
    durationWeeks: integer('duration_weeks').notNull(),
    plannedVisits: integer('planned_visits').notNull(),
    sessionMinutes: integer('session_minutes').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    reEvaluationDate: date('re_evaluation_date', { mode: 'string' }).notNull(),
    screening: jsonb('screening').$type<Record<string, unknown>>().notNull(),
    precautionsAcknowledged: jsonb('precautions_acknowledged').$type<Record<string, unknown>[]>().notNull(),
    changeReason: text('change_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.planId, t.version] }),
    foreignKey({
      columns: [t.clinicId, t.planId],
      foreignColumns: [treatmentPlans.clinicId, treatmentPlans.id],
    }),
    check('treatment_plan_versions_version', sql`${t.version} >= 1`),
    check('treatment_plan_versions_session_minutes', sql`${t.sessionMinutes} between 30 and 90`),
    check('treatment_plan_versions_frequency', sql`${t.frequencyPerWeek} between 1 and 7`),
    check('treatment_plan_versions_duration', sql`${t.durationWeeks} between 1 and 52`),
    check('treatment_plan_versions_visits', sql`${t.plannedVisits} between 1 and 365`),
    check('treatment_plan_versions_dates', sql`${t.reEvaluationDate} > ${t.startDate}`),
  ],
);

/** The referring physician's electronic signature of one plan version (typed name, time, SHA-256). */
export const treatmentPlanSignatures = pgTable(
  'treatment_plan_signatures',
  {
    clinicId: clinicId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    physicianUserId: uuid('physician_user_id')
      .notNull()
      .references(() => users.id),
    typedName: text('typed_name').notNull(),
    signedAt: instant('signed_at').notNull(),
    signatureHash: text('signature_hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId, t.planId, t.version],
      foreignColumns: [
        treatmentPlanVersions.clinicId,
        treatmentPlanVersions.planId,
        treatmentPlanVersions.version,
      ],
    }),
    // A version is signed again at each 90-day recertification; the signing route serialises on the plan row.
    index('treatment_plan_signatures_version_idx').on(t.clinicId, t.planId, t.version, t.signedAt),
    check('treatment_plan_signatures_hash', sql`${t.signatureHash} ~ '^[0-9a-f]{64}$'`),
    check('treatment_plan_signatures_name', sql`length(${t.typedName}) > 0`),
  ],
);

/**
 * The referring physician's answer "changes needed" to one plan version, instead of signing it, with their
 * reason. Append-only (trigger): a new version answers it; a later signature of the same version withdraws it.
 */
export const treatmentPlanChangeRequests = pgTable(
  'treatment_plan_change_requests',
  {
    clinicId: clinicId(),
    id: id(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    physicianUserId: uuid('physician_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    requestedAt: instant('requested_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      name: 'treatment_plan_change_requests_version_fk',
      columns: [t.clinicId, t.planId, t.version],
      foreignColumns: [
        treatmentPlanVersions.clinicId,
        treatmentPlanVersions.planId,
        treatmentPlanVersions.version,
      ],
    }),
    index('treatment_plan_change_requests_version_idx').on(t.clinicId, t.planId, t.version, t.requestedAt),
    check('treatment_plan_change_requests_reason', sql`length(${t.reason}) between 1 and 2000`),
  ],
);

/**
 * A plan of care being written: the form as its author left it, autosaved so a closed tab loses nothing. One
 * per author, patient and plan (`plan_id` null: a new plan). Not a clinical record: it is replaced as it is
 * edited, and deleted when the plan (or its new version) is saved or the author discards it.
 */
export const treatmentPlanDrafts = pgTable(
  'treatment_plan_drafts',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    planId: uuid('plan_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.planId],
      foreignColumns: [treatmentPlans.clinicId, treatmentPlans.id],
    }),
    unique('treatment_plan_drafts_one_per_author')
      .on(t.clinicId, t.patientId, t.authorId, t.planId)
      .nullsNotDistinct(),
  ],
);

/**
 * A SOAP session note. Draft (autosaved) until its author signs it; then the content columns never change
 * (trigger) and corrections are amendments. Minutes per CPT code and units are computed by the server.
 */
export const sessionNotes = pgTable(
  'session_notes',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    planId: uuid('plan_id'),
    appointmentId: uuid('appointment_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['draft', 'signed'] })
      .notNull()
      .default('draft'),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** Field paths copied from the last note and not yet confirmed by the therapist. */
    carriedOver: text('carried_over').array().notNull().default(sql`'{}'`),
    sourceNoteId: uuid('source_note_id'),
    templateId: text('template_id'),
    totalMinutes: integer('total_minutes').notNull().default(0),
    timedMinutesByCpt: jsonb('timed_minutes_by_cpt').$type<Record<string, number>>().notNull(),
    billing: jsonb('billing').$type<Record<string, unknown>>().notNull(),
    screening: jsonb('screening').$type<Record<string, unknown>>(),
    /**
     * Signed although the screening ruled the treatment out: the therapist's written reason, who, when and the
     * blocking findings it overrides (a truthful record of treatment already given). Null on every other note.
     */
    contraindicationOverride: jsonb('contraindication_override').$type<Record<string, unknown>>(),
    signedAt: instant('signed_at'),
    signatureTypedName: text('signature_typed_name'),
    referralVisitId: uuid('referral_visit_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.planId],
      foreignColumns: [treatmentPlans.clinicId, treatmentPlans.id],
    }),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }),
    foreignKey({ columns: [t.clinicId, t.sourceNoteId], foreignColumns: [t.clinicId, t.id] }),
    index('session_notes_patient_idx').on(t.clinicId, t.patientId, t.visitDate),
    index('session_notes_author_status_idx').on(t.clinicId, t.authorId, t.status),
    uniqueIndex('session_notes_appointment_unique').on(t.clinicId, t.appointmentId),
    check('session_notes_total_minutes', sql`${t.totalMinutes} between 0 and 600`),
    check(
      'session_notes_override_signed',
      sql`${t.contraindicationOverride} is null or ${t.status} = 'signed'`,
    ),
    index('session_notes_override_idx')
      .on(t.clinicId, t.signedAt)
      .where(sql`${t.contraindicationOverride} is not null`),
    check(
      'session_notes_signed_complete',
      sql`(${t.status} = 'draft' and ${t.signedAt} is null) or (${t.status} = 'signed' and ${t.signedAt} is not null and length(${t.signatureTypedName}) > 0 and cardinality(${t.carriedOver}) = 0)`,
    ),
  ],
);

/** An outcome-measure administration: raw answers with the instrument id and version; score by the server. */
export const outcomeAdministrations = pgTable(
  'outcome_administrations',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    instrumentId: text('instrument_id').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    answers: jsonb('answers').$type<Record<string, number | null>>().notNull(),
    /** PSFS: the patient's activities in their words, with slot and rating. */
    activities: jsonb('activities').$type<{ slot: string; activity: string; rating: number | null }[]>(),
    score: doublePrecision('score').notNull(),
    subscores: jsonb('subscores').$type<Record<string, number>>(),
    band: text('band'),
    missingItems: text('missing_items').array().notNull(),
    method: text('method').notNull(),
    administeredOn: date('administered_on', { mode: 'string' }).notNull(),
    administeredBy: uuid('administered_by')
      .notNull()
      .references(() => users.id),
    assessmentId: uuid('assessment_id'),
    sessionNoteId: uuid('session_note_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.assessmentId],
      foreignColumns: [assessments.clinicId, assessments.id],
    }),
    foreignKey({
      columns: [t.clinicId, t.sessionNoteId],
      foreignColumns: [sessionNotes.clinicId, sessionNotes.id],
    }),
    index('outcome_administrations_patient_idx').on(
      t.clinicId,
      t.patientId,
      t.instrumentId,
      t.administeredOn,
    ),
  ],
);

/** Item text of a licensed instrument, loaded by a clinic that holds the licence (one per instrument). */
export const clinicInstrumentTexts = pgTable(
  'clinic_instrument_texts',
  {
    clinicId: clinicId().references(() => clinics.id),
    instrumentId: text('instrument_id').notNull(),
    licence: text('licence').notNull(),
    itemText: jsonb('item_text').$type<Record<string, unknown>>().notNull(),
    loadedBy: uuid('loaded_by')
      .notNull()
      .references(() => users.id),
    loadedAt: instant('loaded_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.instrumentId] }),
    check('clinic_instrument_texts_licence', sql`length(${t.licence}) > 0`),
  ],
);

/** A correction of a signed assessment or note: who, when, why, and each changed field (before → after). */
export const clinicalAmendments = pgTable(
  'clinical_amendments',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    assessmentId: uuid('assessment_id'),
    sessionNoteId: uuid('session_note_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    at: instant('at').notNull(),
    reason: text('reason').notNull(),
    changes: jsonb('changes').$type<{ field: string; before: unknown; after: unknown }[]>().notNull(),
    /** A note's corrected treatment recorded although ruled out: reason, who, when, the findings overridden. */
    contraindicationOverride: jsonb('contraindication_override').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.assessmentId],
      foreignColumns: [assessments.clinicId, assessments.id],
    }),
    foreignKey({
      columns: [t.clinicId, t.sessionNoteId],
      foreignColumns: [sessionNotes.clinicId, sessionNotes.id],
    }),
    index('clinical_amendments_note_idx').on(t.clinicId, t.sessionNoteId),
    index('clinical_amendments_assessment_idx').on(t.clinicId, t.assessmentId),
    index('clinical_amendments_override_idx')
      .on(t.clinicId, t.at)
      .where(sql`${t.contraindicationOverride} is not null`),
    check('clinical_amendments_one_record', sql`num_nonnulls(${t.assessmentId}, ${t.sessionNoteId}) = 1`),
    check('clinical_amendments_reason', sql`length(${t.reason}) > 0`),
  ],
);

/** A later addition to a signed note or assessment: free text, author, time. */
export const clinicalAddenda = pgTable(
  'clinical_addenda',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    assessmentId: uuid('assessment_id'),
    sessionNoteId: uuid('session_note_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    at: instant('at').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.assessmentId],
      foreignColumns: [assessments.clinicId, assessments.id],
    }),
    foreignKey({
      columns: [t.clinicId, t.sessionNoteId],
      foreignColumns: [sessionNotes.clinicId, sessionNotes.id],
    }),
    index('clinical_addenda_note_idx').on(t.clinicId, t.sessionNoteId),
    check('clinical_addenda_one_record', sql`num_nonnulls(${t.assessmentId}, ${t.sessionNoteId}) = 1`),
    check('clinical_addenda_text', sql`length(${t.text}) > 0`),
  ],
);

/** Per-referral reminder intervals: a progress report or re-evaluation every N visits or N days. */
export const referralClinicalSettings = pgTable(
  'referral_clinical_settings',
  {
    clinicId: clinicId(),
    referralId: uuid('referral_id').notNull(),
    progressEveryVisits: integer('progress_every_visits').notNull().default(10),
    progressEveryDays: integer('progress_every_days').notNull().default(30),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.referralId] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    check('referral_clinical_settings_visits', sql`${t.progressEveryVisits} between 1 and 60`),
    check('referral_clinical_settings_days', sql`${t.progressEveryDays} between 7 and 180`),
  ],
);
