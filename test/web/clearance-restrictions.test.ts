import { describe, expect, it } from 'vitest';
import {
  initiallyTicked,
  liftedRestrictions,
  restrictionLabel,
} from '../../web/src/features/chart/clearance-restrictions.ts';

// The chart's flags for a blood clot in the left calf: one condition, two restrictions.
const subject = 'Blood clot (DVT) in the left calf';
const limb = {
  ruleId: 'dvt-limb',
  subject,
  restriction: 'no massage of the left leg until a physician confirms the clot has resolved',
};
const drainage = {
  ruleId: 'dvt-mld',
  subject,
  restriction: 'no lymphatic drainage anywhere until a physician confirms the clot has resolved',
};
const flags = [limb, drainage];

describe('the clearance form', () => {
  it('ticks nothing unless it answers a request, then only what the request asked about', () => {
    expect(initiallyTicked(flags)).toEqual([]);
    expect(initiallyTicked(flags, ['dvt-mld'])).toEqual(['dvt-mld']);
    // A request about a flag that no longer shows ticks nothing.
    expect(initiallyTicked(flags, ['pregnancy-first-trimester'])).toEqual([]);
  });

  it('labels each restriction with its condition and what it forbids', () => {
    expect(restrictionLabel(drainage)).toBe(
      'Blood clot (DVT) in the left calf: no lymphatic drainage anywhere until a physician confirms the clot has resolved',
    );
  });
});

describe('a recorded clearance', () => {
  it('names each restriction it lifted, not only the condition', () => {
    expect(liftedRestrictions(['dvt-mld'], flags)).toEqual([restrictionLabel(drainage)]);
    const both = liftedRestrictions(['dvt-limb', 'dvt-mld'], flags);
    expect(both).toEqual([restrictionLabel(limb), restrictionLabel(drainage)]);
    expect(new Set(both).size).toBe(2);
  });

  it('names every condition a rule flags, once each, and a rule no longer flagged by its id', () => {
    const arm = {
      ...limb,
      subject: 'Thrombophlebitis in the right arm',
      restriction: 'no massage of the right arm',
    };
    expect(liftedRestrictions(['dvt-limb'], [limb, arm, limb])).toEqual([
      restrictionLabel(limb),
      restrictionLabel(arm),
    ]);
    expect(liftedRestrictions(['heart-failure-controlled-mld'], flags)).toEqual([
      'heart-failure-controlled-mld',
    ]);
  });
});
