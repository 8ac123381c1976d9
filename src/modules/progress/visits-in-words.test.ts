import { describe, expect, it } from 'vitest';
import { visitsInWords } from './service.ts';

describe('visitsInWords', () => {
  it('counts against the plan when there is one, and reads naturally without', () => {
    expect(visitsInWords(2, 12)).toBe('You have had 2 of 12 visits.');
    expect(visitsInWords(0, null)).toBe('You have not had a visit yet.');
    expect(visitsInWords(1, null)).toBe('You have had 1 visit.');
    expect(visitsInWords(5, null)).toBe('You have had 5 visits.');
  });
});
