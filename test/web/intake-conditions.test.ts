import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/domain/safety/rules.ts';
import { URGENT_ADVICE, URGENT_CONDITIONS } from '../../src/domain/safety/urgent.ts';
import { checklistCodes } from '../../src/modules/intake/questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from '../../src/modules/intake/questionnaires.ts';
import {
  type ConditionAnswer,
  completeAnswersSchema,
  draftAnswersSchema,
} from '../../src/modules/intake/schemas.ts';
import {
  answeredCount,
  answerOf,
  answerRemainingNo,
  isUrgentYes,
  urgentYes,
  withAnswer,
} from '../../web/src/features/intake/conditions.ts';
import { submittedText } from '../../web/src/features/intake/times.ts';
import { TODO_KINDS, todoText } from '../../web/src/features/todo/items.ts';

const definition = questionnaire(CURRENT_QUESTIONNAIRE_VERSION);
const CODES = checklistCodes(definition);

describe('the health-history checklist form', () => {
  it('leaves an item it was never given unanswered, after a reload too: nothing becomes "No" by itself', () => {
    const saved: ConditionAnswer[] = [{ code: 'dvt', answer: 'yes', site: ['calf-left'] }];
    expect(answerOf(saved, 'dvt')).toBe(true);
    expect(answerOf(saved, 'fever')).toBeUndefined();
    expect(answeredCount(CODES, saved)).toBe(1);
    expect(answeredCount(CODES, undefined)).toBe(0);
  });

  it('stores a "No" explicitly, and a Yes keeps the details already given', () => {
    let list = withAnswer(undefined, 'fever', false);
    expect(list).toEqual([{ code: 'fever', answer: 'no' }]);
    expect(answerOf(list, 'fever')).toBe(false);
    list = withAnswer(list, 'dvt', true);
    list = list.map((c) => (c.code === 'dvt' ? { ...c, site: ['calf-left'] } : c));
    expect(withAnswer(list, 'dvt', true).find((c) => c.code === 'dvt')).toEqual({
      code: 'dvt',
      answer: 'yes',
      site: ['calf-left'],
    });
    // Changing a Yes to No drops the where and when.
    expect(withAnswer(list, 'dvt', false).find((c) => c.code === 'dvt')).toEqual({
      code: 'dvt',
      answer: 'no',
    });
    expect(answeredCount(CODES, list)).toBe(2);
  });

  it('reads an item stored in the old format (no answer field) as the "yes" it was', () => {
    const old = [{ code: 'raynauds' }] as ConditionAnswer[];
    expect(answerOf(old, 'raynauds')).toBe(true);
    expect(answerOf(old, 'dvt')).toBeUndefined();
  });

  it('"None of these" answers every remaining item No in one action, keeping the answers given', () => {
    const given: ConditionAnswer[] = [
      { code: 'bruise', answer: 'yes' },
      { code: 'fever', answer: 'no' },
    ];
    const all = answerRemainingNo(CODES, given);
    expect(all).toHaveLength(CODES.length);
    expect(answerOf(all, 'bruise')).toBe(true);
    expect(all.filter((c) => c.answer === 'no')).toHaveLength(CODES.length - 1);
    expect(answeredCount(CODES, all)).toBe(CODES.length);
  });

  it('can be submitted only when every item is answered', () => {
    const complete = completeAnswersSchema(definition);
    const conditionsOk = (conditions: ConditionAnswer[]) =>
      !complete.safeParse({ conditions }).error?.issues.some((i) => i.path[0] === 'conditions');
    expect(conditionsOk([])).toBe(false);
    expect(conditionsOk([{ code: 'fever', answer: 'no' }])).toBe(false);
    expect(conditionsOk(answerRemainingNo(CODES, []))).toBe(true);
    // A draft may hold any part of it.
    expect(
      draftAnswersSchema(definition).safeParse({ conditions: [{ code: 'fever', answer: 'no' }] }).success,
    ).toBe(true);
  });
});

describe('an emergency red flag', () => {
  it('is a condition whose screening rule defers all treatment and refers to a physician now', () => {
    for (const code of URGENT_CONDITIONS) {
      const rule = RULES.find((r) => r.triggers.includes(code));
      expect(rule?.severity).toBe('defer');
      expect(rule?.restriction).toMatch(/refer to a physician now/);
      expect(CODES).toContain(code);
    }
  });

  it('shows the urgent advice only for a Yes to a red flag, and repeats it after submit', () => {
    expect(isUrgentYes('radiculopathy-red-flags', true)).toBe(true);
    expect(isUrgentYes('radiculopathy-red-flags', false)).toBe(false);
    expect(isUrgentYes('radiculopathy-red-flags', undefined)).toBe(false);
    expect(isUrgentYes('fever', true)).toBe(false);
    expect(URGENT_ADVICE.text).toMatch(/911/);
    expect(URGENT_ADVICE.text).toMatch(/emergency department/);
    expect(URGENT_ADVICE.text).toMatch(/Do not wait for your massage appointment/);
    expect(urgentYes([{ code: 'radiculopathy-red-flags', answer: 'yes' }, { code: 'fever' }])).toEqual([
      'radiculopathy-red-flags',
    ]);
    expect(urgentYes([{ code: 'radiculopathy-red-flags', answer: 'no' }])).toEqual([]);
    // The thank-you page does not promise a read "before your visit" when the patient must not wait.
    expect(submittedText(null, 'UTC', true)).toBe('Your answers were submitted.');
  });

  it('reads on the to-do list as one sentence naming the patient, with an Urgent badge', () => {
    const item = {
      kind: 'urgent_red_flag' as const,
      patientName: 'Ana Lopez',
      message: 'Ana Lopez reported red-flag nerve symptoms on their intake of Mar 2, 2026',
    };
    expect(todoText(item)).toBe(item.message);
    expect(todoText({ ...item, kind: 'unsigned_note', message: 'Note unsigned' })).toBe(
      'Ana Lopez: Note unsigned',
    );
    expect(TODO_KINDS.urgent_red_flag).toEqual({ label: 'Urgent', tone: 'danger' });
  });
});
