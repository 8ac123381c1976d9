import { describe, expect, it } from 'vitest';
import { screen } from './screen.ts';

const ON = '2025-06-15';
const bloodThinner = { medications: [{ class: 'anticoagulant', name: 'Apixaban' }] };
const planOf = (techniques: string[], pressureAdjustable?: boolean) =>
  screen(bloodThinner, { techniques, regions: ['low-back'], pressureAdjustable }, ON);
const rule = (result: ReturnType<typeof screen>, ruleId: string) =>
  result.findings.find((f) => f.ruleId === ruleId);

describe('a plan of care, whose pressure the therapist chooses at each visit', () => {
  it('takes a technique too deep at its usual pressure as a precaution, as the note given light does', () => {
    // Myofascial release is usually moderate: too deep for "light pressure only" when the pressure is fixed …
    expect(rule(planOf(['myofascial-release']), 'bleeding-light-pressure')?.blocking).toBe(true);
    // … care, not a block, when it can be given light.
    const plan = planOf(['myofascial-release'], true);
    expect(plan.blocked).toBe(false);
    expect(rule(plan, 'bleeding-light-pressure')).toMatchObject({ blocking: false, conflicts: [] });
    expect(plan.status).toBe('proceed-with-precautions');
  });

  it('still refuses a technique the rule rules out, whatever the pressure', () => {
    const plan = planOf(['deep-tissue', 'myofascial-release'], true);
    expect(plan.blocked).toBe(true);
    expect(rule(plan, 'bleeding-light-pressure')?.conflicts.map((c) => [c.technique, c.because])).toEqual([
      ['deep-tissue', 'technique'],
    ]);
  });

  it('still refuses heat: a hot pack has no pressure to lower', () => {
    expect(rule(planOf(['hot-therapy'], true), 'bleeding-heat')?.blocking).toBe(true);
  });
});
