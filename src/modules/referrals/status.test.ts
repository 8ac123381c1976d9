import { describe, expect, it } from 'vitest';
import { canonicalJson, signatureHash } from './signature.ts';
import { type ReferralFacts, type ReferralStatus, referralState } from './status.ts';

const base: ReferralFacts = {
  validFrom: '2026-03-01',
  validUntil: '2026-04-30',
  authorizedVisits: null,
  frequencyPerWeek: 2,
  durationWeeks: 6,
};

describe('referral status (derived with a clock)', () => {
  const cases: [
    string,
    Partial<ReferralFacts>,
    { today: string; visitsUsed?: number; supersededById?: string },
    ReferralStatus,
  ][] = [
    ['before validFrom', {}, { today: '2026-02-27' }, 'pending'],
    ['first valid day', {}, { today: '2026-03-01' }, 'active'],
    ['15 days left', {}, { today: '2026-04-15' }, 'active'],
    ['14 days left', {}, { today: '2026-04-16' }, 'expiring_soon'],
    ['last valid day', {}, { today: '2026-04-30' }, 'expiring_soon'],
    ['the day after', {}, { today: '2026-05-01' }, 'expired'],
    ['12 of 2×6 visits used', {}, { today: '2026-03-20', visitsUsed: 12 }, 'visits_exhausted'],
    ['11 of 2×6 visits used', {}, { today: '2026-03-20', visitsUsed: 11 }, 'active'],
    [
      'authorised visits win over frequency',
      { authorizedVisits: 4 },
      { today: '2026-03-20', visitsUsed: 4 },
      'visits_exhausted',
    ],
    [
      'no limit, no end date',
      { validUntil: null, frequencyPerWeek: null, durationWeeks: null },
      { today: '2030-01-01', visitsUsed: 99 },
      'active',
    ],
    ['renewed', {}, { today: '2026-03-20', supersededById: 'x' }, 'superseded'],
    ['renewed and expired', {}, { today: '2026-06-20', supersededById: 'x' }, 'superseded'],
    ['expired and exhausted', {}, { today: '2026-06-20', visitsUsed: 12 }, 'expired'],
  ];
  it.each(cases)('%s', (_name, facts, context, expected) => {
    const state = referralState(
      { ...base, ...facts },
      {
        today: context.today,
        visitsUsed: context.visitsUsed ?? 0,
        supersededById: context.supersededById ?? null,
      },
    );
    expect(state.status).toBe(expected);
  });

  it('reports visits and days left', () => {
    expect(referralState(base, { today: '2026-04-20', visitsUsed: 5, supersededById: null })).toEqual({
      status: 'expiring_soon',
      visitsAllowed: 12,
      visitsUsed: 5,
      visitsRemaining: 7,
      daysLeft: 10,
    });
  });
});

describe('signature hash', () => {
  it('is independent of key order and changes with any value', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(signatureHash({ a: 1, b: 2 })).toBe(signatureHash({ b: 2, a: 1 }));
    expect(signatureHash({ a: 1 })).not.toBe(signatureHash({ a: 2 }));
    expect(signatureHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
