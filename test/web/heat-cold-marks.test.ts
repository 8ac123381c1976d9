import { describe, expect, it } from 'vitest';
import { draftKeptText } from '../../web/src/features/plans/draft-kept.ts';
import { planSafetyNotice } from '../../web/src/features/plans/plan-safety.ts';
import type { SessionNote } from '../../web/src/features/session-notes/api.ts';
import { hotColdMarks } from '../../web/src/features/session-notes/row-safety.ts';

type Finding = NonNullable<SessionNote['screening']>['findings'][number];

const heat: Finding = {
  key: 'bleeding-heat:anticoagulant@*',
  ruleId: 'bleeding-heat',
  subject: 'Blood thinner (anticoagulant)',
  severity: 'avoid-technique',
  restriction: 'no hot packs',
  reason: 'heat widens blood vessels and can increase bleeding into the tissue',
  clearancePolicy: 'not-overridable',
  declined: null,
  blocking: true,
  acknowledged: false,
  rows: [],
  hotCold: 'blocked',
};
const numbFeet: Finding = {
  ...heat,
  key: 'diabetic-neuropathy-care:diabetic-neuropathy@foot-left',
  ruleId: 'diabetic-neuropathy-care',
  subject: 'Diabetic neuropathy in the left foot',
  severity: 'precaution',
  restriction: 'lighter pressure on the left foot, and caution with heat and cold',
  reason: 'reduced feeling means the patient may not notice too much pressure, heat or cold',
  blocking: false,
  hotCold: 'caution',
};
const screening = (findings: Finding[]): SessionNote['screening'] => ({
  onDate: '2026-03-02',
  status: 'blocked',
  blocked: findings.some((f) => f.blocking),
  findings,
});

describe('beside the note’s Hot / cold', () => {
  it('says what is ruled out and the care asked, as beside a hot-pack row', () => {
    expect(hotColdMarks(screening([heat, numbFeet]), 'heat')).toEqual([
      { kind: 'blocked', text: 'Blood thinner (anticoagulant): no hot packs.' },
      {
        kind: 'caution',
        text: 'Diabetic neuropathy in the left foot: lighter pressure on the left foot, and caution with heat and cold (reduced feeling means the patient may not notice too much pressure, heat or cold).',
      },
    ]);
  });

  it('says nothing without heat or cold, for a finding that does not meet it, or once acknowledged', () => {
    expect(hotColdMarks(screening([heat]), 'none')).toEqual([]);
    expect(hotColdMarks(screening([heat]), undefined)).toEqual([]);
    const { hotCold: _none, ...rowsOnly } = heat;
    expect(hotColdMarks(screening([rowsOnly]), 'heat')).toEqual([]);
    expect(hotColdMarks(screening([{ ...numbFeet, acknowledged: true }]), 'cold')).toEqual([]);
    expect(hotColdMarks(null, 'heat')).toEqual([]);
  });
});

describe('home-care heat and cold on the plan page', () => {
  const version = { techniques: ['swedish-massage'], regions: ['low-back'], precautionsAcknowledged: [] };
  it('marks the advice the patient’s health rules out, and asks to change the plan', () => {
    const notice = planSafetyNotice(
      {
        findings: [],
        homeCare: [
          {
            id: 'heat-at-home',
            title: 'Warmth for stiffness',
            blocked: true,
            findings: [{ ...heat, acknowledged: false }],
          },
          { id: 'cold-at-home', title: 'Cold for soreness', blocked: false, findings: [] },
        ],
      },
      version,
    );
    expect(notice.homeCareRuledOut).toEqual(['Warmth for stiffness']);
    expect(notice.homeCare.get('heat-at-home')).toEqual([
      {
        kind: 'blocked',
        text: 'Blood thinner (anticoagulant): no hot packs. A physician clearance cannot lift this.',
      },
    ]);
    expect(notice.homeCare.has('cold-at-home')).toBe(false);
    expect(notice.advice).toBe('Change the plan: a physician clearance cannot lift this restriction.');
  });
});

describe('after a refused plan save', () => {
  const time = () => '10:42 AM';
  it('says the draft is kept but no plan version was saved', () => {
    expect(draftKeptText({ kind: 'saved', at: new Date() }, time)).toBe(
      'Your draft is kept (last kept at 10:42 AM), but no new plan version was saved: change what is marked and save again.',
    );
    expect(draftKeptText({ kind: 'idle' }, time)).toMatch(/^Your draft is kept, but no new plan version/);
  });
});
