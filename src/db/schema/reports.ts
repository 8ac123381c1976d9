import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { treatmentPlans } from './clinical.ts';
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { referrals } from './referrals.ts';
import { clinics } from './tenancy.ts';

/**
 * Reports to the referring physician, their delivery, the accounting of disclosures, right-of-access requests
 * and the patient's home-care log. What the database guarantees (a signed report never changes, disclosures are
 * never rewritten) is enforced by triggers in the `reports_locked` migration.
 */

export const REPORT_KINDS = ['progress_report', 'discharge_summary'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * A progress report or discharge summary. `content` holds the facts generated from the record (a snapshot at
 * generation time) and the therapist's editable text; draft until the author signs, then locked.
 */
export const clinicalReports = pgTable(
  'clinical_reports',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    referralId: uuid('referral_id'),
    planId: uuid('plan_id'),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    status: text('status', { enum: ['draft', 'signed'] })
      .notNull()
      .default('draft'),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
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
    foreignKey({
      columns: [t.clinicId, t.planId],
      foreignColumns: [treatmentPlans.clinicId, treatmentPlans.id],
    }),
    index('clinical_reports_patient_idx').on(t.clinicId, t.patientId, t.id),
    check('clinical_reports_kind', sql`${t.kind} in ('progress_report', 'discharge_summary')`),
    check('clinical_reports_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check(
      'clinical_reports_signed_complete',
      sql`(${t.status} = 'draft' and ${t.signedAt} is null) or (${t.status} = 'signed' and ${t.signedAt} is not null and length(${t.signatureTypedName}) > 0)`,
    ),
  ],
);

/** A signed report made available to a physician in their portal; the e-mail carries a link only. */
export const reportDeliveries = pgTable(
  'report_deliveries',
  {
    clinicId: clinicId(),
    id: id(),
    reportId: uuid('report_id').notNull(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id),
    deliveredAt: instant('delivered_at').notNull(),
    deliveredBy: uuid('delivered_by').references(() => users.id),
    emailId: uuid('email_id'),
    openedAt: instant('opened_at'),
    lastOpenedAt: instant('last_opened_at'),
    openCount: integer('open_count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId, t.reportId],
      foreignColumns: [clinicalReports.clinicId, clinicalReports.id],
    }),
    uniqueIndex('report_deliveries_recipient_unique').on(t.clinicId, t.reportId, t.recipientUserId),
    index('report_deliveries_recipient_idx').on(t.clinicId, t.recipientUserId),
  ],
);

/**
 * The accounting of disclosures (45 CFR 164.528): date, recipient, what was disclosed and why. Append-only.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    disclosedAt: instant('disclosed_at').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    description: text('description').notNull(),
    purpose: text('purpose').notNull(),
    sourceType: text('source_type', { enum: ['report_delivery', 'records_request', 'manual'] }).notNull(),
    sourceId: uuid('source_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('disclosures_patient_idx').on(t.clinicId, t.patientId, t.disclosedAt),
    check('disclosures_text', sql`length(${t.recipientName}) > 0 and length(${t.description}) > 0`),
  ],
);

export const RECORDS_FORMATS = ['pdf', 'fhir', 'pdf_and_fhir'] as const;

/**
 * A request for access to the record (45 CFR 164.524): answered within 30 days, one 30-day extension with a
 * written reason. The deadline is `due_on`, or `extended_due_on` once extended.
 */
export const recordsRequests = pgTable(
  'records_requests',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    requesterName: text('requester_name').notNull(),
    requesterRelationship: text('requester_relationship', {
      enum: ['self', 'personal_representative', 'designated_third_party'],
    }).notNull(),
    format: text('format', { enum: RECORDS_FORMATS }).notNull(),
    deliverTo: text('deliver_to'),
    notes: text('notes'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    extendedDueOn: date('extended_due_on', { mode: 'string' }),
    extensionReason: text('extension_reason'),
    extendedAt: instant('extended_at'),
    status: text('status', { enum: ['open', 'fulfilled'] })
      .notNull()
      .default('open'),
    fulfilledAt: instant('fulfilled_at'),
    fulfilledBy: uuid('fulfilled_by').references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('records_requests_status_idx').on(t.clinicId, t.status, t.dueOn),
    check('records_requests_due', sql`${t.dueOn} = ${t.requestedOn} + 30`),
    check(
      'records_requests_extension',
      sql`(${t.extendedDueOn} is null and ${t.extensionReason} is null) or (${t.extendedDueOn} = ${t.dueOn} + 30 and length(${t.extensionReason}) > 0)`,
    ),
    check('records_requests_fulfilled', sql`(${t.status} = 'open') = (${t.fulfilledAt} is null)`),
  ],
);

/** One exercise of the home-care program on one day, as the patient (or staff) logged it. */
export const homeCareLogs = pgTable(
  'home_care_logs',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    planId: uuid('plan_id'),
    exerciseId: text('exercise_id').notNull(),
    performedOn: date('performed_on', { mode: 'string' }).notNull(),
    /** Which time that day (1, 2, …): an exercise prescribed N times a day is logged up to N times. */
    occurrence: integer('occurrence').notNull().default(1),
    done: boolean('done').notNull(),
    sets: integer('sets'),
    note: text('note'),
    loggedBy: uuid('logged_by')
      .notNull()
      .references(() => users.id),
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
    uniqueIndex('home_care_logs_occurrence_unique').on(
      t.clinicId,
      t.patientId,
      t.exerciseId,
      t.performedOn,
      t.occurrence,
    ),
    check('home_care_logs_sets', sql`${t.sets} is null or ${t.sets} between 0 and 50`),
    check('home_care_logs_occurrence', sql`${t.occurrence} >= 1`),
  ],
);
