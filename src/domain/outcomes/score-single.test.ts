// Worked examples for the single-scale instruments: NPRS, ODI, NDI, LEFS, HIT-6, PSFS.
// Expected values are computed by hand from the rules in the clinical reference.
import { describe, expect, it } from 'vitest';
import { score } from './score.ts';
import type { Answers, ScoreResult } from './types.ts';

/** { q1: v0, q2: v1, … } */
function form(prefix: string, values: readonly (number | null)[]): Answers {
  return Object.fromEntries(values.map((value, index) => [`${prefix}${index + 1}`, value]));
}

function ok(result: ScoreResult) {
  if (!result.ok)
    throw new Error(`expected a score, got ${result.reason}: ${JSON.stringify(result.details)}`);
  return result;
}

describe('NPRS', () => {
  it('scores the single 0–10 rating', () => {
    const result = ok(score('nprs', { pain: 7 }));
    expect(result.score).toBe(7);
    expect(result.missingItems).toEqual([]);
    expect(result.subscores).toBeUndefined();
  });
  it.each([
    [{ pain: 11 }, 'invalid-answer'],
    [{ pain: -1 }, 'invalid-answer'],
    [{ pain: 3.5 }, 'invalid-answer'],
    [{ pain: Number.NaN }, 'invalid-answer'],
    [{ worst: 3 }, 'invalid-answer'],
    [{ pain: null }, 'too-many-missing'],
    [{}, 'too-many-missing'],
  ])('refuses %j (%s)', (answers, reason) => {
    const result = score('nprs', answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });
});

describe('ODI', () => {
  it('all 10 sections: sum 20 ÷ 50 × 100 = 40 % (moderate)', () => {
    const result = ok(score('odi', form('q', [3, 2, 2, 3, 2, 2, 2, 2, 1, 1])));
    expect(result.score).toBe(40);
    expect(result.band?.id).toBe('moderate');
  });
  it('one skipped section lowers the denominator: sum 20 ÷ (5 × 9) × 100 = 44.4 % (severe)', () => {
    const result = ok(score('odi', form('q', [3, 2, 2, 3, 2, 2, 2, 2, 2, null])));
    expect(result.score).toBeCloseTo(44.444, 3);
    expect(result.band?.id).toBe('severe');
    expect(result.missingItems).toEqual(['q10']);
    // Read by the therapist beside the score: the arithmetic, without the clinical reference's keys.
    expect(result.method).toBe('ODI. ODI index (%): sum 20 ÷ (5 × 9 answered) × 100 = 44.44');
  });
  it('an absent key counts as skipped like null: 8 sections, sum 16 ÷ 40 × 100 = 40', () => {
    const answers = form('q', [2, 2, 2, 2, 2, 2, 2, 2]);
    const result = ok(score('odi', answers));
    expect(result.score).toBe(40);
    expect(result.missingItems).toEqual(['q9', 'q10']);
  });
  it('refuses more than 2 skipped sections', () => {
    const result = score('odi', form('q', [2, 2, 2, 2, 2, 2, 2, null, null, null]));
    expect(result).toMatchObject({ ok: false, reason: 'too-many-missing' });
  });
  it.each([
    [10, 20, 'minimal'],
    [11, 22, 'moderate'],
    [0, 0, 'minimal'],
    [50, 100, 'bed-bound'],
  ])('band edges: sum %i → %i %%, %s', (sum, expected, band) => {
    const values = Array.from({ length: 10 }, (_, i) => Math.min(5, Math.max(0, sum - i * 5)));
    const result = ok(score('odi', form('q', values)));
    expect(result.score).toBe(expected);
    expect(result.band?.id).toBe(band);
  });
  it('rejects a section answered 6', () => {
    const result = score('odi', form('q', [6, 2, 2, 2, 2, 2, 2, 2, 2, 2]));
    expect(result).toMatchObject({ ok: false, reason: 'invalid-answer' });
    if (!result.ok) expect(result.details[0]?.itemId).toBe('q1');
  });
});

describe('NDI', () => {
  it('complete form: raw 15, percent 30, moderate', () => {
    const result = ok(score('ndi', form('q', [1, 2, 3, 1, 2, 0, 1, 2, 3, 0])));
    expect(result.score).toBe(15);
    expect(result.subscores).toEqual({ percent: 30 });
    expect(result.band?.id).toBe('moderate');
  });
  it('one missing item is filled with the mean of the answered: 15 + 15/9 = 16.67 raw, 33.3 %', () => {
    const result = ok(score('ndi', form('q', [1, 2, 3, 1, 2, 0, 1, 2, 3, null])));
    expect(result.score).toBeCloseTo(16.6667, 4);
    expect(result.subscores?.percent).toBeCloseTo(33.3333, 4);
    expect(result.missingItems).toEqual(['q10']);
  });
  it('two missing items: 8 answered summing 16 → 16 + 2 × 2 = 20', () => {
    const result = ok(score('ndi', form('q', [2, 2, 2, 2, null, 2, 2, 2, 2, null])));
    expect(result.score).toBe(20);
  });
  it('refuses three missing items', () => {
    expect(score('ndi', form('q', [2, 2, 2, 2, null, 2, 2, null, 2, null]))).toMatchObject({
      ok: false,
      reason: 'too-many-missing',
    });
  });
  it.each([
    [[0, 0, 0, 0, 1, 1, 1, 1, 0, 0], 4, 'none'],
    [[0, 0, 0, 0, 1, 1, 1, 1, 1, 0], 5, 'mild'],
    [[3, 3, 3, 3, 3, 3, 3, 3, 5, 5], 34, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3, 4, 5, 5], 35, 'complete'],
  ])('band edge %j → raw %i %s', (values, raw, band) => {
    const result = ok(score('ndi', form('q', values)));
    expect(result.score).toBe(raw);
    expect(result.band?.id).toBe(band);
  });
  it('an imputed fractional raw score above a band top falls in the next band (4 + 4/9 → mild)', () => {
    const result = ok(score('ndi', form('q', [0, 0, 0, 0, 1, 1, 1, 1, 0, null])));
    expect(result.score).toBeCloseTo(4.444, 3);
    expect(result.band?.id).toBe('mild');
  });
});

describe('LEFS', () => {
  it('sums 20 items: (4+3+2+1+0) × 4 = 40', () => {
    const values = Array.from({ length: 20 }, (_, i) => 4 - (i % 5));
    expect(ok(score('lefs', form('q', values))).score).toBe(40);
  });
  it('all "no difficulty" = 80', () => {
    expect(ok(score('lefs', form('q', Array(20).fill(4)))).score).toBe(80);
  });
  it('refuses a missing item (no proration)', () => {
    const values = [...Array(19).fill(4), null];
    expect(score('lefs', form('q', values))).toMatchObject({ ok: false, reason: 'too-many-missing' });
  });
  it('rejects 5', () => {
    const values = [5, ...Array(19).fill(4)];
    expect(score('lefs', form('q', values))).toMatchObject({ ok: false, reason: 'invalid-answer' });
  });
});

describe('HIT-6', () => {
  it('all "sometimes" (10 each) = 60, severe', () => {
    const result = ok(score('hit6', form('q', Array(6).fill(10))));
    expect(result.score).toBe(60);
    expect(result.band?.id).toBe('severe');
  });
  it.each([
    [[6, 6, 6, 6, 6, 6], 36, 'little-or-none'],
    [[6, 6, 8, 8, 10, 11], 49, 'little-or-none'],
    [[6, 8, 10, 11, 10, 10], 55, 'some'],
    [[6, 8, 10, 11, 13, 8], 56, 'substantial'],
    [[8, 8, 10, 11, 11, 11], 59, 'substantial'],
    [[13, 13, 13, 13, 13, 13], 78, 'severe'],
  ])('%j → %i (%s)', (values, total, band) => {
    const result = ok(score('hit6', form('q', values)));
    expect(result.score).toBe(total);
    expect(result.band?.id).toBe(band);
  });
  it.each([7, 9, 12, 0, 5, 14])('rejects %i (not an item weight)', (bad) => {
    expect(score('hit6', form('q', [bad, 10, 10, 10, 10, 10]))).toMatchObject({
      ok: false,
      reason: 'invalid-answer',
    });
  });
  it('refuses a missing item', () => {
    expect(score('hit6', form('q', [10, 10, 10, 10, 10, null]))).toMatchObject({
      ok: false,
      reason: 'too-many-missing',
    });
  });
});

describe('PSFS', () => {
  it('mean of 3 rated activities: (4 + 5 + 6) ÷ 3 = 5', () => {
    expect(ok(score('psfs', form('activity', [4, 5, 6]))).score).toBe(5);
  });
  it('mean of 5: (3 + 4 + 5 + 6 + 8) ÷ 5 = 5.2', () => {
    expect(ok(score('psfs', form('activity', [3, 4, 5, 6, 8]))).score).toBeCloseTo(5.2, 10);
  });
  it('unused slots are not reported as missing', () => {
    const result = ok(score('psfs', form('activity', [2, 3, 7, null])));
    expect(result.score).toBe(4);
    expect(result.missingItems).toEqual([]);
  });
  it('refuses fewer than 3 rated activities', () => {
    expect(score('psfs', form('activity', [2, 3]))).toMatchObject({ ok: false, reason: 'too-many-missing' });
  });
  it('rejects a rating of 11', () => {
    expect(score('psfs', form('activity', [2, 3, 11]))).toMatchObject({
      ok: false,
      reason: 'invalid-answer',
    });
  });
});
