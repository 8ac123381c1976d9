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
import { clinicId, createdAt, id, instant } from './columns.ts';
import { users } from './identity.ts';
import { patients } from './patients.ts';
import { referrals } from './referrals.ts';
import { clinics, locations } from './tenancy.ts';

const HHMM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;
const HHMM_END = `'^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'`;

/** Clinic booking rules and reminder settings: one row per clinic (defaults apply while there is none). */
export const schedulingSettings = pgTable(
  'scheduling_settings',
  {
    clinicId: uuid('clinic_id')
      .primaryKey()
      .references(() => clinics.id),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
    maxDaysAhead: integer('max_days_ahead').notNull().default(60),
    slotGranularityMinutes: integer('slot_granularity_minutes').notNull().default(15),
    lateCancellationHours: integer('late_cancellation_hours').notNull().default(24),
    /** What a late cancellation and a no-show are charged to the patient's account (0: nothing). */
    lateCancellationFeeCents: integer('late_cancellation_fee_cents').notNull().default(0),
    noShowFeeCents: integer('no_show_fee_cents').notNull().default(0),
    /** Minutes before the start at which an e-mail reminder goes out (default 48 h and 2 h). */
    reminderOffsetsMinutes: integer('reminder_offsets_minutes').array().notNull().default(sql`'{2880,120}'`),
    whatToBring: text('what_to_bring'),
    selfCareTips: text('self_care_tips'),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('scheduling_settings_notice', sql`${t.minNoticeMinutes} between 0 and 20160`),
    check('scheduling_settings_ahead', sql`${t.maxDaysAhead} between 1 and 365`),
    check('scheduling_settings_grid', sql`${t.slotGranularityMinutes} in (5, 10, 15, 20, 30, 60)`),
    check('scheduling_settings_late', sql`${t.lateCancellationHours} between 0 and 168`),
    check(
      'scheduling_settings_fees',
      sql`${t.lateCancellationFeeCents} between 0 and 100000 and ${t.noShowFeeCents} between 0 and 100000`,
    ),
  ],
);

/** A session type: duration, buffers (room turnover), price, who may book it online. */
export const services = pgTable(
  'services',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    durationMinutes: integer('duration_minutes').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    priceCents: integer('price_cents').notNull().default(0),
    kind: text('kind', { enum: ['new_patient', 'follow_up'] }).notNull(),
    onlineBookable: boolean('online_bookable').notNull().default(true),
    requiredEquipment: text('required_equipment').array().notNull().default(sql`'{}'`),
    /** When not empty, only these rooms may be used. */
    roomIds: uuid('room_ids').array().notNull().default(sql`'{}'`),
    archivedAt: instant('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('services_duration', sql`${t.durationMinutes} between 15 and 180 and ${t.durationMinutes} % 5 = 0`),
    check(
      'services_buffers',
      sql`${t.bufferBeforeMinutes} between 0 and 60 and ${t.bufferAfterMinutes} between 0 and 60`,
    ),
    check('services_price', sql`${t.priceCents} >= 0`),
    check('services_kind', sql`${t.kind} in ('new_patient', 'follow_up')`),
  ],
);

/** Which therapists deliver which services (both "the service lists the therapist" and "the therapist offers it"). */
export const serviceTherapists = pgTable(
  'service_therapists',
  {
    clinicId: clinicId(),
    serviceId: uuid('service_id').notNull(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.serviceId, t.therapistId] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    index('service_therapists_therapist_idx').on(t.clinicId, t.therapistId),
  ],
);

/** Treatment rooms (tables) per location, with equipment tags services can require. */
export const rooms = pgTable(
  'rooms',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    equipment: text('equipment').array().notNull().default(sql`'{}'`),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: instant('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.locationId], foreignColumns: [locations.clinicId, locations.id] }),
  ],
);

/** A therapist's recurring weekly working hours at a location (local wall-clock, clinic zone). */
export const therapistHours = pgTable(
  'therapist_hours',
  {
    clinicId: clinicId(),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    locationId: uuid('location_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.locationId], foreignColumns: [locations.clinicId, locations.id] }),
    index('therapist_hours_therapist_idx').on(t.clinicId, t.therapistId),
    check('therapist_hours_weekday', sql`${t.weekday} between 1 and 7`),
    check('therapist_hours_start', sql.raw(`start_time ~ ${HHMM}`)),
    check('therapist_hours_end', sql.raw(`end_time ~ ${HHMM_END}`)),
  ],
);

/** A recurring weekly break (applies to every working window on that weekday). */
export const therapistBreaks = pgTable(
  'therapist_breaks',
  {
    clinicId: clinicId(),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('therapist_breaks_therapist_idx').on(t.clinicId, t.therapistId),
    check('therapist_breaks_weekday', sql`${t.weekday} between 1 and 7`),
    check('therapist_breaks_start', sql.raw(`start_time ~ ${HHMM}`)),
    check('therapist_breaks_end', sql.raw(`end_time ~ ${HHMM_END}`)),
  ],
);

/** Dated exceptions: time off, holidays, extra hours. `end_date` = `start_date` for one-day kinds. */
export const therapistExceptions = pgTable(
  'therapist_exceptions',
  {
    clinicId: clinicId(),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['time_off', 'holiday', 'extra_hours'] }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
    locationId: uuid('location_id'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.locationId], foreignColumns: [locations.clinicId, locations.id] }),
    index('therapist_exceptions_range_idx').on(t.clinicId, t.therapistId, t.endDate),
    check('therapist_exceptions_kind', sql`${t.kind} in ('time_off', 'holiday', 'extra_hours')`),
    check('therapist_exceptions_dates', sql`${t.endDate} >= ${t.startDate}`),
    check(
      'therapist_exceptions_extra_complete',
      sql`${t.kind} <> 'extra_hours' or (${t.locationId} is not null and ${t.startTime} is not null and ${t.endTime} is not null and ${t.endDate} = ${t.startDate})`,
    ),
  ],
);

export const APPOINTMENT_STATUSES = [
  'booked',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatusValue = (typeof APPOINTMENT_STATUSES)[number];
/** Statuses that occupy the therapist and the room (the exclusion constraints' WHERE clause). */
export const LIVE_STATUSES = ['booked', 'confirmed', 'checked_in', 'completed'] as const;

/** A recurring series (e.g. twice a week for four weeks); its appointments point at it. */
export const appointmentSeries = pgTable(
  'appointment_series',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    referralId: uuid('referral_id'),
    occurrences: integer('occurrences').notNull(),
    warningsAcknowledged: jsonb('warnings_acknowledged').$type<string[]>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
  ],
);

/**
 * An appointment. `start_at`/`end_at` are the treatment; `blocked_start`/`blocked_end` add the service's
 * buffers (checked below) and are what the two exclusion constraints (migration `appointment_exclusion`)
 * keep from overlapping for one therapist or one room while the status is live.
 */
export const appointments = pgTable(
  'appointments',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    roomId: uuid('room_id').notNull(),
    locationId: uuid('location_id').notNull(),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    blockedStart: instant('blocked_start').notNull(),
    blockedEnd: instant('blocked_end').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    bookedBy: uuid('booked_by')
      .notNull()
      .references(() => users.id),
    bookedVia: text('booked_via', {
      enum: ['staff', 'patient', 'series', 'waitlist', 'reschedule'],
    }).notNull(),
    seriesId: uuid('series_id'),
    referralId: uuid('referral_id'),
    confirmedAt: instant('confirmed_at'),
    checkedInAt: instant('checked_in_at'),
    completedAt: instant('completed_at'),
    /** The session note written for this visit (the clinical-notes capability fills it in). */
    sessionNoteId: text('session_note_id'),
    /** What the person booking wrote (e.g. "I have a referral for sciatica"); shown to staff. */
    bookingNote: text('booking_note'),
    noShowAt: instant('no_show_at'),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledByRole: text('cancelled_by_role', { enum: ['patient', 'staff', 'system'] }),
    cancellationReason: text('cancellation_reason'),
    cancelledLate: boolean('cancelled_late'),
    /**
     * The clinic's fee for a late cancellation or a no-show, charged to the patient's account at the time (the
     * fee in force then, so a later change of the clinic's fees changes no past charge). Staff may waive it,
     * saying why; it is then kept but no longer owed.
     */
    missedFeeCents: integer('missed_fee_cents'),
    feeWaivedAt: instant('fee_waived_at'),
    feeWaivedBy: uuid('fee_waived_by').references(() => users.id),
    feeWaiveReason: text('fee_waive_reason'),
    /** Set when this appointment was cancelled because it moved: the new appointment's id. */
    rescheduledTo: uuid('rescheduled_to'),
    /** The appointment this one replaces (reschedule history). */
    rescheduledFrom: uuid('rescheduled_from'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    foreignKey({ columns: [t.clinicId, t.roomId], foreignColumns: [rooms.clinicId, rooms.id] }),
    foreignKey({ columns: [t.clinicId, t.locationId], foreignColumns: [locations.clinicId, locations.id] }),
    foreignKey({
      columns: [t.clinicId, t.seriesId],
      foreignColumns: [appointmentSeries.clinicId, appointmentSeries.id],
    }),
    foreignKey({ columns: [t.clinicId, t.referralId], foreignColumns: [referrals.clinicId, referrals.id] }),
    foreignKey({ columns: [t.clinicId, t.rescheduledFrom], foreignColumns: [t.clinicId, t.id] }),
    index('appointments_therapist_time_idx').on(t.clinicId, t.therapistId, t.startAt),
    index('appointments_room_time_idx').on(t.clinicId, t.roomId, t.startAt),
    index('appointments_time_idx').on(t.clinicId, t.startAt),
    index('appointments_patient_idx').on(t.clinicId, t.patientId, t.startAt),
    uniqueIndex('appointments_rescheduled_from_unique').on(t.clinicId, t.rescheduledFrom),
    check(
      'appointments_status',
      sql`${t.status} in ('booked', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')`,
    ),
    check('appointments_order', sql`${t.endAt} > ${t.startAt}`),
    check(
      'appointments_blocked',
      sql`${t.blockedStart} = ${t.startAt} - make_interval(mins => ${t.bufferBeforeMinutes}) and ${t.blockedEnd} = ${t.endAt} + make_interval(mins => ${t.bufferAfterMinutes})`,
    ),
    check('appointments_cancel_complete', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check(
      'appointments_missed_fee',
      sql`${t.missedFeeCents} is null or (${t.missedFeeCents} > 0 and ${t.status} in ('cancelled', 'no_show'))`,
    ),
    check(
      'appointments_fee_waived',
      sql`(${t.feeWaivedAt} is null) = (${t.feeWaivedBy} is null) and (${t.feeWaivedAt} is null) = (${t.feeWaiveReason} is null) and (${t.feeWaivedAt} is null or ${t.missedFeeCents} is not null)`,
    ),
  ],
);

/** A patient waiting for an earlier time: a service, optionally a therapist or location, a date window. */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    therapistId: uuid('therapist_id').references(() => users.id),
    locationId: uuid('location_id'),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['waiting', 'fulfilled', 'cancelled'] })
      .notNull()
      .default('waiting'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    appointmentId: uuid('appointment_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    index('waitlist_entries_waiting_idx').on(t.clinicId, t.status, t.fromDate),
    check('waitlist_entries_window', sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

/**
 * An opened slot offered to a waiting patient. All offers for one opening share `opening_id`; the first
 * accepted books the slot (the exclusion constraints make that atomic), the others become `taken`.
 */
export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    clinicId: clinicId(),
    id: id(),
    entryId: uuid('entry_id').notNull(),
    openingId: uuid('opening_id').notNull(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    roomId: uuid('room_id').notNull(),
    startAt: instant('start_at').notNull(),
    status: text('status', { enum: ['open', 'accepted', 'taken', 'expired'] })
      .notNull()
      .default('open'),
    expiresAt: instant('expires_at').notNull(),
    acceptedAt: instant('accepted_at'),
    appointmentId: uuid('appointment_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId, t.entryId],
      foreignColumns: [waitlistEntries.clinicId, waitlistEntries.id],
    }),
    index('waitlist_offers_opening_idx').on(t.clinicId, t.openingId),
  ],
);

/** A therapist's private iCalendar feed. Only the SHA-256 of the URL token is stored; revoking ends it. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    clinicId: clinicId().references(() => clinics.id),
    id: id(),
    therapistId: uuid('therapist_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    includePatientNames: boolean('include_patient_names').notNull().default(false),
    createdAt: createdAt(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('calendar_feeds_therapist_idx').on(t.clinicId, t.therapistId),
  ],
);

/**
 * The durable job queue (reminders, confirmations). A job is claimed by setting `locked_until` (a lease)
 * and finished by `status = 'done'` in the same transaction as its effect; `dedupe_key` makes the same
 * reminder impossible to enqueue twice.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id'),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'done', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(6),
    lockedUntil: instant('locked_until'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    doneAt: instant('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`status = 'pending'`),
    index('jobs_clinic_idx').on(t.clinicId),
  ],
);

/**
 * A "time to book your next session" e-mail sent from the To rebook list: who sent it and when, so colleagues
 * see it and nobody sends another within a week. The message itself is in the outbox.
 */
export const rebookReminders = pgTable(
  'rebook_reminders',
  {
    clinicId: clinicId(),
    id: id(),
    patientId: uuid('patient_id').notNull(),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => users.id),
    outboxId: uuid('outbox_id').notNull(),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }),
    index('rebook_reminders_patient_idx').on(t.clinicId, t.patientId, t.sentAt),
  ],
);
