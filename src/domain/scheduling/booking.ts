import { bookingBounds, findService, firstFreeRoom, isLive, prepare, roomSuits } from './context.ts';
import { availableWindows, type Window } from './hours.ts';
import { isCovered, overlaps } from './intervals.ts';
import { MINUTE_MS, parseInstant, toIso } from './time.ts';
import type { Appointment, Audience, AvailabilityInput, Instant, Slot } from './types.ts';

/** One proposed booking: treatment interval plus its buffers, for a therapist and a room. */
export interface ProposedBooking {
  therapistId: string;
  roomId: string;
  start: Instant;
  end: Instant;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  /** Appointments to ignore (e.g. the one being rescheduled). */
  excludeAppointmentIds?: readonly string[];
}

export interface Conflict {
  resource: 'therapist' | 'room';
  appointmentId: string;
}

/**
 * Live appointments that overlap the proposal, buffers on both sides included, for the same therapist
 * or the same room. An appointment sharing both yields two entries. O(appointments).
 */
export function conflicts(proposal: ProposedBooking, appointments: readonly Appointment[]): Conflict[] {
  const mine = {
    start: parseInstant(proposal.start, 'start') - (proposal.bufferBeforeMinutes ?? 0) * MINUTE_MS,
    end: parseInstant(proposal.end, 'end') + (proposal.bufferAfterMinutes ?? 0) * MINUTE_MS,
  };
  const excluded = new Set(proposal.excludeAppointmentIds ?? []);
  const out: Conflict[] = [];
  for (const a of appointments) {
    if (!isLive(a) || excluded.has(a.id)) continue;
    const sameTherapist = a.therapistId === proposal.therapistId;
    const sameRoom = a.roomId === proposal.roomId;
    if (!sameTherapist && !sameRoom) continue;
    const theirs = {
      start: parseInstant(a.start) - (a.bufferBeforeMinutes ?? 0) * MINUTE_MS,
      end: parseInstant(a.end) + (a.bufferAfterMinutes ?? 0) * MINUTE_MS,
    };
    if (!overlaps(mine, theirs)) continue;
    if (sameTherapist) out.push({ resource: 'therapist', appointmentId: a.id });
    if (sameRoom) out.push({ resource: 'room', appointmentId: a.id });
  }
  return out;
}

/** True if no live appointment of the therapist or room overlaps the proposal (buffers included). */
export function isSlotFree(proposal: ProposedBooking, appointments: readonly Appointment[]): boolean {
  return conflicts(proposal, appointments).length === 0;
}

/** A full booking request: checked against working hours, rules, eligibility and appointments. */
export interface BookingRequest {
  serviceId: string;
  therapistId: string;
  /** If omitted, the first free suitable room at the therapist's location is assigned. */
  roomId?: string;
  start: Instant;
  now: Instant;
  audience: Audience;
  excludeAppointmentIds?: readonly string[];
}

export type BookingProblem =
  | {
      code:
        | 'unknown-service'
        | 'therapist-not-eligible'
        | 'unknown-room'
        | 'room-unsuitable'
        | 'room-wrong-location'
        | 'no-room-free'
        | 'outside-working-hours'
        | 'in-past'
        | 'too-soon'
        | 'too-far-ahead'
        | 'off-grid';
    }
  | { code: 'therapist-busy' | 'room-busy'; appointmentIds: string[] };

export interface BookingCheck {
  ok: boolean;
  problems: BookingProblem[];
  /** The booking as a slot (with the assigned room) when `ok`. */
  slot?: Slot;
}

/**
 * Validates one booking the way the availability engine would have offered it: eligible therapist,
 * treatment + buffers inside one working window (minus breaks and time off), audience rules, grid
 * (patients only; staff may book off-grid), and no live appointment of the therapist or room in the way.
 */
export function checkBooking(request: BookingRequest, input: AvailabilityInput): BookingCheck {
  if (!findService(input, request.serviceId)) return { ok: false, problems: [{ code: 'unknown-service' }] };
  const ctx = prepare(input, request.serviceId, request.excludeAppointmentIds);
  const problems: BookingProblem[] = [];
  const s = parseInstant(request.start, 'start');
  const nowMs = parseInstant(request.now, 'now');
  const bounds = bookingBounds(ctx, request.audience, nowMs);
  if (s < nowMs) problems.push({ code: 'in-past' });
  else if (s < bounds.min) problems.push({ code: 'too-soon' });
  if (s >= bounds.max) problems.push({ code: 'too-far-ahead' });

  const from = s - ctx.beforeMs;
  const to = s + ctx.durMs + ctx.afterMs;
  const room = request.roomId === undefined ? undefined : input.rooms.find((r) => r.id === request.roomId);
  if (request.roomId !== undefined && !room) problems.push({ code: 'unknown-room' });
  else if (room && !roomSuits(room, ctx.service)) problems.push({ code: 'room-unsuitable' });

  const plan = ctx.therapists.find((p) => p.therapist.id === request.therapistId);
  let window: Window | undefined;
  if (!plan) {
    problems.push({ code: 'therapist-not-eligible' });
  } else {
    const day = ctx.clock.dateOf(s);
    const dates = [ctx.clock.addDays(day, -1), day];
    const windows = availableWindows(plan, dates, ctx.clock, ctx.closedDates, []);
    const containing = windows.filter((w) => isCovered([w], from, to));
    window = containing.find((w) => !room || w.locationId === room.locationId) ?? containing[0];
    if (!window) problems.push({ code: 'outside-working-hours' });
    else if (room && room.locationId !== window.locationId) problems.push({ code: 'room-wrong-location' });
    if (window && request.audience === 'patient') {
      const local = s - window.anchor.ms + window.anchor.minuteOfDay * MINUTE_MS;
      if (local % ctx.gridMs !== 0) problems.push({ code: 'off-grid' });
    }
  }

  const proposal: ProposedBooking = {
    therapistId: request.therapistId,
    roomId: request.roomId ?? '',
    start: toIso(s),
    end: toIso(s + ctx.durMs),
    bufferBeforeMinutes: ctx.service.bufferBeforeMinutes,
    bufferAfterMinutes: ctx.service.bufferAfterMinutes,
    excludeAppointmentIds: request.excludeAppointmentIds,
  };
  const found = conflicts(proposal, input.appointments);
  const busyWith = (resource: Conflict['resource']) =>
    found.filter((c) => c.resource === resource).map((c) => c.appointmentId);
  const therapistBusy = busyWith('therapist');
  if (therapistBusy.length > 0) problems.push({ code: 'therapist-busy', appointmentIds: therapistBusy });
  const roomBusy = request.roomId === undefined ? [] : busyWith('room');
  if (roomBusy.length > 0) problems.push({ code: 'room-busy', appointmentIds: roomBusy });

  let roomId = request.roomId;
  if (roomId === undefined && window) {
    roomId = firstFreeRoom(ctx, window.locationId, s) ?? undefined;
    if (roomId === undefined) problems.push({ code: 'no-room-free' });
  }
  if (problems.length > 0 || !window || roomId === undefined) return { ok: false, problems };
  const stamp = ctx.clock.stamp(s);
  const slot: Slot = {
    ...stamp,
    end: toIso(s + ctx.durMs),
    therapistId: request.therapistId,
    roomId,
    locationId: window.locationId,
  };
  return { ok: true, problems, slot };
}
