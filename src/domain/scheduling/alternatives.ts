import { collectSlots } from './availability.ts';
import { bookingBounds, prepare } from './context.ts';
import { parseInstant } from './time.ts';
import type { Audience, AvailabilityInput, Instant, Slot } from './types.ts';

export interface AlternativesRequest {
  serviceId: string;
  /** The requested (conflicting) start. */
  start: Instant;
  /** Keep the same therapist; omit to accept anyone. */
  therapistId?: string;
  locationId?: string;
  now: Instant;
  audience: Audience;
  excludeAppointmentIds?: readonly string[];
  /** How many local days to look on each side of the requested date. Default 14. */
  maxSearchDays?: number;
}

export interface Alternatives {
  /** Up to `count` free starts strictly before the request, closest last (chronological order). */
  before: Slot[];
  /** Up to `count` free starts strictly after the request, closest first (chronological order). */
  after: Slot[];
}

/**
 * Nearest free start times around a requested start (one per start time, first-available style), for a
 * 409 response. Searches the requested local date ±1 day first and widens (±7, ±maxSearchDays) only if
 * either side is short.
 */
export function nearestAlternatives(
  request: AlternativesRequest,
  input: AvailabilityInput,
  count: number,
): Alternatives {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (count === 0) return { before: [], after: [] };
  const ctx = prepare(input, request.serviceId, request.excludeAppointmentIds);
  const target = parseInstant(request.start, 'start');
  const bounds = bookingBounds(ctx, request.audience, parseInstant(request.now, 'now'));
  const day = ctx.clock.dateOf(target);
  const maxDays = request.maxSearchDays ?? 14;
  const radii = [...new Set([1, 7, maxDays].map((r) => Math.min(r, maxDays)))].sort((a, b) => a - b);

  let result: Alternatives = { before: [], after: [] };
  for (const radius of radii) {
    const fromDate = ctx.clock.addDays(day, -radius);
    const toDate = ctx.clock.addDays(day, radius + 1);
    const slots = collectSlots(ctx, {
      fromDate,
      toDate,
      therapistId: request.therapistId,
      locationId: request.locationId,
      firstAvailable: true,
      min: bounds.min,
      max: bounds.max,
    });
    const before: Slot[] = [];
    const after: Slot[] = [];
    for (const slot of slots) {
      const ms = Date.parse(slot.start);
      if (ms < target) before.push(slot);
      else if (ms > target && after.length < count) after.push(slot);
    }
    result = { before: before.slice(-count), after };
    const beforeDone = before.length >= count || ctx.clock.at(fromDate, '00:00').ms <= bounds.min;
    const afterDone = after.length >= count || ctx.clock.at(toDate, '00:00').ms >= bounds.max;
    if (beforeDone && afterDone) break;
  }
  return result;
}
