import { describe, expect, it } from 'vitest';
import { planSafetyMarks } from '../../web/src/features/physician-portal/plan-conflicts.ts';

const bloodThinner = {
  key: 'bleeding-light-pressure:anticoagulant@*',
  subject: 'Blood thinner (anticoagulant)',
  restriction: 'light pressure only: no deep tissue, trigger point or other forceful work',
  blocking: true,
  conflicts: [
    { technique: 'trigger-point-therapy', regions: ['low-back', 'gluteal-right'] },
    { technique: 'myofascial-release', regions: ['low-back', 'gluteal-right'] },
  ],
};
const flag = `${bloodThinner.subject}: ${bloodThinner.restriction}`;
const plan = {
  techniques: ['swedish-massage', 'trigger-point-therapy', 'myofascial-release'],
  regions: ['low-back', 'leg-right', 'neck-posterior'],
};
type Findings = Parameters<typeof planSafetyMarks>[0]['findings'];

describe('a plan the physician signs, against the safety flags', () => {
  it('marks each technique and region of the plan a flag rules out, with that flag', () => {
    const thigh = {
      ...bloodThinner,
      key: 'dvt-limb:dvt@calf-right',
      subject: 'Blood clot (DVT) in the right calf',
      restriction: 'no massage of the right leg',
      conflicts: [{ technique: 'swedish-massage', regions: ['thigh-anterior-right'] }],
    };
    const marks = planSafetyMarks({ findings: [bloodThinner, thigh] as unknown as Findings }, plan);
    expect(marks.conflicts).toEqual([
      {
        key: bloodThinner.key,
        flag,
        techniques: ['trigger-point-therapy', 'myofascial-release'],
        // The right leg runs from the buttock to the foot.
        regions: ['low-back', 'leg-right'],
      },
      {
        key: thigh.key,
        flag: 'Blood clot (DVT) in the right calf: no massage of the right leg',
        techniques: ['swedish-massage'],
        // The plan says "right leg": the thigh is part of it.
        regions: ['leg-right'],
      },
    ]);
    expect(marks.techniques.get('trigger-point-therapy')).toEqual([flag]);
    expect(marks.techniques.has('neck-posterior')).toBe(false);
    expect(marks.regions.get('low-back')).toEqual([flag]);
    expect(marks.regions.has('neck-posterior')).toBe(false);
  });

  it('marks nothing a clearance covers or that only asks for care', () => {
    const cleared = { ...bloodThinner, blocking: false };
    const marks = planSafetyMarks({ findings: [cleared] as unknown as Findings }, plan);
    expect(marks.conflicts).toEqual([]);
    expect(marks.techniques.size + marks.regions.size).toBe(0);
  });
});
