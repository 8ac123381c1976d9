/** The published questionnaire versions. Stored responses name their version; a new version is added here. */
import { QUESTIONNAIRE_V1, type QuestionnaireDefinition } from './questionnaire-v1.ts';
import { QUESTIONNAIRE_V2 } from './questionnaire-v2.ts';
import { QUESTIONNAIRE_V3 } from './questionnaire-v3.ts';

export const QUESTIONNAIRES: Readonly<Record<number, QuestionnaireDefinition>> = {
  1: QUESTIONNAIRE_V1,
  2: QUESTIONNAIRE_V2,
  3: QUESTIONNAIRE_V3,
};
export const CURRENT_QUESTIONNAIRE_VERSION = 3;

export function questionnaire(version: number): QuestionnaireDefinition {
  const definition = QUESTIONNAIRES[version];
  if (!definition) throw new Error(`Unknown questionnaire version ${version}`);
  return definition;
}

/** Every consent text ever published, by its version: a signature names one and its hash. */
export const CONSENT_TEXTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(QUESTIONNAIRES).map((q) => [q.consent.version, q.consent.text]),
);
