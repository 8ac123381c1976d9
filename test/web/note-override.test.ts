import { describe, expect, it } from 'vitest';
import { overrideSentence } from '../../src/modules/session-notes/schemas.ts';
import {
  noteOverrides,
  OVERRIDE_HEADING,
  offersOverride,
  overridableFindings,
  overrideLines,
  overrideReasonProblem,
  ruledOutFindings,
} from '../../web/src/features/session-notes/override.ts';

const CLOT = {
  key: 'dvt',
  subject: 'Blood clot (DVT) in the left calf',
  restriction: 'no massage of the left leg',
};
const HEAT = { key: 'heat', subject: 'Blood thinner', restriction: 'no heat' };

describe('the reason for treatment given despite a contraindication', () => {
  it('asks for 15 to 1000 characters, counted without the spaces around', () => {
    expect(overrideReasonProblem('')).toMatch(/at least 15 characters/);
    expect(overrideReasonProblem('   was given    ')).toMatch(/at least 15 characters/);
    expect(overrideReasonProblem('Physician said so by phone')).toBeNull();
    expect(overrideReasonProblem('x'.repeat(1001))).toMatch(/At most 1000/);
  });
});

describe('what the sign step offers', () => {
  it('takes the findings of a refusal a reason can record over, and nothing else', () => {
    expect(
      overridableFindings({
        code: 'contraindicated',
        details: { overridable: true, findings: [CLOT, { x: 1 }] },
      }),
    ).toEqual([CLOT]);
    expect(overridableFindings({ code: 'contraindicated', details: { findings: [CLOT] } })).toBeNull();
    expect(overridableFindings({ code: 'unprocessable', details: [{ path: 'x', message: 'y' }] })).toBeNull();
    expect(overridableFindings(new Error('offline'))).toBeNull();
    expect(overridableFindings(null)).toBeNull();
  });

  it('names the refusal’s findings first, else the blocking ones of the screening, once each', () => {
    const screening = [
      { ...CLOT, blocking: true },
      { ...HEAT, blocking: false },
    ];
    expect(ruledOutFindings(screening, null)).toEqual([screening[0]]);
    expect(ruledOutFindings(screening, [HEAT, HEAT])).toEqual([HEAT]);
    expect(ruledOutFindings(undefined, [])).toEqual([]);
  });

  it('offers the override only when what is ruled out is all that keeps the note from being signed', () => {
    expect(offersOverride([CLOT], null)).toBe(true);
    expect(offersOverride([], null)).toBe(false);
    expect(
      offersOverride([CLOT], 'Confirm or edit the 1 field carried over from the last note before signing.'),
    ).toBe(false);
  });
});

describe('how the signed note says it', () => {
  const override = {
    reason: 'The patient told us of the clot a week later.',
    by: { userId: 'u1', name: 'Mia Chen' },
    at: '2026-03-02T17:00:00.000Z',
    findings: [
      { ...CLOT, ruleId: 'dvt-limb', reason: 'r', clearancePolicy: 'may-override', rows: [], hotCold: false },
      {
        ...HEAT,
        ruleId: 'bleeding-heat',
        reason: 'r',
        clearancePolicy: 'not-overridable',
        rows: [],
        hotCold: true,
      },
    ],
    replacedBy: null,
  };

  it('plainly, with the findings, the reason and who recorded it when', () => {
    expect(overrideLines(override, () => 'Mar 2, 9:00 AM')).toEqual({
      heading: 'Given despite a contraindication',
      findings: 'Blood clot (DVT) in the left calf: no massage of the left leg; Blood thinner: no heat',
      reason: 'The patient told us of the clot a week later.',
      recorded: 'Recorded by Mia Chen, Mar 2, 9:00 AM',
      replaced: null,
    });
    expect(overrideLines({ ...override, by: { userId: 'u1', name: '' } }, () => 'then').recorded).toBe(
      'Recorded by a former member, then',
    );
  });

  it('marks one whose treatment was corrected since as replaced, with the day of the correction', () => {
    const replaced = { ...override, replacedBy: { amendmentId: 'a1', at: '2026-03-10T18:00:00.000Z' } };
    expect(overrideLines(replaced, (iso) => `day of ${iso.slice(0, 10)}`).replaced).toBe(
      'Replaced by the correction of day of 2026-03-10',
    );
  });

  it('lists the overrides that apply to the note as it reads now apart from those replaced', () => {
    const first = { ...override, replacedBy: { amendmentId: 'a2', at: '2026-03-10T18:00:00.000Z' } };
    const second = { ...override, reason: 'The physician cleared the calf by phone.' };
    const split = noteOverrides({
      id: 'n1',
      contraindicationOverride: first,
      amendments: [
        { id: 'a1', contraindicationOverride: null },
        { id: 'a2', contraindicationOverride: second },
      ],
    });
    expect(split.current).toEqual([{ key: 'a2', override: second, amendment: true }]);
    expect(split.replaced).toEqual([{ key: 'n1', override: first, amendment: false }]);
    expect(noteOverrides({ id: 'n1', contraindicationOverride: null, amendments: [] })).toEqual({
      current: [],
      replaced: [],
    });
  });

  it('in one sentence for exports (FHIR)', () => {
    expect(overrideSentence(override)).toBe(
      `${OVERRIDE_HEADING} (Blood clot (DVT) in the left calf: no massage of the left leg; Blood thinner: no heat). Reason: The patient told us of the clot a week later.`,
    );
  });
});
