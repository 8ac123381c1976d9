import { formatCents } from '../../../../src/domain/billing/money.ts';
import { isLateCancellation } from '../../../../src/domain/scheduling/cancellation.ts';
import type { CancelResult, OpeningOffered } from '../../../../src/modules/appointments/schemas.ts';
import { dateTimeLabel, inZone, timeLabel } from './time.ts';

/** Who cancelled, as the front desk answers it: the patient (asked, by phone or in person) or the clinic. */
export type CancelledBy = 'patient' | 'clinic';

/**
 * The late-cancellation fee cancelling now would charge, for the cancel form to offer its waiver: only the
 * patient's cancellation inside the clinic's window, and only when the clinic charges one (null otherwise).
 */
export function lateFeeIfCancelledNow(
  cancelledBy: CancelledBy | null,
  start: string,
  now: Date,
  rules: { lateCancellationHours: number; lateCancellationFeeCents: number } | undefined,
): number | null {
  if (cancelledBy !== 'patient' || !rules || rules.lateCancellationFeeCents <= 0) return null;
  return isLateCancellation(new Date(start), now, rules.lateCancellationHours)
    ? rules.lateCancellationFeeCents
    : null;
}

const hours = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
const call = (p: OpeningOffered['people'][number]) =>
  p.phone ? `call ${p.phone}` : 'no phone number on file either';

/**
 * When something closes, in the clinic's zone, to follow "closes": "at 9:08 PM" today, "tomorrow, 9:08 PM",
 * else with the day ("Mon, Nov 30, 9:08 PM").
 */
export function closesWhen(iso: string, zone: string, now: Date = new Date()): string {
  const closes = inZone(iso, zone).toISODate();
  const today = inZone(now.toISOString(), zone);
  if (closes === today.toISODate()) return `at ${timeLabel(iso, zone)}`;
  if (closes === today.plus({ days: 1 }).toISODate()) return `tomorrow, ${timeLabel(iso, zone)}`;
  return dateTimeLabel(iso, zone);
}

/** What became of the freed time on the waiting list, for the desk to follow up ('' when there is nothing to say). */
export function openingText(opening: OpeningOffered | null, zone: string, now: Date = new Date()): string {
  if (!opening || opening.outcome === 'started') return '';
  if (opening.outcome === 'none_waiting') return 'Nobody on the waiting list is waiting for this time.';
  if (opening.outcome === 'too_soon') {
    const notice = `It starts within the clinic’s minimum notice for online booking (${hours(opening.minNoticeMinutes)}), so it was not offered online.`;
    if (opening.people.length === 0) return notice;
    const names = opening.people.map((p) => `${p.patientName} (${call(p)})`).join(', ');
    return `${notice} Waiting for it: ${names}.`;
  }
  const emailed = opening.people.filter((p) => p.emailed);
  const byPhone = opening.people.filter((p) => !p.emailed);
  const parts: string[] = [];
  if (emailed.length === 1) parts.push(`Offered by e-mail to ${emailed[0]!.patientName}.`);
  if (emailed.length > 1) parts.push(`Offered by e-mail to ${emailed.length} people waiting.`);
  for (const p of byPhone) parts.push(`Offered to ${p.patientName} — no e-mail on file: ${call(p)}.`);
  if (opening.closesAt) parts.push(`The offer closes ${closesWhen(opening.closesAt, zone, now)}.`);
  return parts.join(' ');
}

/** The calendar's status line after a cancellation: who cancelled, the fee (or its waiver), and the freed time. */
export function cancelledMessage(
  patientName: string | null,
  result: CancelResult,
  zone: string,
  now: Date = new Date(),
): string {
  const whose = patientName ? `${patientName}’s appointment` : 'The appointment';
  const by =
    result.cancelledByRole === 'patient' ? 'cancelled at the patient’s request' : 'cancelled by the clinic';
  const fee = result.fee
    ? result.fee.waived
      ? ` (late cancellation; the ${formatCents(result.fee.cents)} fee is waived)`
      : ` (late cancellation: ${formatCents(result.fee.cents)} fee)`
    : result.cancelledLate
      ? ' (late cancellation)'
      : '';
  const opening = openingText(result.opening, zone, now);
  return `${whose} is ${by}${fee}.${opening ? ` ${opening}` : ''}`;
}
