// classifyChange: direction, default MCIDs, boundaries at exactly the MCID, subscales, custom MCIDs.
import { describe, expect, it } from 'vitest';
import { classifyChange, defaultMcid } from './change.ts';
import type { ChangeClass, InstrumentId } from './types.ts';

type Case = [InstrumentId, number, number, ChangeClass];

describe('default MCIDs, lower is better', () => {
  it.each<Case>([
    ['odi', 44, 34, 'improved'], // exactly 10 points [R2]
    ['odi', 40, 30.5, 'no-meaningful-change'],
    ['odi', 30, 40, 'worse'],
    ['odi', 30, 39, 'no-meaningful-change'],
    ['ndi', 20, 10, 'improved'], // exactly 10 raw points (Young 2009)
    ['ndi', 20, 11, 'no-meaningful-change'],
    ['ndi', 12, 22, 'worse'],
    ['quickdash', 50, 36, 'improved'], // exactly 14
    ['quickdash', 50, 37, 'no-meaningful-change'],
    ['quickdash', 25, 39, 'worse'],
    ['hit6', 62, 56, 'improved'], // exactly 6
    ['hit6', 62, 57, 'no-meaningful-change'],
    ['hit6', 50, 56, 'worse'],
    ['bctq', 3.05, 2, 'improved'], // SSS exactly 1.05 (floating-point 1.0499999…)
    ['bctq', 3, 2, 'no-meaningful-change'],
    ['bctq', 2, 3.05, 'worse'],
    ['fiqr', 50, 43, 'improved'], // −14 % of baseline
    ['fiqr', 50, 44, 'no-meaningful-change'], // −12 %
    ['fiqr', 50, 57, 'worse'], // +14 %
  ])('%s %d → %d: %s', (id, baseline, current, expected) => {
    expect(classifyChange(id, baseline, current).classification).toBe(expected);
  });
});

describe('default MCIDs, higher is better (LEFS, PSFS)', () => {
  it.each<Case>([
    ['lefs', 40, 49, 'improved'], // exactly 9
    ['lefs', 40, 48, 'no-meaningful-change'],
    ['lefs', 40, 31, 'worse'],
    ['lefs', 49, 40, 'worse'],
    ['psfs', 4, 6, 'improved'], // exactly 2 (MDC90 of the average)
    ['psfs', 4, 5.8, 'no-meaningful-change'],
    ['psfs', 6, 4, 'worse'],
  ])('%s %d → %d: %s', (id, baseline, current, expected) => {
    expect(classifyChange(id, baseline, current).classification).toBe(expected);
  });
});

describe('NPRS: 2 points OR 30 % (Ostelo 2008)', () => {
  it('a 2-point fall is improvement even though it is only 25 %', () => {
    const result = classifyChange('nprs', 8, 6);
    expect(result.classification).toBe('improved');
    expect(result.change).toBe(-2);
    expect(result.percentChange).toBe(-25);
    expect(result.mcidUsed).toMatchObject({ value: 2, unit: 'points', id: 'ostelo-2008' });
    // Said as a reader knows it: without the clinical reference's key ([R2]).
    expect(result.mcidUsed.source).toBe('Ostelo 2008 (low-back-pain consensus)');
  });
  it('a 1-point fall from 3 is 33 % and counts as improvement', () => {
    const result = classifyChange('nprs', 3, 2);
    expect(result.classification).toBe('improved');
    expect(result.mcidUsed).toMatchObject({ value: 30, unit: 'percent' });
  });
  it('a 1-point fall from 5 (20 %) is not meaningful; mcidUsed reports the first threshold', () => {
    const result = classifyChange('nprs', 5, 4);
    expect(result.classification).toBe('no-meaningful-change');
    expect(result.mcidUsed).toMatchObject({ value: 2, unit: 'points' });
  });
  it('10 → 7 is 30 % exactly', () => {
    expect(classifyChange('nprs', 10, 7).classification).toBe('improved');
  });
  it('a rise of 2 is worse', () => {
    expect(classifyChange('nprs', 2, 4).classification).toBe('worse');
  });
  it('from a baseline of 0, percentChange is null and any rise is an infinite percentage', () => {
    const result = classifyChange('nprs', 0, 1);
    expect(result.percentChange).toBeNull();
    expect(result.classification).toBe('worse');
    expect(classifyChange('nprs', 0, 0).classification).toBe('no-meaningful-change');
  });
  it('alternate MCID by id: Salaffi "much better" needs 2 points or 33 %', () => {
    expect(classifyChange('nprs', 10, 7, { mcidId: 'salaffi-2004-much-better' }).classification).toBe(
      'improved',
    );
    expect(classifyChange('nprs', 7, 6, { mcidId: 'salaffi-2004-much-better' }).classification).toBe(
      'no-meaningful-change',
    );
  });
});

describe('alternate MCIDs', () => {
  it('NDI: Vernon 5 raw points', () => {
    expect(classifyChange('ndi', 20, 15).classification).toBe('no-meaningful-change');
    const result = classifyChange('ndi', 20, 15, { mcidId: 'vernon-author' });
    expect(result.classification).toBe('improved');
    expect(result.mcidUsed).toMatchObject({ value: 5, id: 'vernon-author' });
  });
  it('ODI: Copay 12.8', () => {
    expect(classifyChange('odi', 40, 28, { mcidId: 'copay' }).classification).toBe('no-meaningful-change');
  });
  it('unknown MCID id throws', () => {
    expect(() => classifyChange('odi', 40, 28, { mcidId: 'nope' })).toThrow(RangeError);
  });
});

describe('subscales', () => {
  it('BCTQ FSS uses 1.13', () => {
    expect(classifyChange('bctq', 3.13, 2, { scale: 'fss' }).classification).toBe('improved');
    expect(classifyChange('bctq', 3.1, 2, { scale: 'fss' }).classification).toBe('no-meaningful-change');
    expect(classifyChange('bctq', 2.5, 3.63, { scale: 'fss' }).classification).toBe('worse');
    expect(classifyChange('bctq', 3.13, 2, { scale: 'fss' }).scaleId).toBe('fss');
  });
  it('BCTQ SSS by name equals the default', () => {
    expect(classifyChange('bctq', 3.05, 2, { scale: 'sss' }).mcidUsed.value).toBe(1.05);
  });
  it('QuickDASH Work module has no published MCID: throws unless one is supplied', () => {
    expect(() => classifyChange('quickdash', 50, 25, { scale: 'work' })).toThrow(/no published MCID/);
    const result = classifyChange('quickdash', 50, 40, {
      scale: 'work',
      mcid: { thresholds: [{ value: 10, unit: 'points' }], source: 'clinic protocol' },
    });
    expect(result.classification).toBe('improved');
    expect(result.mcidUsed).toEqual({ value: 10, unit: 'points', source: 'clinic protocol', id: 'custom' });
  });
  it('FIQR total is the default; domains have no MCID', () => {
    expect(classifyChange('fiqr', 50, 43).scaleId).toBe('total');
    expect(() => classifyChange('fiqr', 20, 10, { scale: 'function' })).toThrow(RangeError);
  });
  it('unknown scale throws', () => {
    expect(() => classifyChange('odi', 40, 30, { scale: 'work' })).toThrow(/no scale/);
  });
});

describe('input checks', () => {
  it.each<[InstrumentId, number, number]>([
    ['odi', 120, 30],
    ['odi', 40, -1],
    ['hit6', 30, 40], // HIT-6 minimum is 36
    ['bctq', 0.5, 2], // BCTQ scales are 1–5
    ['nprs', Number.NaN, 3],
    ['lefs', 40, Number.POSITIVE_INFINITY],
  ])('%s %d → %d throws', (id, baseline, current) => {
    expect(() => classifyChange(id, baseline, current)).toThrow(RangeError);
  });
  it('custom thresholds must be positive', () => {
    expect(() =>
      classifyChange('odi', 40, 30, { mcid: { thresholds: [{ value: 0, unit: 'points' }], source: 'x' } }),
    ).toThrow(RangeError);
  });
});

describe('defaultMcid', () => {
  it.each<[InstrumentId, string | undefined, number | undefined]>([
    ['ndi', undefined, 10],
    ['odi', undefined, 10],
    ['lefs', undefined, 9],
    ['quickdash', undefined, 14],
    ['bctq', 'fss', 1.13],
    ['fiqr', undefined, 14],
    ['quickdash', 'sports', undefined],
  ])('%s %s → %s', (id, scale, value) => {
    expect(defaultMcid(id, scale)?.thresholds[0]?.value).toBe(value);
  });
});
