import { describe, expect, it } from 'vitest';
import { clearanceCanLift, findingAt, liftText, ruledOutAdvice } from './advice.ts';
import { screen } from './screen.ts';

const ON = '2025-06-15';
const dvt = { clearancePolicy: 'may-override' } as const;
const wound = { clearancePolicy: 'not-overridable' } as const;
const trimester = { clearancePolicy: 'required' } as const;

describe('what to do about a restriction', () => {
  it('offers a clearance only where one can lift the restriction', () => {
    expect([dvt, trimester, wound].map(clearanceCanLift)).toEqual([true, true, false]);
    expect(liftText(dvt)).toBe('A physician clearance can lift this.');
    expect(liftText(wound)).toBe('A physician clearance cannot lift this.');
  });

  it.each([
    [[dvt], 'plan', 'Change the plan, or ask the physician for a clearance and record it.'],
    [[wound], 'plan', 'Change the plan: a physician clearance cannot lift this restriction.'],
    [
      [wound, wound],
      'treatment',
      'Change the treatment: a physician clearance cannot lift these restrictions.',
    ],
    [
      [dvt, wound],
      'treatment',
      'Change the treatment. A physician clearance can lift only the restrictions marked so: ask for it and record it, and change the treatment for the others.',
    ],
  ] as const)('%j in a %s', (findings, work, advice) => {
    expect(ruledOutAdvice(findings, work)).toBe(advice);
  });
});

describe('where a finding meets a treated region', () => {
  // Blood thinner: light pressure everywhere. Clot in the left calf: nothing on the left leg.
  const profile = {
    medications: [{ class: 'anticoagulant', name: 'Apixaban' }],
    conditions: [{ code: 'dvt', site: ['calf-left'], onset: '2025-06-01' }],
  };
  const at = (technique: string, pressure: 'light' | 'deep', ruleId: string, region: string) => {
    const result = screen(
      profile,
      { techniques: [technique], regions: ['low-back', 'calf-left'], pressure },
      ON,
    );
    const finding = result.findings.find((f) => f.ruleId === ruleId);
    return finding ? findingAt(finding, region, pressure) : 'no finding';
  };

  it('is ruled out where the finding blocks the technique, and care elsewhere it applies', () => {
    expect(at('swedish-massage', 'light', 'dvt-limb', 'calf-left')).toBe('blocked');
    expect(at('swedish-massage', 'light', 'dvt-limb', 'low-back')).toBeNull();
    expect(at('swedish-massage', 'deep', 'bleeding-light-pressure', 'low-back')).toBe('blocked');
  });

  it('marks no work a pressure-only precaution already has met', () => {
    // Light pressure is all the blood thinner asks for: work given light is neither blocked nor marked.
    expect(at('swedish-massage', 'light', 'bleeding-light-pressure', 'low-back')).toBeNull();
    // A precaution that asks more than a pressure (care with heat and cold on numb feet) still marks light work.
    const numb = { conditions: [{ code: 'diabetic-neuropathy', site: ['foot-left'] }] };
    const care = screen(
      numb,
      { techniques: ['swedish-massage'], regions: ['foot-left'], pressure: 'light' },
      ON,
    );
    const finding = care.findings.find((f) => f.ruleId === 'diabetic-neuropathy-care')!;
    expect(findingAt(finding, 'foot-left', 'light')).toBe('touched');
  });

  it('touches, without blocking, what a clearance covers', () => {
    const cleared = screen(
      profile,
      { techniques: ['swedish-massage'], regions: ['calf-left'], pressure: 'light' },
      ON,
      [{ ruleId: 'dvt-limb', date: '2025-06-10' }],
    ).findings.find((f) => f.ruleId === 'dvt-limb')!;
    expect(cleared.blocking).toBe(false);
    expect(findingAt(cleared, 'calf-left', 'light')).toBe('touched');
  });
});
