import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_REGIONS } from '../catalog/body-regions.ts';
import { PRESSURE_DEPTHS, TECHNIQUE_IDS } from '../catalog/techniques.ts';
import { CONDITION_CODES } from './codes.ts';
import { screen } from './screen.ts';
import type { ConditionEntry, HealthProfile, ProposedTreatment } from './types.ts';

const regionId = fc.constantFrom(...BODY_REGIONS.map((r) => r.id));
const isoDay = fc
  .integer({ min: 0, max: 400 })
  .map((d) => new Date(Date.UTC(2024, 5, 1 + d)).toISOString().slice(0, 10));
const condition: fc.Arbitrary<ConditionEntry> = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...CONDITION_CODES), fc.string()),
    site: fc.array(regionId, { maxLength: 2 }),
    onset: isoDay,
  },
  { requiredKeys: ['code'] },
);
const profile: fc.Arbitrary<HealthProfile> = fc.record({
  conditions: fc.array(condition, { maxLength: 5 }),
  pregnancy: fc.option(fc.record({ weeks: fc.integer({ min: 0, max: 42 }) }), { nil: null }),
});
const proposal: fc.Arbitrary<ProposedTreatment> = fc.record({
  techniques: fc.array(fc.constantFrom(...TECHNIQUE_IDS), { minLength: 1, maxLength: 3 }),
  regions: fc.array(regionId, { minLength: 1, maxLength: 3 }),
  pressure: fc.constantFrom(...PRESSURE_DEPTHS),
});
const ON = '2025-06-15';

describe('screen() properties', () => {
  it('never throws and always explains each finding', () => {
    fc.assert(
      fc.property(profile, proposal, (p, t) => {
        const result = screen(p, t, ON);
        for (const f of [...result.findings, ...result.notApplicable]) {
          expect(f.message.length).toBeGreaterThan(20);
          // Plain words only: reference tags (R47…) stay in `sources`.
          expect(f.message).not.toMatch(/Source|\bR\d+\b/);
        }
        expect(result.blocked).toBe(result.findings.some((f) => f.blocking));
      }),
    );
  });

  it('adding a health condition never unblocks a proposal', () => {
    fc.assert(
      fc.property(profile, condition, proposal, (p, extra, t) => {
        const before = screen(p, t, ON);
        const after = screen({ ...p, conditions: [...(p.conditions ?? []), extra] }, t, ON);
        const blockingBefore = before.findings.filter((f) => f.blocking).map((f) => f.key);
        const blockingAfter = new Set(after.findings.filter((f) => f.blocking).map((f) => f.key));
        for (const key of blockingBefore) expect(blockingAfter.has(key)).toBe(true);
      }),
    );
  });

  it('lighter pressure never blocks more than deeper pressure', () => {
    fc.assert(
      fc.property(profile, proposal, (p, t) => {
        const lightResult = screen(p, { ...t, pressure: 'light' }, ON);
        const deepResult = screen(p, { ...t, pressure: 'deep' }, ON);
        const deepBlocking = new Set(deepResult.findings.filter((f) => f.blocking).map((f) => f.key));
        for (const f of lightResult.findings.filter((x) => x.blocking))
          expect(deepBlocking.has(f.key)).toBe(true);
      }),
    );
  });
});
