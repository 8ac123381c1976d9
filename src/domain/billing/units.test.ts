import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billableUnits, DEFAULT_UNIT_METHOD, minutesForUnits, unitsForMinutes } from './units.ts';

describe('unitsForMinutes (CMS table, reference §4.2)', () => {
  it.each([
    [0, 0],
    [7, 0],
    [8, 1],
    [22, 1],
    [23, 2],
    [37, 2],
    [38, 3],
    [52, 3],
    [53, 4],
    [67, 4],
    [68, 5],
    [82, 5],
    [83, 6],
    [97, 6],
    [98, 7],
    [112, 7],
    [113, 8],
    [127, 8],
    [128, 9],
  ])('%i min → %i units', (minutes, units) => {
    expect(unitsForMinutes(minutes)).toBe(units);
  });

  it.each([
    [30, 2],
    [45, 3],
    [60, 4],
    [75, 5],
    [90, 6],
  ])('a %i-minute session is %i units', (minutes, units) => {
    expect(unitsForMinutes(minutes)).toBe(units);
  });

  it('inverts with minutesForUnits at every boundary', () => {
    for (let units = 1; units <= 12; units++) {
      const min = minutesForUnits(units);
      expect(unitsForMinutes(min)).toBe(units);
      expect(unitsForMinutes(min - 1)).toBe(units - 1);
    }
    expect(minutesForUnits(0)).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d minutes', (minutes) => {
    expect(() => unitsForMinutes(minutes)).toThrow(RangeError);
  });
});

describe('billableUnits, CMS method (default)', () => {
  it('uses the CMS method by default', () => {
    expect(DEFAULT_UNIT_METHOD).toBe('cms');
    expect(billableUnits({ '97124': 30 }).method).toBe('cms');
  });

  it('reference example: 33 min 97110 + 7 min 97140 = 40 min = 97110 × 2 + 97140 × 1', () => {
    const result = billableUnits({ '97110': 33, '97140': 7 });
    expect(result).toMatchObject({
      totalTimedMinutes: 40,
      totalUnits: 3,
      unitsByCode: { '97110': 2, '97140': 1 },
    });
    expect(result.explanation).toContain('Remaining unit → 97140');
  });

  it('33 min 97140 + 7 min 97124 = 97140 × 2 + 97124 × 1', () => {
    const result = billableUnits({ '97140': 33, '97124': 7 });
    expect(result.totalUnits).toBe(3);
    expect(result.unitsByCode).toEqual({ '97140': 2, '97124': 1 });
  });

  it('a single service under 8 minutes is not billable', () => {
    const result = billableUnits({ '97124': 7 });
    expect(result).toMatchObject({ totalTimedMinutes: 7, totalUnits: 0, unitsByCode: { '97124': 0 } });
    expect(result.explanation).toMatch(/Less than 8/);
  });

  it('two leftovers of 7 minutes or less combine into one unit for the code with more minutes', () => {
    expect(billableUnits({ '97124': 5, '97140': 6 }).unitsByCode).toEqual({ '97124': 0, '97140': 1 });
    expect(billableUnits({ '97124': 4, '97140': 3 }).totalUnits).toBe(0);
  });

  it('gives the extra unit to the code with the most leftover minutes (24 + 23 min = 3 units)', () => {
    const result = billableUnits({ '97112': 24, '97110': 23 });
    expect(result.totalUnits).toBe(3);
    expect(result.unitsByCode).toEqual({ '97112': 2, '97110': 1 });
  });

  it('18 min 97110 + 13 min 97140 = 31 min = one unit each', () => {
    expect(billableUnits({ '97110': 18, '97140': 13 }).unitsByCode).toEqual({ '97110': 1, '97140': 1 });
  });

  it('breaks ties by the lower code, whatever the key order', () => {
    expect(billableUnits({ '97140': 20, '97124': 20 }).unitsByCode).toEqual({ '97124': 2, '97140': 1 });
    expect(billableUnits({ '97124': 7, '97112': 7, '97140': 7 }).unitsByCode).toEqual({
      '97112': 1,
      '97124': 0,
      '97140': 0,
    });
  });

  it('does not count untimed 97010 toward timed minutes', () => {
    const result = billableUnits({ '97124': 20, '97010': 15 });
    expect(result).toMatchObject({ totalTimedMinutes: 20, totalUnits: 1, ignoredUntimed: ['97010'] });
    expect(result.unitsByCode).toEqual({ '97124': 1 });
  });

  it('returns zero for no codes and rejects bad minutes', () => {
    expect(billableUnits({})).toMatchObject({ totalTimedMinutes: 0, totalUnits: 0, unitsByCode: {} });
    expect(() => billableUnits({ '97124': -5 })).toThrow(RangeError);
    expect(() => billableUnits({ '97124': 12.5 })).toThrow(/97124/);
  });

  it('always hands out exactly the units the total earns, at most one beyond each code’s full blocks', () => {
    const minutesArb = fc.dictionary(
      fc.constantFrom('97110', '97112', '97124', '97140', '97530', '97535'),
      fc.nat(120),
    );
    fc.assert(
      fc.property(minutesArb, (minutes) => {
        const result = billableUnits(minutes);
        const total = Object.values(minutes).reduce((a, b) => a + b, 0);
        expect(result.totalTimedMinutes).toBe(total);
        expect(result.totalUnits).toBe(unitsForMinutes(total));
        expect(Object.values(result.unitsByCode).reduce((a, b) => a + b, 0)).toBe(result.totalUnits);
        for (const [code, min] of Object.entries(minutes)) {
          const units = result.unitsByCode[code] ?? -1;
          expect(units - Math.floor(min / 15)).toBeGreaterThanOrEqual(0);
          expect(units - Math.floor(min / 15)).toBeLessThanOrEqual(min % 15 > 0 ? 1 : 0);
        }
      }),
    );
  });
});

describe('billableUnits, per-code method', () => {
  it('counts each code on its own: 33 + 7 min = 2 units (the 7 minutes are lost)', () => {
    const result = billableUnits({ '97140': 33, '97124': 7 }, 'per-code');
    expect(result).toMatchObject({ method: 'per-code', totalTimedMinutes: 40, totalUnits: 2 });
    expect(result.unitsByCode).toEqual({ '97140': 2, '97124': 0 });
  });

  it('can give more units than CMS: 8 + 8 + 8 min = 3 units (CMS: 24 min = 2)', () => {
    const minutes = { '97110': 8, '97124': 8, '97140': 8 };
    expect(billableUnits(minutes, 'per-code').totalUnits).toBe(3);
    expect(billableUnits(minutes, 'cms').totalUnits).toBe(2);
  });

  it('applies the same boundaries per code', () => {
    expect(billableUnits({ '97124': 22, '97140': 23 }, 'per-code').unitsByCode).toEqual({
      '97124': 1,
      '97140': 2,
    });
  });
});
