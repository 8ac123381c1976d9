import type {
  AppointmentDto as Appointment,
  ReferralStandings,
} from '../../../../src/modules/appointments/schemas.ts';
import { formatDay, formatMonthDay, plusDays } from '../../components/format.ts';
import { referralNotes } from './visit-warnings.ts';

type Standing = ReferralStandings['items'][number];
type Code = Standing['warnings'][number]['code'];

/** One appointment's referral mark: the badge's few words, and the sentence the desk reads before check-in. */
export interface ReferralMark {
  text: string;
  detail: string;
}

/** The appointments a day list marks: those still to come or under way (what the server answers for). */
const LIVE: readonly Appointment['status'][] = ['booked', 'confirmed', 'checked_in'];

/** "Oct 31" this year, "Oct 31, 2025" another. */
function shortDay(date: string, today: string): string {
  return date.slice(0, 4) === today.slice(0, 4) ? formatMonthDay(date) : formatDay(date);
}

/**
 * The badge on a day list's appointment when the referral it counts against is expired, not valid yet, or its
 * authorised visits are used up ("Referral expired Oct 31", "Referral: 12 of 12 visits used"): the server
 * decides (the series rule, as before check-in), these only word it. Null: nothing to mark. `today` is the
 * clinic's date.
 */
export function referralMark(standing: Standing | undefined, today: string): ReferralMark | null {
  const referral = standing?.referral;
  if (!standing || !referral || standing.warnings.length === 0) return null;
  const words: Record<Code, string> = {
    after_referral_expiry: `${referral.validUntil && referral.validUntil < today ? 'expired' : 'expires'} ${shortDay(referral.validUntil ?? '', today)}`,
    before_referral_start: `valid from ${shortDay(referral.validFrom, today)}`,
    exceeds_authorized_visits:
      referral.visitsAllowed !== null && referral.visitsUsedOrBooked > referral.visitsAllowed
        ? `${referral.visitsUsedOrBooked} visits used or booked, ${referral.visitsUsedOrBooked - referral.visitsAllowed} over the ${referral.visitsAllowed} authorised`
        : `${referral.visitsUsedOrBooked} of ${referral.visitsAllowed} visits used`,
  };
  // "Referral expired Oct 31", "Referral: 12 of 12 visits used", "Referral expired Oct 31, 12 of 12 visits used".
  const colon = standing.warnings[0]!.code === 'exceeds_authorized_visits' ? ':' : '';
  return {
    text: `Referral${colon} ${standing.warnings.map((w) => words[w.code]).join(', ')}`,
    detail: referralNotes(standing, today, 'visit').join(' '),
  };
}

/** Each marked appointment's mark, by appointment id. */
export function referralMarksById(items: Standing[], today: string): Map<string, ReferralMark> {
  const marks = new Map<string, ReferralMark>();
  for (const item of items) {
    const mark = referralMark(item, today);
    if (mark) marks.set(item.appointmentId, mark);
  }
  return marks;
}

/**
 * The one read a list needs: the local dates its live appointments span ([from, to)), and a key that changes
 * when one of them is booked, moved, cancelled or checked in (so the marks are read again). Null: none to mark.
 */
export function referralMarksRange(
  appointments: Pick<Appointment, 'id' | 'status' | 'localStart'>[],
): { from: string; to: string; key: string } | null {
  const live = appointments.filter((a) => LIVE.includes(a.status));
  if (live.length === 0) return null;
  const days = live.map((a) => a.localStart.slice(0, 10)).sort();
  const key = live
    .map((a) => `${a.id}:${a.status}:${a.localStart}`)
    .sort()
    .join('|');
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return { from: days[0]!, to: plusDays(days.at(-1)!, 1), key: `${live.length}-${hash >>> 0}` };
}
