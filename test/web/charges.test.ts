import { describe, expect, it } from 'vitest';
import { chargesToList, RECENT_CHARGES } from '../../web/src/features/payments/charges.ts';

/** Charges newest first, as the account lists them; `owed`: still to pay. */
const charge = (id: number, owed = false, waived = false) => ({
  id,
  feeCents: 6500,
  paidCents: owed ? 0 : 6500,
  waived: waived ? { at: '2026-01-01T00:00:00Z', byName: 'Front desk', reason: 'Goodwill' } : null,
});

describe('chargesToList', () => {
  it('lists an old charge still owed before the latest paid ones', () => {
    const charges = [1, 2, 3, 4, 5, 6].map((id) => charge(id)).concat(charge(7, true));
    const listed = chargesToList(charges).map((c) => c.id);
    expect(listed).toEqual([7, 1, 2, 3, 4, 5]);
    expect(listed).toHaveLength(RECENT_CHARGES);
  });

  it('lists every charge owed even beyond the usual number, and no waived fee as owed', () => {
    const charges = [1, 2, 3, 4, 5, 6, 7].map((id) => charge(id, true)).concat(charge(8, true, true));
    expect(chargesToList(charges).map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('lists all of a short account as it is', () => {
    const charges = [charge(1), charge(2, true)];
    expect(chargesToList(charges).map((c) => c.id)).toEqual([2, 1]);
  });
});
