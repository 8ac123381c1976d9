import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
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
 * The public directory: opt-in clinic and therapist profiles, therapists' credentials (with the expiry
 * warnings sent to owners), verified patient reviews with clinic replies, reports and the owner's moderation
 * log. Everything here is clinic-scoped (`clinic_id` first). What the public pages may show is decided in
 * src/modules/directory (published flags, credential expiry in the clinic's zone, moderation status).
 */

const SLUG = `'^[a-z0-9]+(-[a-z0-9]+)*$'`;

/** A profile photo (PNG or JPEG, recognised from its bytes), served only while its profile is published. */
export const directoryPhotos = pgTable(
  'directory_photos',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg'] }).notNull(),
    /** The image bytes, base64 (keeps export/import plain JSON); at most 512 KB decoded. */
    dataBase64: text('data_base64').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('directory_photos_content_type', sql`${t.contentType} in ('image/png', 'image/jpeg')`),
  ],
);

/** A clinic's public page (opt-in: `published`). */
export const clinicProfiles = pgTable(
  'clinic_profiles',
  {
    clinicId: uuid('clinic_id')
      .primaryKey()
      .references(() => clinics.id),
    slug: text('slug').notNull(),
    published: boolean('published').notNull().default(false),
    tagline: text('tagline'),
    about: text('about'),
    publicPhone: text('public_phone'),
    publicEmail: text('public_email'),
    website: text('website'),
    acceptsReferrals: boolean('accepts_referrals').notNull().default(true),
    acceptsInsurance: boolean('accepts_insurance').notNull().default(false),
    acceptsAutoAccident: boolean('accepts_auto_accident').notNull().default(false),
    inclusiveLgbtq: boolean('inclusive_lgbtq').notNull().default(false),
    inclusiveTraumaInformed: boolean('inclusive_trauma_informed').notNull().default(false),
    inclusiveAccessible: boolean('inclusive_accessible').notNull().default(false),
    inclusiveStatement: text('inclusive_statement'),
    /** Where a physician sends a referral, and what the clinic needs on it beyond the standard items. */
    referralFax: text('referral_fax'),
    referralEmail: text('referral_email'),
    referralNotes: text('referral_notes'),
    photoId: uuid('photo_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('clinic_profiles_slug_unique').on(t.slug),
    foreignKey({
      columns: [t.clinicId, t.photoId],
      foreignColumns: [directoryPhotos.clinicId, directoryPhotos.id],
    }),
    check('clinic_profiles_slug', sql.raw(`slug ~ ${SLUG} and length(slug) between 3 and 80`)),
  ],
);

export const THERAPIST_GENDERS = ['woman', 'man', 'nonbinary', 'another'] as const;

/** A therapist's public page in one clinic (opt-in: `published`, shown only while the clinic's is too). */
export const therapistProfiles = pgTable(
  'therapist_profiles',
  {
    clinicId: clinicId().references(() => clinics.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    slug: text('slug').notNull(),
    published: boolean('published').notNull().default(false),
    displayName: text('display_name').notNull(),
    /** e.g. "CMT, BCTMB": shown after the name. Titles are checked against current credentials on the page. */
    postNominals: text('post_nominals'),
    bio: text('bio'),
    pronouns: text('pronouns'),
    /** BCP-47 primary language subtags: en, es, tl, vi, zh… */
    languages: text('languages').array().notNull().default(sql`'{en}'`),
    /** Optional, self-described: a category for the "gender of therapist" filter plus the therapist's own words. */
    gender: text('gender', { enum: THERAPIST_GENDERS }),
    genderDescription: text('gender_description'),
    /** Treated-condition catalog ids, main focus first. */
    conditions: text('conditions').array().notNull().default(sql`'{}'`),
    /** Technique catalog ids. */
    techniques: text('techniques').array().notNull().default(sql`'{}'`),
    publicEmail: text('public_email'),
    photoId: uuid('photo_id'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.userId] }),
    uniqueIndex('therapist_profiles_slug_unique').on(t.slug),
    index('therapist_profiles_published_idx').on(t.published, t.clinicId),
    foreignKey({
      columns: [t.clinicId, t.photoId],
      foreignColumns: [directoryPhotos.clinicId, directoryPhotos.id],
    }),
    check('therapist_profiles_slug', sql.raw(`slug ~ ${SLUG} and length(slug) between 3 and 80`)),
    check('therapist_profiles_gender', sql`${t.gender} in ('woman', 'man', 'nonbinary', 'another')`),
  ],
);

/**
 * The next bookable starts of each public therapist, kept up to date in the background (job
 * `directory.next-openings`, src/modules/directory/next-openings.ts) so a search only reads them.
 *
 * `openings` are the therapist's first bookable starts (patient rules, shortest online-bookable service) from
 * `computed_at`, ascending: every start up to the last one listed, or — when `complete` — every start up to
 * the end of the computed horizon (none at all: `'{}'`). The first one at or after now + `min_notice_minutes`
 * is the next opening, so the row stays usable as time passes until `fresh_until` (the last listed start
 * minus the notice; for a complete list, a short time-to-live); the job recomputes it from `refresh_at`.
 * `span_start`/`span_end` cover the listed starts with the service's buffers (the padded intervals).
 *
 * Triggers (migration `directory_next_openings_triggers`) set `stale` when a booking, cancellation or set-up
 * change may move a row. They hold the clinic's advisory lock (shared) while their transaction lasts; a refresh
 * takes it exclusively, so it never overwrites a stale mark with data read before the change.
 */
export const therapistNextOpenings = pgTable(
  'therapist_next_openings',
  {
    clinicId: clinicId().references(() => clinics.id),
    therapistId: uuid('therapist_id').notNull(),
    openings: timestamp('openings', { withTimezone: true, mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'`),
    complete: boolean('complete').notNull().default(false),
    spanStart: instant('span_start'),
    spanEnd: instant('span_end'),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
    computedAt: instant('computed_at').notNull(),
    refreshAt: instant('refresh_at').notNull(),
    freshUntil: instant('fresh_until').notNull(),
    stale: boolean('stale').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.therapistId] }),
    foreignKey({
      columns: [t.clinicId, t.therapistId],
      foreignColumns: [therapistProfiles.clinicId, therapistProfiles.userId],
    }),
    check('therapist_next_openings_count', sql`cardinality(${t.openings}) <= 64`),
    check(
      'therapist_next_openings_span',
      sql`(${t.spanStart} is null) = (cardinality(${t.openings}) = 0) and (${t.spanEnd} is null) = (${t.spanStart} is null)`,
    ),
    check('therapist_next_openings_notice', sql`${t.minNoticeMinutes} >= 0`),
  ],
);

export const CREDENTIAL_KINDS = ['state_license', 'camtc', 'ncbtmb', 'other_certification', 'npi'] as const;
export const CREDENTIAL_STATUSES = ['active', 'pending', 'inactive', 'suspended', 'revoked'] as const;

/**
 * A therapist's licence or certification, or their National Provider Identifier (kind `npi`: one per
 * therapist, 10 digits; it goes on superbills and FHIR). Public only while `status = 'active'`, `show_publicly` and not
 * expired (by date in the clinic's zone). `verified_*` record when the clinic last checked it with the issuer.
 */
export const credentials = pgTable(
  'credentials',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: CREDENTIAL_KINDS }).notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    number: text('number'),
    /** The name the holder is certified under (California: shown with the number in all advertising). */
    certifiedName: text('certified_name').notNull(),
    region: text('region'),
    status: text('status', { enum: CREDENTIAL_STATUSES }).notNull().default('active'),
    issuedOn: date('issued_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    showPublicly: boolean('show_publicly').notNull().default(true),
    verificationUrl: text('verification_url'),
    verifiedAt: instant('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('credentials_therapist_idx').on(t.clinicId, t.therapistId),
    index('credentials_expiry_idx').on(t.expiresOn),
    check(
      'credentials_kind',
      sql`${t.kind} in ('state_license', 'camtc', 'ncbtmb', 'other_certification', 'npi')`,
    ),
    check('credentials_npi_number', sql`${t.kind} <> 'npi' or ${t.number} ~ '^[0-9]{10}$'`),
    uniqueIndex('credentials_one_npi').on(t.clinicId, t.therapistId).where(sql`${t.kind} = 'npi'`),
    check(
      'credentials_status',
      sql`${t.status} in ('active', 'pending', 'inactive', 'suspended', 'revoked')`,
    ),
    check(
      'credentials_dates',
      sql`${t.expiresOn} is null or ${t.issuedOn} is null or ${t.expiresOn} >= ${t.issuedOn}`,
    ),
    check('credentials_verified', sql`(${t.verifiedAt} is null) = (${t.verifiedBy} is null)`),
  ],
);

/**
 * The dedupe record of expiry warnings: one row per credential, threshold and expiry date, inserted in the
 * same transaction as the e-mails. A renewed credential (new expiry date) is warned about again.
 */
export const credentialExpiryNotices = pgTable(
  'credential_expiry_notices',
  {
    clinicId: clinicId(),
    credentialId: uuid('credential_id').notNull(),
    thresholdDays: integer('threshold_days').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    sentAt: instant('sent_at').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.credentialId, t.thresholdDays, t.expiresOn] }),
    foreignKey({
      columns: [t.clinicId, t.credentialId],
      foreignColumns: [credentials.clinicId, credentials.id],
    }),
  ],
);

export const REVIEW_STATUSES = ['published', 'hidden'] as const;

/**
 * A verified review: a patient with a completed appointment with the therapist, once per course of care
 * (`course_key`: `referral:<id>` when the appointment is linked to a referral, else `window:<first date>`
 * for a 180-day window, see src/modules/reviews/README.md). The patient's words never change (trigger);
 * `status` changes only with a moderation decision logged in `review_moderation_log`.
 */
export const reviews = pgTable(
  'reviews',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    patientId: uuid('patient_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    referralId: uuid('referral_id'),
    courseKey: text('course_key').notNull(),
    rating: integer('rating').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('published'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    uniqueIndex('reviews_course_unique').on(t.clinicId, t.therapistId, t.patientId, t.courseKey),
    uniqueIndex('reviews_appointment_unique').on(t.clinicId, t.appointmentId),
    index('reviews_therapist_idx').on(t.clinicId, t.therapistId, t.status),
    check('reviews_rating', sql`${t.rating} between 1 and 5`),
    check('reviews_body', sql`length(${t.body}) between 1 and 2000`),
    check('reviews_status', sql`${t.status} in ('published', 'hidden')`),
  ],
);

/** The clinic's public reply to a review (one per review; the clinic may edit its own words). */
export const reviewReplies = pgTable(
  'review_replies',
  {
    clinicId: clinicId(),
    reviewId: uuid('review_id').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.reviewId] }),
    foreignKey({ columns: [t.clinicId, t.reviewId], foreignColumns: [reviews.clinicId, reviews.id] }),
    check('review_replies_body', sql`length(${t.body}) between 1 and 2000`),
  ],
);

/** A review reported by clinic staff to the owner-level moderation queue. */
export const reviewReports = pgTable(
  'review_reports',
  {
    clinicId: clinicId(),
    id: id(),
    reviewId: uuid('review_id').notNull(),
    reason: text('reason').notNull(),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['open', 'resolved'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.reviewId], foreignColumns: [reviews.clinicId, reviews.id] }),
    index('review_reports_open_idx').on(t.clinicId, t.status),
    uniqueIndex('review_reports_one_open').on(t.clinicId, t.reviewId).where(sql`status = 'open'`),
    check('review_reports_status', sql`${t.status} in ('open', 'resolved')`),
  ],
);

/** Every moderation decision (keep / hide with a reason). Append-only (trigger). */
export const reviewModerationLog = pgTable(
  'review_moderation_log',
  {
    clinicId: clinicId(),
    id: id(),
    reviewId: uuid('review_id').notNull(),
    reportId: uuid('report_id'),
    decision: text('decision', { enum: ['keep', 'hide', 'restore'] }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: instant('decided_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.reviewId], foreignColumns: [reviews.clinicId, reviews.id] }),
    foreignKey({
      columns: [t.clinicId, t.reportId],
      foreignColumns: [reviewReports.clinicId, reviewReports.id],
    }),
    index('review_moderation_log_review_idx').on(t.clinicId, t.reviewId),
    check('review_moderation_log_decision', sql`${t.decision} in ('keep', 'hide', 'restore')`),
    check('review_moderation_log_reason', sql`length(${t.reason}) > 0`),
  ],
);
