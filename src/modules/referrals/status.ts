import { daysBetween } from '../patients/dates.ts';

/** Pure: a referral's status follows from its facts and the clinic's date; it is never stored. */
export const REFERRAL_STATUSES = [
  'pending',
  'active',
  'expiring_soon',
  'expired',
  'visits_exhausted',
  'superseded',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** "Expiring soon" from this many days before the last valid day. */
export const EXPIRING_SOON_DAYS = 14;

export interface ReferralFacts {
  validFrom: string;
  validUntil: string | null;
  authorizedVisits: number | null;
  frequencyPerWeek: number | null;
  durationWeeks: number | null;
}

export interface ReferralState {
  status: ReferralStatus;
  /** Authorised visits, or frequency × duration; null when the referral sets no limit. */
  visitsAllowed: number | null;
  visitsUsed: number;
  visitsRemaining: number | null;
  /** Days left including today (0 on the last valid day, negative once expired); null without an end date. */
  daysLeft: number | null;
}

export function visitsAllowed(facts: ReferralFacts): number | null {
  if (facts.authorizedVisits !== null) return facts.authorizedVisits;
  if (facts.frequencyPerWeek !== null && facts.durationWeeks !== null)
    return facts.frequencyPerWeek * facts.durationWeeks;
  return null;
}

/**
 * Precedence: superseded by a renewal, then expired (after `validUntil`), then visits exhausted, then not yet
 * valid (`pending`, before `validFrom`), then expiring soon (≤ 14 days left), else active.
 */
export function referralState(
  facts: ReferralFacts,
  context: { today: string; visitsUsed: number; supersededById: string | null },
): ReferralState {
  const allowed = visitsAllowed(facts);
  const daysLeft = facts.validUntil === null ? null : daysBetween(context.today, facts.validUntil);
  const remaining = allowed === null ? null : Math.max(0, allowed - context.visitsUsed);
  let status: ReferralStatus;
  if (context.supersededById) status = 'superseded';
  else if (daysLeft !== null && daysLeft < 0) status = 'expired';
  else if (remaining === 0) status = 'visits_exhausted';
  else if (context.today < facts.validFrom) status = 'pending';
  else if (daysLeft !== null && daysLeft <= EXPIRING_SOON_DAYS) status = 'expiring_soon';
  else status = 'active';
  return {
    status,
    visitsAllowed: allowed,
    visitsUsed: context.visitsUsed,
    visitsRemaining: remaining,
    daysLeft,
  };
}
