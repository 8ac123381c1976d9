import { describe, expect, it } from 'vitest';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from '../../src/modules/intake/questionnaires.ts';
import { questionnaireViewOf } from '../../src/modules/intake/routes.ts';
import {
  answerErrors,
  errorLinkText,
  errorSummaryTitle,
  questionAnchor,
  stepButton,
  stepsWithErrors,
} from '../../web/src/features/intake/answer-errors.ts';

const { sections } = questionnaireViewOf(questionnaire(CURRENT_QUESTIONNAIRE_VERSION));
/** A refused submit's 422, in the order the server happened to list it. */
const REFUSED = {
  'answers.goals': 'Required',
  'answers.allergies': 'Required',
  'answers.medications.0.name': 'Write the name of the medicine',
  'answers.somethingElse': 'Unknown field',
};

describe('the error summary of a refused submit', () => {
  const errors = answerErrors(sections, REFUSED);

  it('lists the problems in form order, each at its question and step; one at no question last', () => {
    expect(errors.map((e) => [e.path, e.question?.id, e.question?.step])).toEqual([
      ['answers.medications.0.name', 'medications', 0],
      ['answers.allergies', 'allergies', 0],
      ['answers.goals', 'goals', 2],
      ['answers.somethingElse', undefined, undefined],
    ]);
    expect(errorSummaryTitle(errors.length)).toBe('4 answers are missing or need a change');
    expect(errorSummaryTitle(1)).toBe('One answer is missing or needs a change');
  });

  it('names each question and what its answer lacks, linking to the question', () => {
    expect(errors.map(errorLinkText)).toEqual([
      'Which medicines do you take?: Write the name of the medicine',
      'Are you allergic or sensitive to any of these?: Required',
      'What would you like to get from treatment?: Required',
      'Unknown field',
    ]);
    expect(questionAnchor(errors[1]!.question!.id)).toBe('intake-question-allergies');
  });

  it('marks the steps to fix in words and with a sign, not by colour alone', () => {
    const toFix = stepsWithErrors(errors);
    expect([...toFix]).toEqual([0, 2]);
    expect(stepButton(0, 'Health history', toFix.has(0))).toEqual({
      name: 'Step 1: Health history (needs attention)',
      mark: { sign: '!', text: 'Needs attention' },
    });
    expect(stepButton(1, 'How you are today', toFix.has(1))).toEqual({
      name: 'Step 2: How you are today',
      mark: null,
    });
  });
});
