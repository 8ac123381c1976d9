import { and, eq, gte, inArray, isNull, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { parseJson } from '../../db/json.ts';
import {
  appointments,
  locations,
  patients,
  services,
  waitlistEntries,
  waitlistOffers,
} from '../../db/schema/index.ts';
import { executeTogether } from '../../db/statements.ts';
import {
  type Alternatives,
  type Audience,
  type BookingProblem,
  checkBooking,
  nearestAlternatives,
  type Slot,
} from '../../domain/scheduling/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { engine } from '../scheduling/availability.ts';
import {
  asBookableBy,
  type LoadedInput,
  licenceLapsedOn,
  loadAvailabilityInput,
} from '../scheduling/engine-input.ts';
import { jobsInsert, type NewJob } from '../scheduling/jobs.ts';
import type { AppointmentDto, appointmentLocation } from './schemas.ts';

export type AppointmentRow = typeof appointments.$inferSelect;
type BookedVia = AppointmentRow['bookedVia'];

const DAY_MS = 86_400_000;

/**
 * The slot was taken meanwhile: an exclusion constraint refused the row (23P01), or PostgreSQL aborted this
 * write as a deadlock (40P01). It checks an exclusion constraint after inserting the row, so two requests
 * inserting the same slot at the same instant can each wait for the other; it aborts one and the other goes on.
 * Measured: about 3 in 100 of 30 simultaneous inserts of one slot end this way on PostgreSQL 15.
 */
export function isSlotConflict(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23P01' || e.code === '40P01') return true;
  }
  return false;
}

/** The engine's input for `days` days either side of `start` (two more for time zones), plus `extra` lookups. */
export async function loadAround<E extends Record<string, SQL> = Record<never, SQL>>(
  db: Executor,
  request: { clinicId: string; timeZone: string; serviceId: string; start: Date; therapistId?: string },
  days: number,
  extra?: E,
) {
  const loaded = await loadAvailabilityInput(
    db,
    {
      clinicId: request.clinicId,
      timeZone: request.timeZone,
      serviceId: request.serviceId,
      therapistId: request.therapistId,
      from: new Date(request.start.getTime() - (days + 2) * DAY_MS),
      to: new Date(request.start.getTime() + (days + 2) * DAY_MS),
    },
    extra,
  );
  if (!loaded) throw notFound('Service');
  return loaded;
}

const ALTERNATIVES = 3;

/** A moved appointment is not in the way of its new time. */
const movedAway = (request: PlanRequest) => (request.moving ? [request.moving.id] : undefined);

/**
 * Nearest free starts around a requested one (same therapist if one was asked for), for 409 and 422 answers.
 * First within a day either side, from `near` (the input the booking was checked against, loaded ±1 day) when
 * given: that usually finds them without another query. Only when it does not, two weeks either side are loaded.
 */
export async function alternativesFor(
  db: Executor,
  request: PlanRequest,
  near?: LoadedInput,
): Promise<Alternatives> {
  // The engine sees a moved appointment's own slot as free: one more is looked for on each side, and that slot
  // is left out.
  const { moving } = request;
  const isCurrent = (slot: Slot) =>
    moving !== undefined &&
    slot.therapistId === moving.therapistId &&
    Date.parse(slot.start) === moving.startAt.getTime();
  const search = (input: LoadedInput, maxSearchDays: number): Alternatives => {
    const found = engine(() =>
      nearestAlternatives(
        {
          serviceId: request.serviceId,
          start: request.start.toISOString(),
          therapistId: request.therapistId,
          now: request.now.toISOString(),
          audience: request.audience,
          excludeAppointmentIds: movedAway(request),
          maxSearchDays,
        },
        asBookableBy(input, request.audience).input,
        moving ? ALTERNATIVES + 1 : ALTERNATIVES,
      ),
    );
    return {
      before: found.before.filter((slot) => !isCurrent(slot)).slice(-ALTERNATIVES),
      after: found.after.filter((slot) => !isCurrent(slot)).slice(0, ALTERNATIVES),
    };
  };
  if (near) {
    const found = search(near, 1);
    if (found.before.length === ALTERNATIVES && found.after.length === ALTERNATIVES) return found;
  }
  return search(await loadAround(db, request, 15), 14);
}

const BUSY: ReadonlySet<BookingProblem['code']> = new Set(['therapist-busy', 'room-busy', 'no-room-free']);

export interface BookingPlan {
  slot: Slot;
  service: LoadedInput['service'];
  settings: LoadedInput['settings'];
  /** For the desk: the therapist's licence had expired by the visit's date (`licenceLapsedOn`). */
  warning?: string;
}

export interface PlanRequest {
  clinicId: string;
  timeZone: string;
  serviceId: string;
  therapistId?: string;
  roomId?: string;
  start: Date;
  audience: Audience;
  now: Date;
  /** The appointment being moved: it does not block its new time, and where it is now is no alternative. */
  moving?: Pick<AppointmentRow, 'id' | 'startAt' | 'therapistId'>;
}

/**
 * Validates a booking with the pure engine (`checkBooking`) against fresh data. Without a therapist, the
 * first eligible therapist free at that time is chosen ("first available"). A busy slot is a 409
 * `slot_taken` with the nearest alternatives; any other problem is a 422 naming the problems.
 */
export async function planBooking(
  db: Executor,
  request: PlanRequest,
  loaded?: LoadedInput,
): Promise<BookingPlan> {
  const input = loaded ?? (await loadAround(db, { ...request, therapistId: undefined }, 1));
  return planWith(db, request, input);
}

async function planWith(db: Executor, request: PlanRequest, all: LoadedInput): Promise<BookingPlan> {
  if (request.audience === 'patient' && !all.service.onlineBookable) throw notFound('Service');
  // Patients: without the therapists whose licence has expired by then (refused below in plain words).
  const loaded = asBookableBy(all, request.audience);
  if (request.audience === 'patient' && request.therapistId) {
    const day = DateTime.fromJSDate(request.start, { zone: request.timeZone }).toISODate()!;
    if (licenceLapsedOn(loaded, request.therapistId, day)) {
      // The patient is told the therapist is not working then (no licence details), with other free times.
      throw new AppError(
        'unprocessable',
        'This therapist cannot be booked online on that day; please choose another time or call the clinic',
        {
          problems: ['outside-working-hours'],
          alternatives: await alternativesFor(db, { ...request, therapistId: undefined }, loaded),
        },
      );
    }
  }
  const candidates = request.therapistId ? [request.therapistId] : loaded.input.therapists.map((t) => t.id);
  let firstProblems: BookingProblem[] = [{ code: 'therapist-not-eligible' }];
  for (const [i, therapistId] of candidates.entries()) {
    const result = engine(() =>
      checkBooking(
        {
          serviceId: request.serviceId,
          therapistId,
          roomId: request.roomId,
          start: request.start.toISOString(),
          now: request.now.toISOString(),
          audience: request.audience,
          excludeAppointmentIds: movedAway(request),
        },
        loaded.input,
      ),
    );
    if (result.ok && result.slot) {
      const warning = licenceLapsedOn(loaded, result.slot.therapistId, result.slot.localDate);
      return {
        slot: result.slot,
        service: loaded.service,
        settings: loaded.settings,
        ...(warning ? { warning } : {}),
      };
    }
    if (i === 0 || result.problems.every((p) => BUSY.has(p.code))) firstProblems = result.problems;
  }
  if (firstProblems.length > 0 && firstProblems.every((p) => BUSY.has(p.code))) {
    throw await slotTaken(db, request, loaded);
  }
  const details = {
    problems: firstProblems.map((p) => p.code),
    alternatives: await alternativesFor(db, request, loaded),
  };
  throw new AppError('unprocessable', describeProblems(firstProblems), details);
}

export async function slotTaken(db: Executor, request: PlanRequest, near?: LoadedInput): Promise<AppError> {
  return new AppError('slot_taken', 'That time is no longer free; here are the nearest free times', {
    alternatives: await alternativesFor(db, request, near),
  });
}

const PROBLEM_TEXT: Record<string, string> = {
  'unknown-service': 'This service does not exist',
  'therapist-not-eligible': 'This therapist does not offer this service',
  'unknown-room': 'This room does not exist',
  'room-unsuitable': 'This room lacks the equipment the service needs',
  'room-wrong-location': 'This room is at another location than the therapist that day',
  'no-room-free': 'No suitable room is free then',
  'outside-working-hours': 'That time is outside the therapist’s working hours',
  'in-past': 'That time is in the past',
  'too-soon': 'That time is too soon to book online',
  'too-far-ahead': 'That time is too far ahead to book online',
  'off-grid': 'Online bookings start on the clinic’s time grid',
  'therapist-busy': 'The therapist is busy then',
  'room-busy': 'The room is busy then',
};
export const describeProblems = (problems: BookingProblem[]) =>
  problems.map((p) => PROBLEM_TEXT[p.code] ?? p.code).join('; ') || 'This time cannot be booked';

export interface InsertRequest {
  clinicId: string;
  patientId: string;
  plan: BookingPlan;
  bookedBy: string;
  bookedVia: BookedVia;
  seriesId?: string | null;
  referralId?: string | null;
  rescheduledFrom?: string | null;
  bookingNote?: string | null;
  /**
   * When the patient confirmed: kept when an undo puts a moved appointment back where they had confirmed it
   * (the appointment is then `confirmed`). Otherwise a new appointment is `booked`.
   */
  confirmedAt?: Date | null;
  /**
   * No confirmation of its own: a series queues one confirmation for all its appointments
   * (`seriesConfirmationJob`). Reminders stay per appointment.
   */
  withoutConfirmation?: boolean;
  now: Date;
  id?: string;
}

/**
 * A planned booking as statements not yet run: the appointment row, and its confirmation and reminder jobs.
 * Run them with `executeTogether` (one statement, so the jobs exist exactly when the appointment does), along
 * with the caller's audit row.
 */
export function newAppointment(
  db: Executor,
  r: InsertRequest,
): { row: AppointmentRow; effect: SQLWrapper[] } {
  const { slot, service, settings } = r.plan;
  const startAt = new Date(slot.start);
  const endAt = new Date(slot.end);
  const row: AppointmentRow = {
    clinicId: r.clinicId,
    id: r.id ?? uuidv7(),
    patientId: r.patientId,
    serviceId: service.id,
    therapistId: slot.therapistId,
    roomId: slot.roomId,
    locationId: slot.locationId,
    startAt,
    endAt,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    blockedStart: new Date(startAt.getTime() - service.bufferBeforeMinutes * 60_000),
    blockedEnd: new Date(endAt.getTime() + service.bufferAfterMinutes * 60_000),
    status: r.confirmedAt ? 'confirmed' : 'booked',
    bookedBy: r.bookedBy,
    bookedVia: r.bookedVia,
    seriesId: r.seriesId ?? null,
    referralId: r.referralId ?? null,
    rescheduledFrom: r.rescheduledFrom ?? null,
    rescheduledTo: null,
    bookingNote: r.bookingNote ?? null,
    confirmedAt: r.confirmedAt ?? null,
    checkedInAt: null,
    completedAt: null,
    sessionNoteId: null,
    noShowAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelledByRole: null,
    cancellationReason: null,
    cancelledLate: null,
    missedFeeCents: null,
    feeWaivedAt: null,
    feeWaivedBy: null,
    feeWaiveReason: null,
    createdAt: r.now,
    updatedAt: r.now,
  };
  const notices = notificationJobs(row, settings.reminderOffsetsMinutes, r.now, {
    confirmation: !r.withoutConfirmation,
  });
  return {
    row,
    effect: [
      db.insert(appointments).values(row),
      // None when a series' appointment is too near for any reminder (its confirmation is the series').
      ...(notices.length > 0 ? [jobsInsert(db, notices)] : []),
      // An accepted offer closes its own entry, with the offer's bookkeeping.
      ...(r.bookedVia === 'waitlist' ? [] : waitlistAnswered(db, row, slot.localDate)),
    ],
  };
}

/**
 * A booking answers the patient's waiting-list requests it fits (same service, its day in their window, their
 * therapist and site if they named one): they are marked fulfilled by it, and their open offers withdrawn, so
 * the patient is not offered a time they no longer need. Two statements over the same rows: run together, both
 * see the requests as they were.
 */
function waitlistAnswered(db: Executor, row: AppointmentRow, localDate: string): SQLWrapper[] {
  const answered = and(
    eq(waitlistEntries.clinicId, row.clinicId),
    eq(waitlistEntries.patientId, row.patientId),
    eq(waitlistEntries.serviceId, row.serviceId),
    eq(waitlistEntries.status, 'waiting'),
    lte(waitlistEntries.fromDate, localDate),
    gte(waitlistEntries.toDate, localDate),
    or(isNull(waitlistEntries.therapistId), eq(waitlistEntries.therapistId, row.therapistId)),
    or(isNull(waitlistEntries.locationId), eq(waitlistEntries.locationId, row.locationId)),
  );
  return [
    db.update(waitlistEntries).set({ status: 'fulfilled', appointmentId: row.id }).where(answered),
    db
      .update(waitlistOffers)
      .set({ status: 'expired' })
      .where(
        and(
          eq(waitlistOffers.clinicId, row.clinicId),
          eq(waitlistOffers.status, 'open'),
          inArray(
            waitlistOffers.entryId,
            db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(answered),
          ),
        ),
      ),
  ];
}

/** Inserts a planned booking and its notification jobs in one statement (in the caller's transaction). */
export async function insertAppointment(tx: Executor, r: InsertRequest): Promise<AppointmentRow> {
  const { row, effect } = newAppointment(tx, r);
  await executeTogether(tx, effect);
  return row;
}

/**
 * The confirmation now (unless `confirmation: false`: a series confirms all its appointments in one), and a
 * reminder at each offset before the start that is still ahead.
 */
export function notificationJobs(
  row: AppointmentRow,
  offsets: number[],
  now: Date,
  options: { confirmation?: boolean } = {},
): NewJob[] {
  const payload = { appointmentId: row.id, start: row.startAt.toISOString() };
  const reminders = offsets
    .map((minutes) => ({ minutes, runAt: new Date(row.startAt.getTime() - minutes * 60_000) }))
    .filter(({ runAt }) => runAt > now)
    .map(({ minutes, runAt }) => ({
      clinicId: row.clinicId,
      kind: 'appointment.reminder',
      dedupeKey: `reminder:${row.id}:${minutes}`,
      runAt,
      payload: { ...payload, offsetMinutes: minutes },
    }));
  if (options.confirmation === false) return reminders;
  return [
    {
      clinicId: row.clinicId,
      kind: 'appointment.confirmation',
      dedupeKey: `confirmation:${row.id}`,
      runAt: now,
      payload,
    },
    ...reminders,
  ];
}

// ── Presentation ───────────────────────────────────────────────────────────────────────────────────

interface NameFields {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}

export function displayName(p: NameFields) {
  return `${p.preferredName ?? p.legalFirstName} ${p.legalLastName}`;
}

/** The patient's display name as a column of another query (`loadAround`'s `extra`): no round trip of its own. */
export const patientNameOf = (clinicId: string, patientId: string) =>
  sql<string | null>`(select json_build_object('preferredName', p.preferred_name,
    'legalFirstName', p.legal_first_name, 'legalLastName', p.legal_last_name)
    from ${patients} p where p.clinic_id = ${clinicId} and p.id = ${patientId})`.mapWith((value) => {
    const name = parseJson<NameFields | null>(value);
    return name ? displayName(name) : null;
  });

type AppointmentLocation = z.infer<typeof appointmentLocation>;

interface AddressFields {
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
}
type SiteFields = AddressFields & { id: string; name: string };

/** A site's street address on one line, as patients are told it: "1650 India St, Suite 200, San Diego, CA 92101". */
export function siteAddress(site: AddressFields): string {
  const street = [site.addressLine1, site.addressLine2].filter(Boolean).join(', ');
  return `${street}, ${site.city}, ${site.region} ${site.postalCode}`;
}

const siteOf = (site: SiteFields): AppointmentLocation => ({ name: site.name, address: siteAddress(site) });

/** Each of the clinic's sites by id, as a column of another query (`loadAround`'s `extra`): no round trip of its own. */
export const clinicSitesOf = (clinicId: string) =>
  sql<Map<string, AppointmentLocation>>`(select json_agg(json_build_object('id', l.id, 'name', l.name,
    'addressLine1', l.address_line1, 'addressLine2', l.address_line2, 'city', l.city, 'region', l.region,
    'postalCode', l.postal_code)) from ${locations} l where l.clinic_id = ${clinicId})`.mapWith(
    (value) => new Map((parseJson<SiteFields[] | null>(value) ?? []).map((l) => [l.id, siteOf(l)])),
  );

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDto(
  row: AppointmentRow,
  extra: {
    timeZone: string;
    serviceName: string;
    serviceKind?: 'new_patient' | 'follow_up';
    patientName: string | null;
    location: AppointmentLocation;
  },
): AppointmentDto {
  const local = (d: Date) =>
    DateTime.fromJSDate(d, { zone: extra.timeZone }).toISO({ suppressMilliseconds: true })!;
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: extra.patientName,
    serviceId: row.serviceId,
    serviceName: extra.serviceName,
    ...(extra.serviceKind ? { serviceKind: extra.serviceKind } : {}),
    therapistId: row.therapistId,
    roomId: row.roomId,
    locationId: row.locationId,
    location: extra.location,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    localStart: local(row.startAt),
    localEnd: local(row.endAt),
    timeZone: extra.timeZone,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    status: row.status,
    bookedBy: row.bookedBy,
    bookedVia: row.bookedVia,
    seriesId: row.seriesId,
    referralId: row.referralId,
    confirmedAt: iso(row.confirmedAt),
    checkedInAt: iso(row.checkedInAt),
    completedAt: iso(row.completedAt),
    sessionNoteId: row.sessionNoteId,
    bookingNote: row.bookingNote,
    noShowAt: iso(row.noShowAt),
    cancelledAt: iso(row.cancelledAt),
    cancelledBy: row.cancelledBy,
    cancelledByRole: row.cancelledByRole,
    cancellationReason: row.cancellationReason,
    cancelledLate: row.cancelledLate,
    rescheduledFrom: row.rescheduledFrom,
    rescheduledTo: row.rescheduledTo,
    createdAt: row.createdAt.toISOString(),
  };
}

/** DTOs for rows, with service and patient names and the clinic's sites looked up in two queries. */
export async function toDtos(db: Executor, clinicId: string, timeZone: string, rows: AppointmentRow[]) {
  if (rows.length === 0) return [];
  const serviceIds = [...new Set(rows.map((r) => r.serviceId))];
  const patientIds = [...new Set(rows.map((r) => r.patientId))];
  const [svc, pts] = await Promise.all([
    // The sites ride along as an uncorrelated sub-select (evaluated once), not a query of their own.
    db
      .select({
        id: services.id,
        name: services.name,
        kind: services.kind,
        sites: clinicSitesOf(clinicId),
      })
      .from(services)
      .where(and(eq(services.clinicId, clinicId), inArray(services.id, serviceIds))),
    db
      .select({
        id: patients.id,
        preferredName: patients.preferredName,
        legalFirstName: patients.legalFirstName,
        legalLastName: patients.legalLastName,
      })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds))),
  ]);
  const serviceName = new Map(svc.map((s) => [s.id, s.name]));
  const serviceKind = new Map(svc.map((s) => [s.id, s.kind]));
  const patientName = new Map(pts.map((p) => [p.id, displayName(p)]));
  // Every appointment's service and site exist: the foreign keys keep them.
  const site = svc[0]!.sites;
  return rows.map((r) =>
    toDto(r, {
      timeZone,
      serviceName: serviceName.get(r.serviceId) ?? '',
      serviceKind: serviceKind.get(r.serviceId),
      patientName: patientName.get(r.patientId) ?? null,
      location: site.get(r.locationId)!,
    }),
  );
}
