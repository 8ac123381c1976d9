/** Pure answer handling: merging autosaves and checking a questionnaire is complete. */
import type { FieldIssue } from '../../platform/errors.ts';
import { type QuestionnaireDefinition, questionsOf } from './questionnaire-v1.ts';
import { DRAPING_PREFERENCES } from './questionnaire-v2.ts';
import { answerSchema, type IntakeAnswers } from './schemas.ts';

type Patch = { [K in keyof IntakeAnswers]?: IntakeAnswers[K] | null };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges an autosave into the saved answers. An answer absent from the patch is kept (an autosave never
 * loses earlier answers); `null` clears it. Object answers (pregnancy, pain, lifestyle, consent) merge
 * field by field, and a `null` field clears that field; lists are replaced as a whole.
 */
export function mergeAnswers(saved: IntakeAnswers, patch: Patch): IntakeAnswers {
  const merged: Record<string, unknown> = { ...saved };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete merged[key];
      continue;
    }
    if (isPlainObject(value)) {
      const fields: Record<string, unknown> = isPlainObject(merged[key]) ? { ...merged[key] } : {};
      for (const [field, fieldValue] of Object.entries(value)) {
        if (fieldValue === null) delete fields[field];
        else if (fieldValue !== undefined) fields[field] = fieldValue;
      }
      merged[key] = fields;
    } else {
      merged[key] = value;
    }
  }
  return merged as IntakeAnswers;
}

/**
 * What a new draft starts from: the last version's answers to the questions `definition` still asks (a later
 * questionnaire keeps the ids of the questions it keeps), without the consent, which is signed afresh.
 */
export function carriedOver(definition: QuestionnaireDefinition, answers: IntakeAnswers): IntakeAnswers {
  const asked = new Set(questionsOf(definition).map((q) => q.id));
  return Object.fromEntries(
    Object.entries(answers).filter(([id]) => id !== 'consent' && asked.has(id)),
  ) as IntakeAnswers;
}

/**
 * Whether a new health-history version must carry a consent signature: unless the patient's latest signature
 * on file is of the consent text `definition` shows (a signed consent stays valid until its text changes).
 */
export function signatureRequired(
  definition: QuestionnaireDefinition,
  lastSigned: { textVersion: string } | undefined,
): boolean {
  return lastSigned?.textVersion !== definition.consent.version;
}

/** How the patient likes to be treated (draping, areas not to touch, what helps), or null when not said. */
export function comfortOf(answers: IntakeAnswers) {
  const draping = DRAPING_PREFERENCES.find((o) => o.value === answers.draping)?.label ?? null;
  const comfort = {
    draping,
    areasToAvoid: answers.areasToAvoid?.trim() || null,
    notes: answers.comfortNotes?.trim() || null,
  };
  return Object.values(comfort).some((v) => v !== null) ? comfort : null;
}

/**
 * What keeps these answers from being submitted, as field issues (`answers.<question>[.<field>]`).
 * `optional` lists questions that are not required this time but, when answered, must be complete
 * (a health-history update need not sign the consent again).
 */
export function completenessIssues(
  definition: QuestionnaireDefinition,
  answers: IntakeAnswers,
  optional: readonly string[] = [],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const values = answers as Record<string, unknown>;
  for (const question of questionsOf(definition)) {
    const value = values[question.id];
    const path = `answers.${question.id}`;
    if (value === undefined) {
      if (question.required && !optional.includes(question.id)) issues.push({ path, message: 'Required' });
      continue;
    }
    const result = answerSchema(question, definition, 'complete').safeParse(value);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      issues.push({ path: [path, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return issues;
}
