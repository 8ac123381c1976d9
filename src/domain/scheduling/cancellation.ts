/**
 * The clinic's late-cancellation window: cancelling (or moving) an appointment less than `windowHours` before
 * it starts is a late cancellation, which clinics may charge for. Patients are told the rule before they book,
 * in every confirmation and reminder, and before they cancel.
 */

const HOUR_MS = 3_600_000;

/** Whether cancelling at `at` an appointment that starts at `start` is late (after the start always is). */
export function isLateCancellation(start: Date, at: Date, windowHours: number): boolean {
  return at.getTime() > start.getTime() - windowHours * HOUR_MS;
}

const span = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);

/** The rule in a patient's words, or null when the clinic has no window. */
export function cancellationPolicy(windowHours: number): string | null {
  if (windowHours <= 0) return null;
  return `Please cancel or move your appointment at least ${span(windowHours)} before it starts; a later cancellation counts as a late cancellation.`;
}

/** What to say before cancelling (or moving) at `at`: null when it would not be late. */
export function lateCancellationWarning(
  start: Date,
  at: Date,
  windowHours: number,
  doing: 'cancelling' | 'moving it' = 'cancelling',
): string | null {
  if (!isLateCancellation(start, at, windowHours)) return null;
  return at >= start
    ? `The session has started, so ${doing} now counts as a late cancellation.`
    : `It is less than ${span(windowHours)} before the session, so ${doing} now counts as a late cancellation.`;
}
