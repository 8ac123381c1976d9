import { describe, expect, it } from 'vitest';
import {
  CONDITION_CODES,
  CONDITION_LABELS,
  CONDITION_PLAIN_DESCRIPTIONS,
  isPatientFacingCondition,
} from '../../domain/safety/codes.ts';
import { checklistCodes, type QuestionDefinition, questionsOf } from './questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, QUESTIONNAIRES } from './questionnaires.ts';

const published = Object.values(QUESTIONNAIRES).map((q) => [q.version, q] as const);

describe('the conditions a patient is asked about', () => {
  it.each(published)('version %i: every checklist condition has plain words for the patient', (_v, q) => {
    for (const code of checklistCodes(q)) {
      expect(isPatientFacingCondition(code), code).toBe(true);
      const text = CONDITION_PLAIN_DESCRIPTIONS[code];
      expect(typeof text, code).toBe('string');
      expect(text.toLowerCase(), code).not.toBe(CONDITION_LABELS[code].toLowerCase());
    }
  });

  it.each(published)('version %i: a code without plain words is one another question asks', (_v, q) => {
    const listed = new Set<string>(checklistCodes(q));
    const elsewhere = Object.keys(q.conditionsAskedElsewhere);
    const withoutWords = CONDITION_CODES.filter((c) => !isPatientFacingCondition(c));
    expect(withoutWords.filter((c) => listed.has(c))).toEqual([]);
    expect([...withoutWords].sort()).toEqual([...elsewhere].sort());
  });
});

/** Question kinds whose answer is a list: the web form asks for "none" with a control of its own. */
const LIST_KINDS = new Set(['conditions', 'medications', 'allergies', 'surgeries', 'implants']);

describe('the current questionnaire', () => {
  const current = QUESTIONNAIRES[CURRENT_QUESTIONNAIRE_VERSION]!;

  it('asks for an answer to each condition, as its Yes/No form does, not to tick boxes', () => {
    const health = current.sections.find((s) => s.id === 'health-history')!;
    expect(health.intro).toMatch(/Answer each question/);
    expect(health.intro).not.toMatch(/tick/i);
  });

  it('keeps the previous version’s questions and consent, so answers carry over and signatures stay valid', () => {
    const previous = QUESTIONNAIRES[CURRENT_QUESTIONNAIRE_VERSION - 1]!;
    const shape = (q: QuestionDefinition) => ({ id: q.id, kind: q.kind, required: q.required });
    expect(questionsOf(current).map(shape)).toEqual(questionsOf(previous).map(shape));
    expect(current.consent).toEqual(previous.consent);
  });

  // The form asks for an explicit "none" (a tick, a No) and refuses an unanswered list question at submit.
  it.each(
    questionsOf(current)
      .filter((q) => q.required && LIST_KINDS.has(q.kind))
      .map((q) => [q.id, q] as const),
  )('the hint of %s asks for an explicit answer, never "an empty list"', (_id, q) => {
    expect(q.help).toBeDefined();
    expect(q.help).not.toMatch(/empty list/i);
    expect(q.help).toMatch(/\b(tick|answer)\b/i);
  });
});
