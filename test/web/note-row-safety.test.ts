import { describe, expect, it } from 'vitest';
import type { SessionNote } from '../../web/src/features/session-notes/api.ts';
import { rowSafetyMarks } from '../../web/src/features/session-notes/row-safety.ts';
import type { RowDraft } from '../../web/src/features/session-notes/rows.ts';

type Finding = NonNullable<SessionNote['screening']>['findings'][number];

const row = (key: string, techniqueId: string, region: string, pressure = ''): RowDraft => ({
  key,
  techniqueId: techniqueId as RowDraft['techniqueId'],
  region,
  minutes: '10',
  pressure,
});
const finding = (over: Partial<Finding>): Finding => ({
  key: 'bleeding-light-pressure:anticoagulant@*',
  ruleId: 'bleeding-light-pressure',
  subject: 'Blood thinner (anticoagulant)',
  severity: 'precaution',
  restriction: 'light pressure only: no deep tissue, trigger point or other forceful work',
  reason: 'blood that clots slowly bruises and bleeds into the tissue under firm pressure',
  clearancePolicy: 'not-overridable',
  declined: null,
  blocking: false,
  acknowledged: false,
  rows: [],
  ...over,
});
const screening = (findings: Finding[]): SessionNote['screening'] => ({
  onDate: '2026-03-02',
  status: 'blocked',
  blocked: findings.some((f) => f.blocking),
  findings,
});
const noScope = { plan: null, referral: null };

describe('beside a treatment row', () => {
  it('says the care a precaution asks on that row, with its reason, and what a finding rules out there', () => {
    const care = finding({
      rows: [{ techniqueId: 'swedish-massage', region: 'low-back', pressure: 'light', blocked: false }],
    });
    const clot = finding({
      key: 'dvt-limb:dvt@calf-left',
      subject: 'Blood clot (DVT) in the left calf',
      restriction: 'no massage of the left leg until a physician confirms the clot has resolved',
      blocking: true,
      rows: [{ techniqueId: 'swedish-massage', region: 'calf-left', pressure: 'light', blocked: true }],
    });
    const marks = rowSafetyMarks(
      [
        row('a', 'swedish-massage', 'low-back', 'light'),
        row('b', 'swedish-massage', 'calf-left', 'light'),
        // Firmer than what was screened: the mark waits for the next save's screening.
        row('c', 'swedish-massage', 'low-back', 'firm'),
        // Not complete: it says what it needs instead.
        row('d', '', 'low-back'),
      ],
      screening([care, clot]),
      noScope,
    );
    expect(marks.get('a')).toEqual([
      {
        kind: 'caution',
        text: 'Blood thinner (anticoagulant): light pressure only: no deep tissue, trigger point or other forceful work (blood that clots slowly bruises and bleeds into the tissue under firm pressure).',
      },
    ]);
    expect(marks.get('b')).toEqual([
      {
        kind: 'blocked',
        text: 'Blood clot (DVT) in the left calf: no massage of the left leg until a physician confirms the clot has resolved.',
      },
    ]);
    expect(marks.has('c')).toBe(false);
    expect(marks.has('d')).toBe(false);
  });

  it('says nothing of a restriction a physician cleared', () => {
    const cleared = finding({
      acknowledged: true,
      rows: [{ techniqueId: 'hot-therapy', region: 'low-back', pressure: null, blocked: false }],
    });
    expect(rowSafetyMarks([row('a', 'hot-therapy', 'low-back')], screening([cleared]), noScope).size).toBe(0);
  });

  it('flags work outside the plan of care or the referral, without ruling it out', () => {
    const scope = {
      plan: { techniques: ['myofascial-release'], regions: ['low-back', 'leg-right'] },
      referral: { techniques: ['myofascial-release', 'swedish-massage'], bodyRegions: ['low-back'] },
    };
    const marks = rowSafetyMarks(
      [
        row('inside', 'myofascial-release', 'low-back', 'moderate'),
        // The plan's "right leg" covers the calf; the referral names the low back only.
        row('calf', 'myofascial-release', 'calf-right', 'moderate'),
        row('swedish', 'swedish-massage', 'upper-back', 'moderate'),
        row('neither', 'trigger-point-therapy', 'upper-back', 'moderate'),
      ],
      null,
      scope,
    );
    expect(marks.has('inside')).toBe(false);
    expect(marks.get('calf')).toEqual([{ kind: 'outside', text: 'Not on the referral: Right calf.' }]);
    expect(marks.get('swedish')).toEqual([
      { kind: 'outside', text: 'Not in the plan of care: Swedish (relaxation) massage, Upper back.' },
      { kind: 'outside', text: 'Not on the referral: Upper back.' },
    ]);
    expect(marks.get('neither')).toEqual([
      {
        kind: 'outside',
        text: 'Not in the plan of care or on the referral: Trigger point therapy, Upper back.',
      },
    ]);
    // A referral that names no technique or region leaves them open.
    const open = rowSafetyMarks([row('a', 'swedish-massage', 'upper-back', 'moderate')], null, {
      plan: null,
      referral: { techniques: [], bodyRegions: [] },
    });
    expect(open.size).toBe(0);
  });
});
