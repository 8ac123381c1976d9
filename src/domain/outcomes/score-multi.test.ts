// Worked examples for the multi-scale instruments: QuickDASH (+ modules), BCTQ (SSS/FSS), FIQR.
import { describe, expect, it } from 'vitest';
import { score } from './score.ts';
import type { Answers, ScoreResult } from './types.ts';

function form(prefix: string, values: readonly (number | null)[], first = 1): Record<string, number | null> {
  return Object.fromEntries(values.map((value, index) => [`${prefix}${index + first}`, value]));
}

function ok(result: ScoreResult) {
  if (!result.ok)
    throw new Error(`expected a score, got ${result.reason}: ${JSON.stringify(result.details)}`);
  return result;
}

const QD_CORE = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 3]; // sum 33, mean 3 → (3 − 1) × 25 = 50

describe('QuickDASH', () => {
  it('11 items: ((33 ÷ 11) − 1) × 25 = 50', () => {
    const result = ok(score('quickdash', form('q', QD_CORE)));
    expect(result.score).toBe(50);
    expect(result.subscores).toEqual({ disability: 50 });
    expect(result.unscoredScales).toBeUndefined();
  });
  it('one missing item is allowed: ((25 ÷ 10) − 1) × 25 = 37.5', () => {
    const result = ok(score('quickdash', form('q', [3, 3, 3, 3, 3, 2, 2, 2, 2, 2, null])));
    expect(result.score).toBe(37.5);
    expect(result.missingItems).toEqual(['q11']);
  });
  it('two missing items: no score', () => {
    const result = score('quickdash', form('q', [3, 3, 3, 3, 3, 2, 2, 2, 2, null, null]));
    expect(result).toMatchObject({ ok: false, reason: 'too-many-missing' });
    if (!result.ok) expect(result.details[0]?.scaleId).toBe('disability');
  });
  it('all 1 = 0, all 5 = 100', () => {
    expect(ok(score('quickdash', form('q', Array(11).fill(1)))).score).toBe(0);
    expect(ok(score('quickdash', form('q', Array(11).fill(5)))).score).toBe(100);
  });
  it('scores the Work module separately: ((2+3+4+3) ÷ 4 − 1) × 25 = 50', () => {
    const answers: Answers = { ...form('q', Array(11).fill(1)), ...form('work', [2, 3, 4, 3]) };
    const result = ok(score('quickdash', answers));
    expect(result.score).toBe(0);
    expect(result.subscores).toEqual({ disability: 0, work: 50 });
  });
  it('scores the Sports/Performing Arts module: ((5+5+4+4) ÷ 4 − 1) × 25 = 87.5', () => {
    const answers: Answers = { ...form('q', QD_CORE), ...form('sports', [5, 5, 4, 4]) };
    expect(ok(score('quickdash', answers)).subscores).toEqual({ disability: 50, sports: 87.5 });
  });
  it('a module with a missing item is not scored, but the main score stands', () => {
    const answers: Answers = { ...form('q', QD_CORE), ...form('work', [2, 3, 4, null]) };
    const result = ok(score('quickdash', answers));
    expect(result.score).toBe(50);
    expect(result.subscores).toEqual({ disability: 50 });
    expect(result.unscoredScales).toEqual([
      { scaleId: 'work', reason: 'too-many-missing', missingItems: ['work4'] },
    ]);
    expect(result.missingItems).toEqual(['work4']);
  });
  it('rejects 0 and 6', () => {
    expect(score('quickdash', form('q', [0, ...QD_CORE.slice(1)]))).toMatchObject({
      reason: 'invalid-answer',
    });
    expect(score('quickdash', { ...form('q', QD_CORE), work1: 6 })).toMatchObject({
      reason: 'invalid-answer',
    });
  });
});

const SSS = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 3]; // mean 33 ÷ 11 = 3
const FSS = [2, 2, 3, 3, 4, 4, 1, 1]; // mean 20 ÷ 8 = 2.5

describe('BCTQ', () => {
  it('SSS = mean of 11, FSS = mean of 8; score is the SSS', () => {
    const result = ok(score('bctq', { ...form('sss', SSS), ...form('fss', FSS) }));
    expect(result.score).toBe(3);
    expect(result.subscores).toEqual({ sss: 3, fss: 2.5 });
  });
  it('one missing FSS item: mean of the 7 answered = 19 ÷ 7', () => {
    const result = ok(score('bctq', { ...form('sss', SSS), ...form('fss', [2, 2, 3, 3, 4, 4, 1, null]) }));
    expect(result.subscores?.fss).toBeCloseTo(19 / 7, 10);
    expect(result.missingItems).toEqual(['fss8']);
  });
  it('two missing SSS items: no score', () => {
    const sss = [...SSS.slice(0, 9), null, null];
    expect(score('bctq', { ...form('sss', sss), ...form('fss', FSS) })).toMatchObject({
      ok: false,
      reason: 'too-many-missing',
    });
  });
  it('FSS is required too', () => {
    expect(score('bctq', form('sss', SSS))).toMatchObject({ ok: false, reason: 'too-many-missing' });
  });
  it('rejects 0', () => {
    expect(score('bctq', { ...form('sss', [0, ...SSS.slice(1)]), ...form('fss', FSS) })).toMatchObject({
      reason: 'invalid-answer',
    });
  });
});

const FUNCTION_ALL_6 = Array(9).fill(6); // 54 ÷ 3 = 18
const OVERALL = [5, 7]; // 12 ÷ 1 = 12
const SYMPTOMS = [4, 6, 4, 6, 4, 6, 4, 6, 4, 6]; // 50 ÷ 2 = 25

describe('FIQR', () => {
  it('function 54 ÷ 3 = 18, overall 12, symptoms 50 ÷ 2 = 25, total 55', () => {
    const answers = { ...form('q', FUNCTION_ALL_6), ...form('q', OVERALL, 10), ...form('q', SYMPTOMS, 12) };
    const result = ok(score('fiqr', answers));
    expect(result.score).toBe(55);
    expect(result.subscores).toEqual({ function: 18, overall: 12, symptoms: 25 });
  });
  it('missing items weight the domain sum: function 36 × 9/8 ÷ 3 = 13.5, overall 8 × 2/1 = 16', () => {
    const answers = {
      ...form('q', [1, 2, 3, 4, 5, 6, 7, 8, null]),
      ...form('q', [8, null], 10),
      ...form('q', SYMPTOMS, 12),
    };
    const result = ok(score('fiqr', answers));
    expect(result.subscores).toEqual({ function: 13.5, overall: 16, symptoms: 25 });
    expect(result.score).toBe(54.5);
    expect(result.missingItems).toEqual(['q9', 'q11']);
  });
  it('all 10 = 100, all 0 = 0', () => {
    expect(ok(score('fiqr', form('q', Array(21).fill(10)))).score).toBe(100);
    expect(ok(score('fiqr', form('q', Array(21).fill(0)))).score).toBe(0);
  });
  it('two missing items in one domain: no score', () => {
    const answers = { ...form('q', Array(21).fill(5)), q3: null, q4: null };
    const result = score('fiqr', answers);
    expect(result).toMatchObject({ ok: false, reason: 'too-many-missing' });
    if (!result.ok) expect(result.details.map((d) => d.scaleId)).toEqual(['function']);
  });
  it('rejects 11', () => {
    expect(score('fiqr', { ...form('q', Array(21).fill(5)), q21: 11 })).toMatchObject({
      reason: 'invalid-answer',
    });
  });
});
