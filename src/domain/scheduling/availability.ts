import { bookingBounds, busyOfTherapist, type Context, pickRoom, prepare, roomMemo } from './context.ts';
import { availableWindows, stampIn } from './hours.ts';
import { MINUTE_MS, parseInstant, type Stamp, toIso } from './time.ts';
import type { AvailabilityInput, AvailabilityQuery, LocalDate, Slot } from './types.ts';

/** Slots sharing one start: formatted once, listed in therapist input order. */
interface StartEntry {
  stamp: Stamp;
  end: string;
  slots: Slot[];
}

/** Longest date range one query may cover. */
export const MAX_RANGE_DAYS = 366;

export interface CollectOptions {
  fromDate: LocalDate;
  /** Exclusive. */
  toDate: LocalDate;
  therapistId?: string;
  locationId?: string;
  /** Earliest allowed treatment start (inclusive, epoch ms). */
  min: number;
  /** Latest allowed treatment start (exclusive, epoch ms). */
  max: number;
  firstAvailable?: boolean;
}

/** Local dates whose windows can produce starts in [fromDate, toDate): includes the day before, for
 * working windows that run past midnight. */
function datesFor(ctx: Context, fromDate: LocalDate, toDate: LocalDate): LocalDate[] {
  const days = ctx.clock.daysBetween(fromDate, toDate);
  if (days > MAX_RANGE_DAYS) throw new RangeError(`date range longer than ${MAX_RANGE_DAYS} days`);
  const dates: LocalDate[] = [];
  for (let i = -1; i < days; i++) dates.push(ctx.clock.addDays(fromDate, i));
  return dates;
}

/**
 * The sweep: per therapist, working windows minus breaks / time off / own appointments (one linear merge
 * of sorted lists), then grid starts inside each free piece; the room is the first suitable free one,
 * memoised per (location, start) so it is computed once however many therapists share that start.
 * Cost: O(therapists × (days + appointments) + candidate starts × log(room appointments)).
 */
export function collectSlots(ctx: Context, opts: CollectOptions): Slot[] {
  const { clock } = ctx;
  clock.assertDate(opts.fromDate);
  clock.assertDate(opts.toDate);
  if (clock.daysBetween(opts.fromDate, opts.toDate) <= 0) return [];
  const dates = datesFor(ctx, opts.fromDate, opts.toDate);
  const lo = Math.max(clock.at(opts.fromDate, '00:00').ms, opts.min);
  const hi = Math.min(clock.at(opts.toDate, '00:00').ms, opts.max);
  if (lo >= hi) return [];

  const { durMs, beforeMs, afterMs, gridMs } = ctx;
  const byStart = new Map<number, StartEntry>();

  for (const plan of ctx.therapists) {
    const therapistId = plan.therapist.id;
    if (opts.therapistId !== undefined && therapistId !== opts.therapistId) continue;
    const busy = busyOfTherapist(ctx, therapistId);
    const pieces = availableWindows(plan, dates, clock, ctx.closedDates, busy, opts.locationId);
    let previous = Number.NEGATIVE_INFINITY;
    for (const piece of pieces) {
      const rooms = roomMemo(ctx, piece.locationId);
      const first = Math.max(piece.start + beforeMs, lo);
      const last = Math.min(piece.end - durMs - afterMs, hi - 1);
      if (first > last) continue;
      // Align up to the local wall-clock grid, measured from the window's luxon-resolved local start.
      const anchorLocal = piece.anchor.minuteOfDay * MINUTE_MS;
      let s =
        Math.ceil((first - piece.anchor.ms + anchorLocal) / gridMs) * gridMs - anchorLocal + piece.anchor.ms;
      for (; s <= last; s += gridMs) {
        if (s <= previous) continue; // overlapping windows (data error) must not duplicate starts
        previous = s;
        const roomId = pickRoom(ctx, rooms, s);
        if (roomId === null) continue;
        const key = (s / MINUTE_MS) | 0;
        let entry = byStart.get(key);
        if (entry === undefined) {
          entry = { stamp: stampIn(piece.anchor, s, clock), end: toIso(s + durMs), slots: [] };
          byStart.set(key, entry);
        } else if (opts.firstAvailable) {
          continue;
        }
        const { stamp } = entry;
        entry.slots.push({
          start: stamp.start,
          end: entry.end,
          localDate: stamp.localDate,
          localTime: stamp.localTime,
          localStart: stamp.localStart,
          therapistId,
          roomId,
          locationId: piece.locationId,
        });
      }
    }
  }

  const keys = [...byStart.keys()].sort((a, b) => a - b);
  const out: Slot[] = [];
  for (const k of keys) for (const slot of byStart.get(k)!.slots) out.push(slot);
  return out;
}

/**
 * Bookable starts for a service in `[fromDate, toDate)` (local dates in the clinic zone), sorted by start
 * and then by therapist input order. Patients are limited by minimum notice and maximum days ahead;
 * both audiences only see starts at or after `now`.
 */
export function getAvailability(query: AvailabilityQuery, input: AvailabilityInput): Slot[] {
  const ctx = prepare(input, query.serviceId, query.excludeAppointmentIds);
  const { min, max } = bookingBounds(ctx, query.audience, parseInstant(query.now, 'now'));
  return collectSlots(ctx, {
    fromDate: query.fromDate,
    toDate: query.toDate,
    therapistId: query.therapistId,
    locationId: query.locationId,
    firstAvailable: query.firstAvailable,
    min,
    max,
  });
}

/** Collapses a sorted slot list to one entry per start (the first listed, i.e. first therapist). */
export function firstAvailable(slots: readonly Slot[]): Slot[] {
  const out: Slot[] = [];
  for (const s of slots) if (out[out.length - 1]?.start !== s.start) out.push(s);
  return out;
}
