import type { QuestionnaireDefinition } from './questionnaire-v1.ts';
import { QUESTIONNAIRE_V2 } from './questionnaire-v2.ts';

/**
 * Version 3: version 2 with the health history's words matched to its form. Each condition has its own
 * Yes/No, so "Tick everything that applies" misled; the intro now asks for an answer to each. The hints said
 * "An empty list means none", but the form asks for an explicit "none" (an unanswered question is refused at
 * submit), so each hint now names the control that says it, in the words the form shows. Same questions (ids,
 * kinds, required marks) and consent, so answers carry over and a version-2 signature stays valid.
 */
const [health, ...rest] = QUESTIONNAIRE_V2.sections;

const HEALTH_HELP: Readonly<Record<string, string>> = {
  conditions:
    'Answer Yes or No to each one, or choose “Answer “No” to all the others” at the end. For a Yes, tell us where on the body and when it started if you can.',
  medications:
    'Include tablets, injections and patches. If you take no medicine, tick “I take none of these”.',
  allergies: 'Tick “No allergies or sensitivities” if you have none.',
  surgeries: 'Answer No if you have never had surgery.',
  implants: 'Answer No if you have none.',
};

export const QUESTIONNAIRE_V3 = {
  ...QUESTIONNAIRE_V2,
  version: 3,
  sections: [
    {
      ...health!,
      intro: 'These answers keep your treatment safe. Answer each question for now or the recent past.',
      questions: health!.questions.map((q) => {
        const help = HEALTH_HELP[q.id];
        return help ? { ...q, help } : q;
      }),
    },
    ...rest,
  ],
} as const satisfies QuestionnaireDefinition;
