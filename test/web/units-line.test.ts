import { describe, expect, it } from 'vitest';
import { computeBilling } from '../../src/modules/session-notes/service.ts';
import { unitsLine } from '../../web/src/features/session-notes/units-line.ts';

const billing = (timed: Record<string, number>, units: Record<string, number>, untimed: string[] = []) => ({
  totalTimedMinutes: Object.values(timed).reduce((a, b) => a + b, 0),
  totalUnits: Object.values(units).reduce((a, b) => a + b, 0),
  unitsByCode: units,
  untimedCodes: untimed,
});

describe('unitsLine', () => {
  it('says the billable units and the timed minutes they come from, in words', () => {
    expect(unitsLine(billing({ 97140: 45 }, { 97140: 3 }))).toBe(
      'Billable units: 3 (45 timed minutes: 97140 × 3)',
    );
    expect(unitsLine(billing({ 97124: 20, 97140: 15 }, { 97124: 1, 97140: 1 }))).toBe(
      'Billable units: 2 (35 timed minutes: 97124 × 1, 97140 × 1)',
    );
  });

  it('counts an untimed code as one unit, and says why a few minutes earn none', () => {
    expect(unitsLine(billing({ 97140: 30 }, { 97140: 2 }, ['97010']))).toBe(
      'Billable units: 3 (30 timed minutes: 97140 × 2; 97010 untimed, 1 unit)',
    );
    expect(unitsLine(billing({ 97140: 5 }, { 97140: 0 }))).toBe(
      'Billable units: 0 (5 timed minutes; a unit needs 8)',
    );
    expect(unitsLine(billing({}, {}, ['97010', '97018']))).toBe(
      'Billable units: 2 (97010, 97018 untimed, 1 unit each)',
    );
    expect(unitsLine(billing({}, {}))).toBe('Billable units: none (no treatment recorded)');
  });

  it('reads the note as the server bills it: a code without a unit of its own is not listed', () => {
    // 38 + 7 = 45 timed minutes make 3 units, all to 97140: 97124's 7 minutes earn none of their own.
    const rows = [
      { techniqueId: 'myofascial-release', region: 'low-back', minutes: 38 },
      { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 7 },
    ] as Parameters<typeof computeBilling>[0];
    expect(unitsLine(computeBilling(rows))).toBe('Billable units: 3 (45 timed minutes: 97140 × 3)');
  });
});
