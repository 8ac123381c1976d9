import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';
import { localDate, localTime, slot, weekday } from '../scheduling/schemas.ts';

/** Zod schemas for appointments, series and the waitlist, shared by the server and the web app. */

export const APPOINTMENT_STATUS_VALUES = [
  'booked',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export const appointmentStatus = z.enum(APPOINTMENT_STATUS_VALUES);

export const bookingBody = z.object({
  patientId: z.uuid(),
  serviceId: z.uuid(),
  therapistId: z.uuid().optional().describe('Omit for "first available"'),
  roomId: z.uuid().optional().describe('Omit to assign the first free suitable room'),
  start: isoDateTime.describe('Treatment start, ISO-8601 with offset'),
  referralId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      "Omit to book against the patient's current referral when the visit falls within its validity; null: against none",
    ),
  note: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe('A note for the clinic, e.g. "I have a referral for…"'),
});

/** Where the visit happens, told to the patient: the site's name and its street address on one line. */
export const appointmentLocation = z.object({
  name: z.string(),
  address: z
    .string()
    .describe('Street, suite, city, state and ZIP, e.g. "1650 India St, Suite 200, San Diego, CA 92101"'),
});

export const appointment = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z
    .string()
    .nullable()
    .describe('Preferred (or legal first) and last name; null when not shown'),
  serviceId: z.uuid(),
  serviceName: z.string(),
  serviceKind: z
    .enum(['new_patient', 'follow_up'])
    .optional()
    .describe('Whether the service is for new patients (the first visit) or a follow-up'),
  therapistId: z.uuid(),
  roomId: z.uuid(),
  locationId: z.uuid(),
  location: appointmentLocation,
  start: z.string().describe('UTC instant'),
  end: z.string(),
  localStart: z.string().describe("Local ISO with offset in the clinic's zone"),
  localEnd: z.string(),
  timeZone: z.string(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  status: appointmentStatus,
  bookedBy: z.uuid(),
  bookedVia: z.enum(['staff', 'patient', 'series', 'waitlist', 'reschedule']),
  seriesId: z.uuid().nullable(),
  referralId: z.uuid().nullable(),
  confirmedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  sessionNoteId: z.string().nullable(),
  bookingNote: z.string().nullable(),
  noShowAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.uuid().nullable().describe('Who recorded the cancellation (the patient, or staff)'),
  cancelledByRole: z
    .enum(['patient', 'staff', 'system'])
    .nullable()
    .describe(
      'On whose side: patient (cancelled online, or at their request recorded by staff), staff (by the clinic), system',
    ),
  cancellationReason: z.string().nullable(),
  cancelledLate: z.boolean().nullable(),
  rescheduledFrom: z.uuid().nullable(),
  rescheduledTo: z.uuid().nullable(),
  createdAt: z.string(),
  intakeSubmitted: z
    .boolean()
    .optional()
    .describe('In the calendar list, for staff: whether the patient has submitted the intake questionnaire'),
  patientPhone: z
    .string()
    .nullable()
    .optional()
    .describe("In the calendar list, for staff only: the patient's phone number, to reach them"),
  firstVisit: z
    .boolean()
    .optional()
    .describe(
      'In the calendar list, for staff: the patient has no completed visit at the clinic before this appointment',
    ),
});
export type AppointmentDto = z.infer<typeof appointment>;

/** The patient chart's appointments section (`chart-section.ts`). */
export const appointmentsChartSection = z.object({
  upcoming: z.array(appointment).describe('Live appointments not yet over, soonest first'),
  recent: z
    .array(appointment)
    .describe('Appointments that have started, latest first, whatever their status, except one under way'),
  tally: z.object({
    completed: z.number().int(),
    noShows: z.number().int(),
    cancelled: z.number().int().describe('Cancelled by the patient or the clinic, not moved'),
    cancelledLate: z.number().int().describe('Of those, inside the late-cancellation window'),
  }),
});
export type AppointmentsChartSection = z.infer<typeof appointmentsChartSection>;

export const alternatives = z.object({ before: z.array(slot), after: z.array(slot) });

export const listQuery = z.object({
  from: localDate.describe('First local date (inclusive)'),
  to: localDate.describe('Last local date (exclusive); at most 62 days after from'),
  therapistId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  status: appointmentStatus.optional(),
  cursor: z.uuid().optional().describe('nextCursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const cancelBody = z.object({
  reason: z.string().trim().min(1, 'Give a reason').max(500),
  cancelledBy: z
    .enum(['patient', 'clinic'])
    .optional()
    .describe(
      "Who cancelled: required from staff (the patient asked, or the clinic cancelled, e.g. the therapist is ill); a patient cancelling online is always 'patient'. A clinic cancellation is never late and has no fee",
    ),
  waiveFee: z
    .boolean()
    .default(false)
    .describe(
      "Staff: waive the late-cancellation fee of a patient's late cancellation at once (as the patient's payments do), with the reason given",
    ),
});
/** Who the freed time went to on the waiting list, as the desk needs it to follow up (staff only). */
export const openingOffered = z.object({
  outcome: z
    .enum(['offered', 'none_waiting', 'too_soon', 'started'])
    .describe(
      "offered: made to `people`; none_waiting: nobody waiting it suits; too_soon: inside the clinic's minimum notice for online booking, so not offered online (`people` could be phoned); started: nothing to offer",
    ),
  people: z.array(
    z.object({
      patientId: z.uuid(),
      patientName: z.string(),
      emailed: z.boolean().describe('Sent the offer by e-mail (false: no e-mail on file, phone them)'),
      phone: z.string().nullable(),
    }),
  ),
  closesAt: z.string().nullable().describe('When the offers close (before the start, by the minimum notice)'),
  minNoticeMinutes: z.number().int(),
});
export type OpeningOffered = z.infer<typeof openingOffered>;
export const cancelResult = appointment.extend({
  fee: z
    .object({ cents: z.number().int(), waived: z.boolean() })
    .nullable()
    .describe('The late-cancellation fee charged (null: none), and whether it was waived'),
  opening: openingOffered
    .nullable()
    .describe('Staff only: what happened to the freed time on the waiting list (null for a patient)'),
});
export type CancelResult = z.infer<typeof cancelResult>;
export const completeBody = z.object({
  sessionNoteId: z.string().trim().min(1).max(100).optional().describe('The session note of this visit'),
});
export const rescheduleBody = z.object({
  start: isoDateTime,
  therapistId: z.uuid().optional().describe('Defaults to the same therapist'),
  roomId: z.uuid().optional(),
  reason: z.string().trim().max(500).optional(),
  undoOf: z
    .uuid()
    .optional()
    .describe(
      'Undo of a move: the appointment the move replaced (this one’s rescheduledFrom). The appointment goes back to that time and therapist, confirmed again if the patient had confirmed it, within 15 minutes of the move',
    ),
});

// ── Series ────────────────────────────────────────────────────────────────────────────────────────
export const seriesPreviewBody = z.object({
  patientId: z.uuid(),
  serviceId: z.uuid(),
  therapistId: z.uuid().optional().describe('Omit for the first available therapist at each time'),
  locationId: z.uuid().optional(),
  referralId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      "Omit for the patient's current referral when the first date falls within its validity; null: none",
    ),
  startDate: localDate.describe('First local date of the series'),
  weeks: z.number().int().min(1).max(26),
  times: z
    .array(z.object({ weekday, time: localTime }))
    .min(1)
    .max(7)
    .describe('Preferred weekdays and local times, e.g. Tuesday 09:00 and Thursday 09:00'),
});
export const seriesWarning = z.object({
  code: z.enum(['exceeds_authorized_visits', 'after_referral_expiry', 'before_referral_start']),
  message: z.string(),
});
/** Where a visit stands on its referral, before it is booked or checked in (the series rule, for one visit). */
export const referralStandingQuery = z.object({
  patientId: z.uuid(),
  date: localDate.describe('Local date of the visit to book'),
});
export const referralStanding = z.object({
  referral: z
    .object({
      id: z.uuid(),
      linked: z
        .boolean()
        .describe(
          "The appointment is booked against this referral; false: it is the patient's current referral",
        ),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
      visitsAllowed: z.number().int().nullable().describe('null: the referral sets no limit'),
      visitsUsedOrBooked: z
        .number()
        .int()
        .describe(
          'Visits recorded or completed, plus live appointments counted against it: booked against it, or against none within its validity (for an appointment: those before it)',
        ),
    })
    .nullable()
    .describe('null: the patient has no referral (self-pay)'),
  warnings: z
    .array(seriesWarning)
    .describe('This visit beyond the authorised visits, after the referral expires, or before it is valid'),
});
export type ReferralStanding = z.infer<typeof referralStanding>;
/** The day list's referral marks: the standing of each live appointment in a range, in one read. */
export const referralStandingsQuery = z.object({
  from: localDate.describe('First local date (inclusive)'),
  to: localDate.describe('Last local date (exclusive); at most 31 days after from'),
});
export const referralStandings = z.object({
  items: z
    .array(referralStanding.extend({ appointmentId: z.uuid() }))
    .describe(
      'One per appointment still to come or under way (booked, confirmed, checked in), as its own referral-standing read answers',
    ),
});
export type ReferralStandings = z.infer<typeof referralStandings>;
export const seriesOccurrence = z.object({
  index: z.number().int(),
  localDate: z.string(),
  localTime: z.string(),
  start: z.string(),
  ok: z.boolean(),
  slot: slot.nullable(),
  problems: z.array(z.string()),
  alternatives: alternatives.nullable(),
  warnings: z.array(seriesWarning),
});
export const seriesPreview = z.object({
  occurrences: z.array(seriesOccurrence),
  warnings: z.array(seriesWarning),
  referral: z
    .object({
      id: z.uuid(),
      visitsAllowed: z.number().int().nullable(),
      visitsUsedOrBooked: z
        .number()
        .int()
        .describe(
          'Visits recorded or completed, plus live appointments counted against it (booked against it, or against none within its validity)',
        ),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
    })
    .nullable()
    .describe('The referral the series is checked against (the one chosen, or the current one); null: none'),
});
export const seriesCreateBody = z.object({
  patientId: z.uuid(),
  serviceId: z.uuid(),
  referralId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      "Omit for the patient's current referral when the first date falls within its validity; null: none",
    ),
  acknowledgeWarnings: z
    .boolean()
    .default(false)
    .describe('Book even though the series goes beyond the referral (authorised visits or expiry)'),
  occurrences: z
    .array(z.object({ start: isoDateTime, therapistId: z.uuid(), roomId: z.uuid().optional() }))
    .min(1)
    .max(60),
});
export const seriesCreated = z.object({
  seriesId: z.uuid(),
  appointments: z.array(appointment),
  warnings: z.array(seriesWarning),
});

// ── Waitlist ──────────────────────────────────────────────────────────────────────────────────────
export const waitlistBody = z.object({
  patientId: z.uuid(),
  serviceId: z.uuid(),
  therapistId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  fromDate: localDate,
  toDate: localDate.describe('Last acceptable local date (inclusive)'),
});
export const waitlistEntry = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  serviceId: z.uuid(),
  therapistId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  fromDate: z.string(),
  toDate: z.string(),
  status: z.enum(['waiting', 'fulfilled', 'cancelled']),
  appointmentId: z.uuid().nullable(),
  createdAt: z.string(),
});
/** The front desk offers one waiting patient a time by hand (e.g. extra hours a therapist added). */
export const waitlistOfferBody = z.object({
  therapistId: z.uuid().optional().describe("Omit for the entry's therapist, or the first free one"),
  roomId: z.uuid().optional().describe('Omit to assign the first free suitable room'),
  start: isoDateTime.describe("Treatment start, ISO-8601 with offset; within the entry's dates"),
});
/** The latest time offered to a waiting-list entry: open until `expiresAt`, or how it ended. */
export const waitlistOfferSummary = z.object({
  id: z.uuid(),
  start: z.string(),
  localStart: z.string(),
  status: z.enum(['open', 'accepted', 'taken', 'expired']),
  expiresAt: z.string(),
});
/** A row of the waiting list as it is read (staff: everyone's; a patient: their own). */
export const waitlistListItem = waitlistEntry.extend({
  patientName: z.string().nullable().describe('Preferred (or legal first) and last name'),
  patientEmailOnFile: z
    .boolean()
    .describe('Whether the patient has an e-mail address: offers reach a patient without one only by phone'),
  latestOffer: waitlistOfferSummary.nullable(),
});
export const waitlistList = z.object({ items: z.array(waitlistListItem) });
export const waitlistOffer = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  therapistId: z.uuid(),
  roomId: z.uuid(),
  start: z.string(),
  localStart: z.string(),
  status: z.enum(['open', 'accepted', 'taken', 'expired']),
  expiresAt: z.string(),
  appointmentId: z.uuid().nullable(),
});
/** A time the desk offered by hand, and whether the patient was e-mailed it (without an address, phone them). */
export const waitlistOfferMade = waitlistOffer.extend({
  emailed: z.boolean().describe('False when the patient has no e-mail address: the desk must tell them'),
});

/**
 * A patient whose plan of care is still running, with visits left, and nothing booked ahead: the front desk's
 * call list, so nobody drifts off their plan unnoticed.
 */
export const rebookItem = z.object({
  patientId: z.uuid(),
  patientName: z.string(),
  phone: z.string().nullable(),
  referralId: z.uuid().nullable().describe('null: a self-referred plan'),
  frequencyPerWeek: z.number().int(),
  planEndsOn: z.iso.date(),
  weeksLeft: z.number().int(),
  visitsLeft: z.number().int(),
  lastVisitAt: z.iso.datetime().nullable(),
  lastTherapistId: z.uuid().nullable(),
  /** Checked in right now: book the next one before they leave. */
  inClinic: z.boolean(),
  /** The last "time to book" e-mail sent from the list. */
  remindedAt: z.iso.datetime().nullable(),
  /** Why no reminder can be e-mailed: no address on file, or the patient turned reminders off. */
  cannotRemind: z.enum(['no_email', 'opted_out']).nullable(),
});
export const rebookList = z.object({ items: z.array(rebookItem) });
/** A "time to book" e-mail goes once a week at most, whoever sends it (the list shows when it may go again). */
export const REBOOK_REMINDER_EVERY_MS = 7 * 86_400_000;
export const rebookReminderSent = z.object({ sentAt: z.iso.datetime(), delivered: z.boolean() });
