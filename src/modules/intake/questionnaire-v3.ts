import type { QuestionnaireDefinition } from './questionnaire-v1.ts';
import { QUESTIONNAIRE_V2 } from './questionnaire-v2.ts';

/**
 * Version 3: version 2 with the health history's opening words matched to its form. Each condition has its own
 * Yes/No, so "Tick everything that applies" misled; the intro now asks for an answer to each. Same questions and consent, so answers carry over and a version-2 signature stays valid.
 */
const [health, ...rest] = QUESTIONNAIRE_V2.sections;

export const QUESTIONNAIRE_V3 = {
  ...QUESTIONNAIRE_V2,
  version: 3,
  sections: [
    {
      ...health!,
      intro: 'These answers keep your treatment safe. Answer each question for now or the recent past.',
    },
    ...rest,
  ],
} as const satisfies QuestionnaireDefinition;
