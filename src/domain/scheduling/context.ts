import { planTherapist, type TherapistPlan } from './hours.ts';
import { type Interval, isFree, sortAndMerge } from './intervals.ts';
import { MINUTE_MS, parseInstant, ZoneClock } from './time.ts';
import type {
  Appointment,
  AppointmentStatus,
  Audience,
  AvailabilityInput,
  ClinicRules,
  LocalDate,
  Room,
  Service,
  Therapist,
} from './types.ts';

/** Statuses whose appointments occupy their therapist and room. Cancelled and no-show free the time. */
export const BLOCKING_STATUSES: ReadonlySet<AppointmentStatus> = new Set<AppointmentStatus>([
  'booked',
  'confirmed',
  'checked-in',
  'completed',
]);

export function isLive(a: Appointment): boolean {
  return BLOCKING_STATUSES.has(a.status);
}

/** The interval an appointment blocks, buffers included, in epoch ms. */
export function blockedInterval(a: Appointment): Interval {
  return {
    start: parseInstant(a.start, `appointment ${a.id} start`) - (a.bufferBeforeMinutes ?? 0) * MINUTE_MS,
    end: parseInstant(a.end, `appointment ${a.id} end`) + (a.bufferAfterMinutes ?? 0) * MINUTE_MS,
  };
}

/** Everything one query needs, derived once from the input. */
export interface Context {
  clock: ZoneClock;
  rules: ClinicRules;
  service: Service;
  durMs: number;
  beforeMs: number;
  afterMs: number;
  gridMs: number;
  closedDates: ReadonlySet<LocalDate>;
  /** Therapists eligible for the service, in input order. */
  therapists: TherapistPlan[];
  /** Suitable rooms per location, in input order. */
  roomsByLocation: Map<string, Room[]>;
  therapistBusy: Map<string, Interval[]>;
  roomBusy: Map<string, Interval[]>;
  /** Memo: location → start → first free room id (or null). Shared by all therapists. */
  roomChoice: Map<string, RoomMemo>;
}

function nonNegativeInt(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${label} must be a non-negative integer`);
}

function validateService(s: Service): void {
  if (!Number.isInteger(s.durationMinutes) || s.durationMinutes <= 0 || s.durationMinutes % 5 !== 0) {
    throw new RangeError(`service ${s.id}: durationMinutes must be a positive multiple of 5`);
  }
  nonNegativeInt(s.bufferBeforeMinutes, `service ${s.id}: bufferBeforeMinutes`);
  nonNegativeInt(s.bufferAfterMinutes, `service ${s.id}: bufferAfterMinutes`);
}

function validateRules(r: ClinicRules): void {
  if (!Number.isInteger(r.slotGranularityMinutes) || r.slotGranularityMinutes <= 0) {
    throw new RangeError('slotGranularityMinutes must be a positive integer');
  }
  nonNegativeInt(r.minNoticeMinutes, 'minNoticeMinutes');
  nonNegativeInt(r.maxDaysAhead, 'maxDaysAhead');
}

export function findService(input: AvailabilityInput, serviceId: string): Service | undefined {
  return input.services.find((s) => s.id === serviceId);
}

export function offersService(t: Therapist, s: Service): boolean {
  return s.therapistIds.includes(t.id) && t.serviceIds.includes(s.id);
}

export function roomSuits(room: Room, s: Service): boolean {
  if (s.roomIds !== undefined && !s.roomIds.includes(room.id)) return false;
  return s.requiredEquipment.every((tag) => room.equipment.includes(tag));
}

function bucket(map: Map<string, Interval[]>, key: string, iv: Interval): void {
  const list = map.get(key);
  if (list) list.push(iv);
  else map.set(key, [iv]);
}

/**
 * Validates the service and rules, picks eligible therapists and suitable rooms, and buckets live
 * appointments by therapist and by room in one pass (then sorts and merges each bucket).
 */
export function prepare(
  input: AvailabilityInput,
  serviceId: string,
  excludeAppointmentIds: readonly string[] = [],
): Context {
  const service = findService(input, serviceId);
  if (!service) throw new RangeError(`unknown service "${serviceId}"`);
  validateService(service);
  validateRules(input.clinic.rules);
  const clock = new ZoneClock(input.clinic.timeZone);

  const therapists = input.therapists.filter((t) => offersService(t, service)).map(planTherapist);
  const roomsByLocation = new Map<string, Room[]>();
  for (const room of input.rooms) {
    if (!roomSuits(room, service)) continue;
    const list = roomsByLocation.get(room.locationId);
    if (list) list.push(room);
    else roomsByLocation.set(room.locationId, [room]);
  }

  const wantTherapist = new Set(therapists.map((p) => p.therapist.id));
  const wantRoom = new Set<string>();
  for (const list of roomsByLocation.values()) for (const r of list) wantRoom.add(r.id);
  const excluded = new Set(excludeAppointmentIds);
  const therapistBusy = new Map<string, Interval[]>();
  const roomBusy = new Map<string, Interval[]>();
  for (const a of input.appointments) {
    if (!isLive(a) || excluded.has(a.id)) continue;
    const forTherapist = wantTherapist.has(a.therapistId);
    const forRoom = wantRoom.has(a.roomId);
    if (!forTherapist && !forRoom) continue;
    const iv = blockedInterval(a);
    if (forTherapist) bucket(therapistBusy, a.therapistId, iv);
    if (forRoom) bucket(roomBusy, a.roomId, iv); // shared: merging never mutates its input items
  }
  for (const [k, v] of therapistBusy) therapistBusy.set(k, sortAndMerge(v));
  for (const [k, v] of roomBusy) roomBusy.set(k, sortAndMerge(v));

  return {
    clock,
    rules: input.clinic.rules,
    service,
    durMs: service.durationMinutes * MINUTE_MS,
    beforeMs: service.bufferBeforeMinutes * MINUTE_MS,
    afterMs: service.bufferAfterMinutes * MINUTE_MS,
    gridMs: input.clinic.rules.slotGranularityMinutes * MINUTE_MS,
    closedDates: new Set(input.clinic.closedDates ?? []),
    therapists,
    roomsByLocation,
    therapistBusy,
    roomBusy,
    roomChoice: new Map(),
  };
}

const NO_BUSY: Interval[] = [];

export function busyOfTherapist(ctx: Context, therapistId: string): Interval[] {
  return ctx.therapistBusy.get(therapistId) ?? NO_BUSY;
}

export function busyOfRoom(ctx: Context, roomId: string): Interval[] {
  return ctx.roomBusy.get(roomId) ?? NO_BUSY;
}

/** Per-location room choice memo, keyed by the start in whole epoch minutes (a small integer key). */
export interface RoomMemo {
  rooms: Room[];
  chosen: Map<number, string | null>;
}

export function roomMemo(ctx: Context, locationId: string): RoomMemo {
  let memo = ctx.roomChoice.get(locationId);
  if (!memo) {
    memo = { rooms: ctx.roomsByLocation.get(locationId) ?? [], chosen: new Map() };
    ctx.roomChoice.set(locationId, memo);
  }
  return memo;
}

/** First suitable room (input order) free for the padded treatment starting at `start`; memoised. */
export function pickRoom(ctx: Context, memo: RoomMemo, start: number): string | null {
  const key = (start / MINUTE_MS) | 0; // starts are whole minutes; epoch minutes fit in an int32 until 5983
  const hit = memo.chosen.get(key);
  if (hit !== undefined) return hit;
  let chosen: string | null = null;
  const from = start - ctx.beforeMs;
  const to = start + ctx.durMs + ctx.afterMs;
  for (const room of memo.rooms) {
    if (isFree(busyOfRoom(ctx, room.id), from, to)) {
      chosen = room.id;
      break;
    }
  }
  memo.chosen.set(key, chosen);
  return chosen;
}

export function firstFreeRoom(ctx: Context, locationId: string, start: number): string | null {
  return pickRoom(ctx, roomMemo(ctx, locationId), start);
}

/** Earliest (inclusive) and latest (exclusive) treatment start allowed for the audience. */
export function bookingBounds(ctx: Context, audience: Audience, nowMs: number): { min: number; max: number } {
  if (audience === 'staff') return { min: nowMs, max: Number.POSITIVE_INFINITY };
  const today = ctx.clock.dateOf(nowMs);
  const lastDay = ctx.clock.addDays(today, ctx.rules.maxDaysAhead);
  return { min: nowMs + ctx.rules.minNoticeMinutes * MINUTE_MS, max: ctx.clock.at(lastDay, '24:00').ms };
}
