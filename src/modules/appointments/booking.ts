import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { Database, Executor, Transaction } from '../../db/connection.ts';
import { appointments, patients, services } from '../../db/schema/index.ts';
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
import { type LoadedInput, loadAvailabilityInput } from '../scheduling/engine-input.ts';
import { enqueueJob } from '../scheduling/jobs.ts';
import type { AppointmentDto } from './schemas.ts';

export type AppointmentRow = typeof appointments.$inferSelect;
type BookedVia = AppointmentRow['bookedVia'];

const DAY_MS = 86_400_000;

/** PostgreSQL 23P01: an exclusion constraint refused the row (the slot was taken meanwhile). */
export function isExclusionViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23P01') return true;
  }
  return false;
}

export async function loadAround(
  db: Executor,
  clinicId: string,
  timeZone: string,
  serviceId: string,
  start: Date,
  days: number,
  therapistId?: string,
): Promise<LoadedInput> {
  const loaded = await loadAvailabilityInput(db, {
    clinicId,
    timeZone,
    serviceId,
    therapistId,
    from: new Date(start.getTime() - (days + 2) * DAY_MS),
    to: new Date(start.getTime() + (days + 2) * DAY_MS),
  });
  if (!loaded) throw notFound('Service');
  return loaded;
}

/** Nearest free starts around a requested one (same therapist if one was asked for), for 409 answers. */
export async function alternativesFor(
  db: Executor,
  input: {
    clinicId: string;
    timeZone: string;
    serviceId: string;
    start: Date;
    therapistId?: string;
    audience: Audience;
    now: Date;
    excludeAppointmentIds?: string[];
  },
): Promise<Alternatives> {
  const loaded = await loadAround(
    db,
    input.clinicId,
    input.timeZone,
    input.serviceId,
    input.start,
    15,
    input.therapistId,
  );
  return engine(() =>
    nearestAlternatives(
      {
        serviceId: input.serviceId,
        start: input.start.toISOString(),
        therapistId: input.therapistId,
        now: input.now.toISOString(),
        audience: input.audience,
        excludeAppointmentIds: input.excludeAppointmentIds,
        maxSearchDays: 14,
      },
      loaded.input,
      3,
    ),
  );
}

const BUSY: ReadonlySet<BookingProblem['code']> = new Set(['therapist-busy', 'room-busy', 'no-room-free']);

export interface BookingPlan {
  slot: Slot;
  service: LoadedInput['service'];
  settings: LoadedInput['settings'];
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
  excludeAppointmentIds?: string[];
}

/**
 * Validates a booking with the pure engine (`checkBooking`) against fresh data. Without a therapist, the
 * first eligible therapist free at that time is chosen ("first available"). A busy slot is a 409
 * `slot_taken` with the nearest alternatives; any other problem is a 422 naming the problems.
 */
export async function planBooking(db: Executor, request: PlanRequest): Promise<BookingPlan> {
  const loaded = await loadAround(
    db,
    request.clinicId,
    request.timeZone,
    request.serviceId,
    request.start,
    1,
  );
  if (request.audience === 'patient' && !loaded.service.onlineBookable) throw notFound('Service');
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
          excludeAppointmentIds: request.excludeAppointmentIds,
        },
        loaded.input,
      ),
    );
    if (result.ok && result.slot)
      return { slot: result.slot, service: loaded.service, settings: loaded.settings };
    if (i === 0 || result.problems.every((p) => BUSY.has(p.code))) firstProblems = result.problems;
  }
  if (firstProblems.length > 0 && firstProblems.every((p) => BUSY.has(p.code))) {
    throw await slotTaken(db, request);
  }
  const details = {
    problems: firstProblems.map((p) => p.code),
    alternatives: await alternativesFor(db, request),
  };
  throw new AppError('unprocessable', describeProblems(firstProblems), details);
}

export async function slotTaken(db: Executor, request: PlanRequest): Promise<AppError> {
  return new AppError('slot_taken', 'That time is no longer free; here are the nearest free times', {
    alternatives: await alternativesFor(db, request),
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
  now: Date;
  id?: string;
}

/** Inserts a planned booking in the caller's transaction, and queues its confirmation and reminders. */
export async function insertAppointment(tx: Transaction, r: InsertRequest): Promise<AppointmentRow> {
  const { slot, service, settings } = r.plan;
  const startAt = new Date(slot.start);
  const endAt = new Date(slot.end);
  const id = r.id ?? uuidv7();
  const [row] = await tx
    .insert(appointments)
    .values({
      clinicId: r.clinicId,
      id,
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
      status: 'booked',
      bookedBy: r.bookedBy,
      bookedVia: r.bookedVia,
      seriesId: r.seriesId ?? null,
      referralId: r.referralId ?? null,
      rescheduledFrom: r.rescheduledFrom ?? null,
      bookingNote: r.bookingNote ?? null,
      createdAt: r.now,
      updatedAt: r.now,
    })
    .returning();
  await queueNotifications(tx, row!, settings.reminderOffsetsMinutes, r.now);
  return row!;
}

export async function queueNotifications(tx: Executor, row: AppointmentRow, offsets: number[], now: Date) {
  const startIso = row.startAt.toISOString();
  const base = { clinicId: row.clinicId, payload: { appointmentId: row.id, start: startIso } };
  await enqueueJob(tx, {
    ...base,
    kind: 'appointment.confirmation',
    dedupeKey: `confirmation:${row.id}`,
    runAt: now,
  });
  for (const minutes of offsets) {
    const runAt = new Date(row.startAt.getTime() - minutes * 60_000);
    if (runAt <= now) continue;
    await enqueueJob(tx, {
      ...base,
      payload: { ...base.payload, offsetMinutes: minutes },
      kind: 'appointment.reminder',
      dedupeKey: `reminder:${row.id}:${minutes}`,
      runAt,
    });
  }
}

/** Books one appointment: plan, insert in a transaction; an exclusion violation becomes 409 with alternatives. */
export async function book(
  db: Database,
  request: PlanRequest & {
    patientId: string;
    bookedBy: string;
    bookedVia: BookedVia;
    referralId?: string | null;
    bookingNote?: string | null;
    audit: (tx: Transaction, row: AppointmentRow) => Promise<void>;
  },
): Promise<AppointmentRow> {
  const plan = await planBooking(db, request);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertAppointment(tx, {
        clinicId: request.clinicId,
        patientId: request.patientId,
        plan,
        bookedBy: request.bookedBy,
        bookedVia: request.bookedVia,
        referralId: request.referralId,
        bookingNote: request.bookingNote,
        now: request.now,
      });
      await request.audit(tx, row);
      return row;
    });
  } catch (error) {
    if (isExclusionViolation(error)) throw await slotTaken(db, request);
    throw error;
  }
}

// ── Presentation ───────────────────────────────────────────────────────────────────────────────────

export function displayName(p: {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}) {
  return `${p.preferredName ?? p.legalFirstName} ${p.legalLastName}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDto(
  row: AppointmentRow,
  extra: { timeZone: string; serviceName: string; patientName: string | null },
): AppointmentDto {
  const local = (d: Date) =>
    DateTime.fromJSDate(d, { zone: extra.timeZone }).toISO({ suppressMilliseconds: true })!;
  return {
    id: row.id,
    patientId: row.patientId,
    patientName: extra.patientName,
    serviceId: row.serviceId,
    serviceName: extra.serviceName,
    therapistId: row.therapistId,
    roomId: row.roomId,
    locationId: row.locationId,
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

/** DTOs for rows, with service and patient names looked up in two queries. */
export async function toDtos(db: Executor, clinicId: string, timeZone: string, rows: AppointmentRow[]) {
  if (rows.length === 0) return [];
  const serviceIds = [...new Set(rows.map((r) => r.serviceId))];
  const patientIds = [...new Set(rows.map((r) => r.patientId))];
  const [svc, pts] = await Promise.all([
    db
      .select({ id: services.id, name: services.name })
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
  const patientName = new Map(pts.map((p) => [p.id, displayName(p)]));
  return rows.map((r) =>
    toDto(r, {
      timeZone,
      serviceName: serviceName.get(r.serviceId) ?? '',
      patientName: patientName.get(r.patientId) ?? null,
    }),
  );
}
