import { describe, expect, it } from 'vitest';
import {
  CONDITION_CODES,
  CONDITION_LABELS,
  CONDITION_PLAIN_DESCRIPTIONS,
  isPatientFacingCondition,
} from '../../domain/safety/codes.ts';
import { checklistCodes } from './questionnaire-v1.ts';
import { QUESTIONNAIRES } from './questionnaires.ts';

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
