import { describe, expect, it } from 'vitest';
import { planSafetyNotice, standingText } from '../../web/src/features/plans/plan-safety.ts';

type Findings = Parameters<typeof planSafetyNotice>[0]['findings'];

// The plan was written before the patient reported a blood thinner and a clot in the left calf.
const bloodThinner = {
  key: 'bleeding-light-pressure:anticoagulant@*',
  subject: 'Blood thinner (anticoagulant)',
  restriction: 'light pressure only: no deep tissue, trigger point or other forceful work',
  reason: 'blood that clots slowly bruises and bleeds into the tissue under firm pressure',
  clearancePolicy: 'not-overridable',
  acknowledged: false,
  declined: null,
  blocking: true,
  conflicts: [{ technique: 'trigger-point-therapy', regions: ['low-back'] }],
};
const clot = {
  ...bloodThinner,
  key: 'dvt-limb:dvt@calf-left',
  subject: 'Blood clot (DVT) in the left calf',
  restriction: 'no massage of the left leg until a physician confirms the clot has resolved',
  reason: 'pressing on the limb could dislodge the clot and cause a pulmonary embolism',
  clearancePolicy: 'may-override',
  conflicts: [{ technique: 'swedish-massage', regions: ['calf-left'] }],
};
const version = {
  techniques: ['swedish-massage', 'trigger-point-therapy'],
  regions: ['low-back', 'leg-left'],
  precautionsAcknowledged: [],
};
const notice = (findings: unknown[], v = version) => planSafetyNotice({ findings: findings as Findings }, v);

describe('the current plan against the patient’s health today', () => {
  it('offers a clearance only for what one can lift, in the words the plan form and the note editor use', () => {
    const only = notice([bloodThinner]);
    expect(only.advice).toBe('Change the plan: a physician clearance cannot lift this restriction.');
    expect(only.liftable).toBe(false);
    expect(only.conflicts).toEqual([
      expect.objectContaining({
        key: bloodThinner.key,
        techniques: ['trigger-point-therapy'],
        regions: ['low-back'],
        standing: 'A physician clearance cannot lift this.',
      }),
    ]);

    const both = notice([clot, bloodThinner]);
    expect(both.liftable).toBe(true);
    expect(both.advice).toBe(
      'Change the plan. A physician clearance can lift only the restrictions marked so: ask for it and record it, and change the plan for the others.',
    );
    expect(both.conflicts.map((c) => c.standing)).toEqual([
      'A physician clearance can lift this.',
      'A physician clearance cannot lift this.',
    ]);
    // The plan's "left leg" is marked: the calf is part of it.
    expect(both.marks.regions.has('leg-left')).toBe(true);
  });

  it('says nothing is ruled out once a clearance covers it', () => {
    const cleared = notice([{ ...clot, blocking: false, acknowledged: true }]);
    expect(cleared).toMatchObject({ advice: null, liftable: false, conflicts: [], precautions: [] });
  });

  it('names care the patient’s health asks for that this version did not acknowledge when it was saved', () => {
    const care = { ...bloodThinner, blocking: false, conflicts: [] };
    expect(notice([care]).precautions).toEqual([
      {
        key: care.key,
        flag: 'Blood thinner (anticoagulant): light pressure only: no deep tissue, trigger point or other forceful work',
        reason: care.reason,
      },
    ]);
    const acknowledged = { ...version, precautionsAcknowledged: [{ key: care.key }] };
    expect(notice([care], acknowledged as typeof version).precautions).toEqual([]);
  });

  it('says the physician’s standing “not cleared” beside the restriction', () => {
    const declined = {
      clearanceId: 'c1',
      physicianName: 'Dr. Helen Park',
      answeredOn: '2026-03-02',
      note: null,
    };
    expect(standingText({ clearancePolicy: 'may-override', declined })).toBe(
      'Not cleared by Dr. Helen Park on Mar 2, 2026. A physician clearance can lift this.',
    );
  });
});
