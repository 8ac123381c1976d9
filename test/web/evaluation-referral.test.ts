import { describe, expect, it } from 'vitest';
import { chosenReferral } from '../../web/src/features/assessments/start.ts';

const referrals = [{ id: 'newest' }, { id: 'older' }];

describe('the referral a new evaluation starts under', () => {
  it('is the first referral until one is chosen', () => {
    expect(chosenReferral(null, referrals)).toBe('newest');
    expect(chosenReferral(null, [])).toBe('');
  });

  it('stays “No referral” once chosen, instead of snapping back to the first', () => {
    expect(chosenReferral('', referrals)).toBe('');
    expect(chosenReferral('older', referrals)).toBe('older');
  });
});
