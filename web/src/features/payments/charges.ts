import type { Charge } from '../../../../src/modules/payments/schemas.ts';

/** Latest charges listed before "Show all", besides every one still owed. */
export const RECENT_CHARGES = 6;

/** What is still owed for a charge: nothing once waived. */
export const due = (v: Pick<Charge, 'waived' | 'feeCents' | 'paidCents'>) =>
  v.waived ? 0 : Math.max(v.feeCents - v.paidCents, 0);

/**
 * The charges listed before "Show all" (`charges` newest first): every one with money still due, however old,
 * so the balance is always explained, then the most recent others up to `RECENT_CHARGES` in all.
 */
export function chargesToList<C extends Pick<Charge, 'waived' | 'feeCents' | 'paidCents'>>(
  charges: C[],
): C[] {
  const owed = charges.filter((v) => due(v) > 0);
  const others = charges.filter((v) => due(v) === 0);
  return [...owed, ...others.slice(0, Math.max(RECENT_CHARGES - owed.length, 0))];
}
