import { describe, expect, it } from 'vitest';
import { score } from '../../src/domain/outcomes/score.ts';
import { readableMethod, unansweredText } from '../../web/src/features/outcomes/method.ts';

describe('readableMethod', () => {
  it('drops the clinical reference keys a record scored earlier still carries', () => {
    expect(readableMethod('ODI. ODI index (%): sum 20 ÷ (5 × 9 answered) × 100 = 44.44 [R5][R6]')).toBe(
      'ODI. ODI index (%): sum 20 ÷ (5 × 9 answered) × 100 = 44.44',
    );
    expect(readableMethod('HIT-6: sum of 6 items = 60 [R18][R19, S]; Total = 60')).toBe(
      'HIT-6: sum of 6 items = 60; Total = 60',
    );
  });

  it('leaves a score explained today as it is, brackets of its own included', () => {
    const result = score('ndi', { q1: 2, q2: 2, q3: 2, q4: 2, q5: 2, q6: 2, q7: 2, q8: 2, q9: 2, q10: null });
    if (!result.ok) throw new Error('scored');
    expect(result.method).not.toMatch(/\[R\d/);
    expect(readableMethod(result.method)).toBe(result.method);
    expect(readableMethod('Range [0–10] as rated')).toBe('Range [0–10] as rated');
  });
});

describe('unansweredText', () => {
  it('names unanswered items by their number on the form, not their ids', () => {
    expect(unansweredText('ndi', ['q10'])).toBe('question 10');
    expect(unansweredText('ndi', ['q3', 'q10'])).toBe('questions 3 and 10');
  });

  it('says which scale an item is on when the instrument has several, numbered as the form continues', () => {
    const result = score('bctq', {
      ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`sss${i + 1}`, 2])),
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`fss${i + 1}`, 2])),
    });
    if (!result.ok) throw new Error('scored');
    expect(result.missingItems).toEqual(['fss8']);
    expect(unansweredText('bctq', result.missingItems)).toBe('Functional Status Scale: question 19');
  });
});
