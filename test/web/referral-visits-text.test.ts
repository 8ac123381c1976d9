import { describe, expect, it } from 'vitest';
import { visitsText } from '../../web/src/features/patients/visits-text.ts';

const referral = (visitsUsed: number, visitsAllowed: number | null, visitsBooked = 0) => ({
  visitsUsed,
  visitsAllowed,
  visitsBooked,
});

describe('a referral’s visits, in words', () => {
  it('counts the used against the authorised, then those booked', () => {
    expect(visitsText(referral(3, 12, 5))).toBe('3 of 12 visits used, 5 booked');
    expect(visitsText(referral(0, 8))).toBe('0 of 8 visits used');
    expect(visitsText(referral(4, 4))).toBe('4 of 4 visits used');
    expect(visitsText(referral(0, 1))).toBe('0 of 1 visit used');
  });
  it('says by how many an exhausted referral is over, not "6 of 4" (walkthrough)', () => {
    expect(visitsText(referral(6, 4))).toBe('6 visits used, 2 over the 4 authorised');
    expect(visitsText(referral(5, 4, 1))).toBe('5 visits used, 1 over the 4 authorised, 1 booked');
  });
  it('has no limit to count against when none is set', () => {
    expect(visitsText(referral(2, null, 1))).toBe('2 visits used, 1 booked (no visit limit)');
    expect(visitsText(referral(1, null))).toBe('1 visit used (no visit limit)');
  });
});
