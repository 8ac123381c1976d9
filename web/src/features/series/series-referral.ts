import type { SeriesPreview, Slot } from '../../api/scheduling.ts';
import { formatDay } from '../../components/format.ts';

type SeriesReferral = NonNullable<SeriesPreview['referral']>;
type Code = SeriesPreview['warnings'][number]['code'];
type ReferralFacts = {
  id: string;
  validFrom: string;
  validUntil: string | null;
  supersededById: string | null;
};

/**
 * The referral a series starting on `date` is booked against unless staff choose otherwise, as the server picks
 * it: the patient's newest referral not renewed by another that is valid from that date or earlier, when the
 * date is within its validity. Null when there is none (the page then starts with "None").
 */
export function currentReferralFor(referrals: readonly ReferralFacts[], date: string): string | null {
  const started = referrals
    .filter((r) => r.supersededById === null && r.validFrom <= date)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id.localeCompare(a.id));
  const current = started[0];
  return current && (current.validUntil === null || current.validUntil >= date) ? current.id : null;
}

/** A referral warning in plain words, with its dates as the app writes them ("Dec 31, 2026"). */
export function warningText(code: Code, referral: SeriesReferral | null): string {
  switch (code) {
    case 'exceeds_authorized_visits':
      return referral?.visitsAllowed != null
        ? `Beyond the referral's ${referral.visitsAllowed} authorised visits: ${referral.visitsUsedOrBooked} already used or booked.`
        : "Beyond the referral's authorised visits.";
    case 'after_referral_expiry':
      return referral?.validUntil
        ? `After the referral expires on ${formatDay(referral.validUntil)}.`
        : 'After the referral expires.';
    case 'before_referral_start':
      return referral
        ? `Before the referral is valid (from ${formatDay(referral.validFrom)}).`
        : 'Before the referral is valid.';
  }
}

const MARKS: Record<Code, string> = {
  exceeds_authorized_visits: 'beyond the authorised visits',
  after_referral_expiry: 'after the referral expires',
  before_referral_start: 'before the referral is valid',
};
/** The short mark on one date of the list, e.g. "Beyond the authorised visits, after the referral expires". */
export function markText(codes: readonly Code[]): string {
  const text = codes.map((code) => MARKS[code]).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Per date of the list (null: left out), what goes beyond the referral, by the server's rule on the dates as
 * chosen now (left out, or moved to another time): the nth visit booked is beyond the authorised visits when
 * the visits already used or booked plus n exceed them; a date after the last valid day, or before the first.
 */
export function seriesMarks(chosen: readonly (Slot | null)[], referral: SeriesReferral | null): Code[][] {
  const marks: Code[][] = chosen.map(() => []);
  if (!referral) return marks;
  const order = chosen
    .map((slot, i) => ({ slot, i }))
    .filter((x): x is { slot: Slot; i: number } => x.slot !== null)
    .sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  order.forEach(({ slot, i }, n) => {
    const date = slot.localDate;
    if (referral.visitsAllowed !== null && referral.visitsUsedOrBooked + n + 1 > referral.visitsAllowed)
      marks[i]!.push('exceeds_authorized_visits');
    if (referral.validUntil !== null && date > referral.validUntil) marks[i]!.push('after_referral_expiry');
    if (date < referral.validFrom) marks[i]!.push('before_referral_start');
  });
  return marks;
}

/**
 * The warnings shown above the list, once each, in plain words: those the server gave (the preview's, and the
 * booking's when it refused) and those of the dates as chosen now.
 */
export function seriesWarningTexts(
  given: readonly { code: Code }[],
  marks: readonly Code[][],
  referral: SeriesReferral | null,
): { code: Code; text: string }[] {
  const codes = [...new Set<Code>([...given.map((w) => w.code), ...marks.flat()])];
  const order: Code[] = ['exceeds_authorized_visits', 'after_referral_expiry', 'before_referral_start'];
  return codes
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((code) => ({ code, text: warningText(code, referral) }));
}
