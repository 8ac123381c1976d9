/** Public API of the pure availability engine. See README.md for the model and time conventions. */
export { type Alternatives, type AlternativesRequest, nearestAlternatives } from './alternatives.ts';
export { firstAvailable, getAvailability, MAX_RANGE_DAYS } from './availability.ts';
export {
  type BookingCheck,
  type BookingProblem,
  type BookingRequest,
  type Conflict,
  checkBooking,
  conflicts,
  isSlotFree,
  type ProposedBooking,
} from './booking.ts';
export { cancellationPolicy, isLateCancellation, lateCancellationWarning } from './cancellation.ts';
export { BLOCKING_STATUSES, isLive } from './context.ts';
export { overlapsAny, removedTime, type Span } from './time-off.ts';
export type * from './types.ts';
export { type AwaySpan, type WorkingSpan, type WorkingTime, workingTime } from './working-time.ts';
