import { describe, expect, it } from 'vitest';
import { ClearanceSchema, HealthProfileSchema, ProposedTreatmentSchema } from './schemas.ts';

describe('input schemas (strict at the API boundary)', () => {
  it.each([
    [
      'known codes, sites and dates',
      { conditions: [{ code: 'dvt', site: ['calf-left'], onset: '2025-06-01' }] },
      true,
    ],
    ['an alias', { conditions: [{ code: 'numbness', site: ['leg-left'] }] }, true],
    ['an unknown condition code', { conditions: [{ code: 'gout-flare' }] }, false],
    ['an unknown site', { conditions: [{ code: 'bruise', site: ['left-pinky'] }] }, false],
    ['an unknown medication class', { medications: [{ class: 'beta-blocker' }] }, false],
    ['a bad date', { surgeries: [{ date: '2025-13-01' }] }, false],
    ['an extra field', { conditions: [], smoker: true }, false],
  ])('%s', (_name, input, ok) => {
    expect(HealthProfileSchema.safeParse(input).success).toBe(ok);
  });

  it('proposals need a known technique and region', () => {
    expect(ProposedTreatmentSchema.safeParse({ techniques: ['heat'], regions: ['low-back'] }).success).toBe(
      true,
    );
    expect(
      ProposedTreatmentSchema.safeParse({ techniques: ['cupping'], regions: ['low-back'] }).success,
    ).toBe(false);
    expect(ProposedTreatmentSchema.safeParse({ techniques: ['heat'], regions: [] }).success).toBe(false);
  });

  it('clearances need a rule or a finding', () => {
    expect(ClearanceSchema.safeParse({ ruleId: 'dvt-limb', date: '2025-06-01' }).success).toBe(true);
    expect(ClearanceSchema.safeParse({ date: '2025-06-01' }).success).toBe(false);
  });
});
