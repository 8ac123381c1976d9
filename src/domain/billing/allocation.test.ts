import { describe, expect, it } from 'vitest';
import { allocatePayments } from './allocation.ts';

const charges = [
  { id: 'oct', start: '2026-10-23T16:00:00Z', owedCents: 6500 },
  { id: 'nov', start: '2026-11-20T17:00:00Z', owedCents: 11000 },
  { id: 'fee', start: '2026-11-24T17:00:00Z', owedCents: 0 }, // a waived fee
];

describe('allocatePayments', () => {
  it('gives each charge what was paid for it, up to what it is owed', () => {
    const settled = allocatePayments(charges, [{ chargeId: 'nov', amountCents: 5000 }]);
    expect(Object.fromEntries(settled)).toEqual({ oct: 0, nov: 5000, fee: 0 });
  });

  it('settles the oldest charges with payments on account', () => {
    const settled = allocatePayments(charges, [{ chargeId: null, amountCents: 8000 }]);
    expect(Object.fromEntries(settled)).toEqual({ oct: 6500, nov: 1500, fee: 0 });
  });

  it('moves an overpayment, and a payment for a waived fee, to the oldest charge still owing', () => {
    const settled = allocatePayments(charges, [
      { chargeId: 'nov', amountCents: 13000 },
      { chargeId: 'fee', amountCents: 1000 },
    ]);
    expect(Object.fromEntries(settled)).toEqual({ oct: 3000, nov: 11000, fee: 0 });
  });

  it('leaves a credit unapplied when everything is paid', () => {
    const settled = allocatePayments(charges, [{ chargeId: null, amountCents: 20000 }]);
    expect(Object.fromEntries(settled)).toEqual({ oct: 6500, nov: 11000, fee: 0 });
  });
});
