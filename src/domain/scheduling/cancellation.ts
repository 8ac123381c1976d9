/**
 * The clinic's late-cancellation window: cancelling (or moving) an appointment less than `windowHours` before
 * it starts is a late cancellation, which clinics may charge for. Patients are told the rule before they book,
 * in every confirmation and reminder, and before they cancel.
 */

import { formatCents } from '../billing/money.ts';

const HOUR_MS = 3_600_000;

/** What the clinic charges for a late cancellation and for a no-show, in cents (0: nothing). */
export interface MissedVisitFees {
  lateCancellationFeeCents: number;
  noShowFeeCents: number;
}
const NO_FEES: MissedVisitFees = { lateCancellationFeeCents: 0, noShowFeeCents: 0 };

/** Whether cancelling at `at` an appointment that starts at `start` is late (after the start always is). */
export function isLateCancellation(start: Date, at: Date, windowHours: number): boolean {
  return at.getTime() > start.getTime() - windowHours * HOUR_MS;
}

const span = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);

/** The rule and its fees in a patient's words, or null when the clinic has neither a window nor a fee. */
export function cancellationPolicy(windowHours: number, fees: MissedVisitFees = NO_FEES): string | null {
  const parts = [
    windowHours > 0
      ? `Please cancel or move your appointment at least ${span(windowHours)} before it starts; a later cancellation counts as a late cancellation.`
      : null,
    windowHours > 0 && fees.lateCancellationFeeCents > 0
      ? `A late cancellation is charged ${formatCents(fees.lateCancellationFeeCents)}.`
      : null,
    fees.noShowFeeCents > 0
      ? `Missing an appointment without cancelling is charged ${formatCents(fees.noShowFeeCents)}.`
      : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** What to say before cancelling (or moving) at `at`: null when it would not be late. */
export function lateCancellationWarning(
  start: Date,
  at: Date,
  windowHours: number,
  doing: 'cancelling' | 'moving it' = 'cancelling',
  lateCancellationFeeCents = 0,
): string | null {
  if (!isLateCancellation(start, at, windowHours)) return null;
  // The fee is for cancelling; a late move counts as late but is not charged.
  const fee =
    doing === 'cancelling' && lateCancellationFeeCents > 0
      ? ` The late-cancellation fee of ${formatCents(lateCancellationFeeCents)} applies.`
      : '';
  return at >= start
    ? `The session has started, so ${doing} now counts as a late cancellation.${fee}`
    : `It is less than ${span(windowHours)} before the session, so ${doing} now counts as a late cancellation.${fee}`;
}
