import type { Referral } from './api.ts';

const visits = (n: number) => `${n} visit${n === 1 ? '' : 's'}`;

/**
 * "3 of 12 visits used, 5 booked": recorded or completed visits, then the live appointments counted against it.
 * Past the authorised visits it says by how many: "6 visits used, 2 over the 4 authorised".
 */
export function visitsText(
  referral: Pick<Referral, 'visitsUsed' | 'visitsAllowed' | 'visitsBooked'>,
): string {
  const { visitsUsed: used, visitsAllowed: allowed } = referral;
  const booked = referral.visitsBooked > 0 ? `, ${referral.visitsBooked} booked` : '';
  if (allowed === null) return `${visits(used)} used${booked} (no visit limit)`;
  if (used > allowed)
    return `${visits(used)} used, ${used - allowed} over the ${allowed} authorised${booked}`;
  return `${used} of ${visits(allowed)} used${booked}`;
}
