import { describe, expect, it } from 'vitest';
import { questionsOf } from '../../src/modules/intake/questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from '../../src/modules/intake/questionnaires.ts';
import { NONE_LABELS } from '../../web/src/features/intake/labels.ts';

const current = questionsOf(questionnaire(CURRENT_QUESTIONNAIRE_VERSION));
const help = (id: string) => current.find((q) => q.id === id)?.help;

describe('the health history hints', () => {
  it('quote the exact words of the control that answers "none", as the form draws it', () => {
    expect(help('conditions')).toContain(`“${NONE_LABELS.conditions}”`);
    expect(help('medications')).toContain(`tick “${NONE_LABELS.medications}”`);
    expect(help('allergies')).toBe(`Tick “${NONE_LABELS.allergies}” if you have none.`);
  });

  it('ask for the No of a Yes/No question', () => {
    expect(help('surgeries')).toBe('Answer No if you have never had surgery.');
    expect(help('implants')).toBe('Answer No if you have none.');
  });
});
