import { describe, expect, it } from 'vitest';
import { noteContent } from '../../src/modules/session-notes/schemas.ts';
import {
  AMENDABLE_NOTE_FIELDS,
  type AmendableField,
  amendableNoteFields,
  amendmentChanges,
  amendRefusal,
  correctedValue,
  draftOf,
  GOAL_NOT_IN_PLAN,
  valueText,
} from '../../web/src/features/assessments/amend.ts';

const GOALS = [
  { id: 'g1', text: '“Walk the dog for 30 minutes” by May 1, 2026' },
  { id: 'g2', text: 'ODI from 44 to 24 by May 1, 2026' },
];
const at = (fields: AmendableField[], path: string) => {
  const f = fields.find((x) => x.path === path);
  if (!f) throw new Error(`${path} is not offered`);
  return f;
};
const progressField = at(amendableNoteFields(GOALS), 'assessment.goalProgress');
const healthField = at(AMENDABLE_NOTE_FIELDS, 'subjective.healthChanges');

/** The corrected value, failing the test when the form would refuse it. */
const sent = (field: AmendableField, draft: ReturnType<typeof draftOf>) => {
  const corrected = correctedValue(field, draft);
  if ('problem' in corrected) throw new Error(corrected.problem);
  return corrected.value;
};

describe('progress per goal in the amendment form', () => {
  it('is offered with the plan’s goals only when the note has a plan', () => {
    expect(amendableNoteFields(null).map((f) => f.path)).not.toContain('assessment.goalProgress');
    expect(amendableNoteFields(null)).toHaveLength(AMENDABLE_NOTE_FIELDS.length - 1);
    expect(progressField).toMatchObject({
      type: 'goal-progress',
      goals: GOALS,
      label: 'A: progress per goal',
    });
    // In SOAP order: after the treatment, before the interpretation.
    const paths = amendableNoteFields(GOALS).map((f) => f.path);
    expect(paths.indexOf('assessment.goalProgress')).toBe(paths.indexOf('assessment.interpretation') - 1);
  });

  it('starts from what the note says: a row per goal of the plan, then any goal the plan has dropped', () => {
    const draft = draftOf(progressField, [
      { goalId: 'old', progress: 'met' },
      { goalId: 'g2', progress: 'regressed', note: 'Flare-up after moving house' },
    ]);
    expect(draft.goals).toEqual([
      { goalId: 'g1', text: GOALS[0]!.text, progress: '', note: '' },
      { goalId: 'g2', text: GOALS[1]!.text, progress: 'regressed', note: 'Flare-up after moving house' },
      { goalId: 'old', text: GOAL_NOT_IN_PLAN, progress: 'met', note: '' },
    ]);
    expect(draftOf(progressField, undefined).goals.map((g) => g.progress)).toEqual(['', '']);
  });

  it('sends each rated goal with its note, in the plan’s order; “not rated” takes a goal off', () => {
    const draft = draftOf(progressField, [{ goalId: 'g2', progress: 'progressing' }]);
    draft.goals[0] = { ...draft.goals[0]!, progress: 'met', note: '  Walked 35 minutes  ' };
    draft.goals[1] = { ...draft.goals[1]!, progress: '' };
    const value = sent(progressField, draft);
    expect(value).toEqual([{ goalId: 'g1', progress: 'met', note: 'Walked 35 minutes' }]);
    // The amendment body the server accepts, at its place in the record.
    const changes = amendmentChanges('assessment.goalProgress', value);
    expect(noteContent.safeParse(changes).success).toBe(true);
    // None rated: an empty list, not a field left out (which would change nothing).
    const none = draftOf(progressField, [{ goalId: 'g1', progress: 'met' }]);
    none.goals[0] = { ...none.goals[0]!, progress: '' };
    expect(sent(progressField, none)).toEqual([]);
  });

  it('asks for the progress of a goal given a note but no rating', () => {
    const draft = draftOf(progressField, []);
    draft.goals[1] = { ...draft.goals[1]!, note: 'Did not fill in the ODI' };
    expect(correctedValue(progressField, draft)).toEqual({
      problem: 'Choose the progress on goal 2, or clear its note.',
    });
  });

  it('sends ratings left as they were in their stored order, so the server sees no change', () => {
    const stored = [
      { goalId: 'g2', progress: 'progressing' },
      { goalId: 'g1', progress: 'met', note: 'Walked 35 minutes' },
    ];
    expect(sent(progressField, draftOf(progressField, stored))).toBe(stored);
  });

  it('reads in words: each goal, its progress and note', () => {
    expect(
      valueText(progressField, [
        { goalId: 'g1', progress: 'no-change' },
        { goalId: 'g2', progress: 'met', note: 'ODI 22' },
        { goalId: 'old', progress: 'regressed' },
      ]),
    ).toBe(`${GOALS[0]!.text}: No change; ${GOALS[1]!.text}: Met (ODI 22); ${GOAL_NOT_IN_PLAN}: Regressed`);
    expect(valueText(progressField, [])).toBe('No goal rated');
    // The plan not known to the reader: no claim about which goal.
    expect(
      valueText(at(amendableNoteFields([]), 'assessment.goalProgress'), [{ goalId: 'g1', progress: 'met' }]),
    ).toBe('A goal of the plan: Met');
  });
});

describe('health changes in the amendment form', () => {
  const stored = {
    changed: true,
    rescreen: true,
    healthHistoryVersionId: '0190a3c2-5b7e-7000-8000-000000000001',
    note: 'Started a blood thinner',
  };

  it('starts from what the note says', () => {
    expect(draftOf(healthField, stored).health).toEqual({ changed: 'yes', note: 'Started a blood thinner' });
    expect(draftOf(healthField, { changed: false }).health).toEqual({ changed: 'no', note: '' });
    expect(draftOf(healthField, undefined).health).toEqual({ changed: '', note: '' });
  });

  it('merges the correction into the note’s value: the health-history link and re-screening stay', () => {
    const draft = draftOf(healthField, stored);
    draft.health = { changed: 'yes', note: ' Started apixaban, not warfarin ' };
    expect(sent(healthField, draft)).toEqual({ ...stored, note: 'Started apixaban, not warfarin' });
    draft.health = { changed: 'no', note: '' };
    const cleared = sent(healthField, draft);
    expect(cleared).toEqual({
      changed: false,
      rescreen: true,
      healthHistoryVersionId: stored.healthHistoryVersionId,
    });
    expect(noteContent.safeParse(amendmentChanges('subjective.healthChanges', cleared)).success).toBe(true);
  });

  it('records yes or no on a note that said nothing, and asks for one before that', () => {
    const draft = draftOf(healthField, undefined);
    expect(correctedValue(healthField, draft)).toEqual({ problem: 'Choose yes or no.' });
    draft.health = { changed: 'yes', note: 'New knee brace' };
    expect(sent(healthField, draft)).toEqual({ changed: true, note: 'New knee brace' });
  });

  it('reads in words', () => {
    expect(valueText(healthField, stored)).toBe('Yes: Started a blood thinner');
    expect(valueText(healthField, { changed: false })).toBe('No');
    expect(valueText(healthField, null)).toBeNull();
  });
});

describe('a refused corrected treatment in the amendment form', () => {
  const refusal = {
    code: 'contraindicated',
    message: 'The corrected treatment includes a technique or region the patient’s health rules out',
    details: {
      overridable: true,
      findings: [
        {
          key: 'dvt',
          subject: 'Blood clot (DVT) in the left calf',
          restriction: 'no massage of the left leg',
        },
        {
          key: 'dvt',
          subject: 'Blood clot (DVT) in the left calf',
          restriction: 'no massage of the left leg',
        },
      ],
    },
    fieldIssues: [],
  };

  it('for a note, lists the findings (once each) beside the reason box rather than in the text', () => {
    expect(amendRefusal(refusal, true)).toEqual({
      text: 'The corrected treatment includes a technique or region the patient’s health rules out.',
      ruledOut: [
        {
          key: 'dvt',
          subject: 'Blood clot (DVT) in the left calf',
          restriction: 'no massage of the left leg',
        },
      ],
    });
  });

  it('for an evaluation, or a refusal no reason can lift, says it all in the text', () => {
    expect(amendRefusal(refusal, false)).toEqual({
      text: 'The corrected treatment includes a technique or region the patient’s health rules out. Blood clot (DVT) in the left calf: no massage of the left leg. Blood clot (DVT) in the left calf: no massage of the left leg.',
      ruledOut: null,
    });
    expect(
      amendRefusal({ ...refusal, details: { ...refusal.details, overridable: false } }, true).ruledOut,
    ).toBeNull();
    expect(
      amendRefusal(
        { code: 'unprocessable', message: 'The amendment changes nothing', fieldIssues: [] },
        true,
      ),
    ).toEqual({ text: 'The amendment changes nothing.', ruledOut: null });
  });
});
