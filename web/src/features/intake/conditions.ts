/**
 * The health-history checklist's logic (the component is ConditionsQuestion): each item is answered Yes or No
 * and both are stored; an item with neither is unanswered, never a "No" (an unanswered list cannot be
 * submitted). Items stored before each "No" was kept carry no `answer` and read as "yes".
 */
import { isUrgentCondition } from '../../../../src/domain/safety/urgent.ts';
import {
  answerRemainingNo,
  type ConditionAnswer,
  conditionIsYes,
  unansweredConditions,
} from '../../../../src/modules/intake/schemas.ts';

export { answerRemainingNo };

type Code = ConditionAnswer['code'];

/** Yes (true), No (false) or not answered (undefined). */
export function answerOf(list: readonly ConditionAnswer[] | undefined, code: string): boolean | undefined {
  const item = list?.find((c) => c.code === code);
  return item ? conditionIsYes(item) : undefined;
}

/** The list with one item answered: a "yes" keeps the details already given; a "no" keeps none. */
export function withAnswer(
  list: readonly ConditionAnswer[] | undefined,
  code: Code,
  yes: boolean,
): ConditionAnswer[] {
  const current = (list ?? []).find((c) => c.code === code);
  const item: ConditionAnswer =
    yes && current && conditionIsYes(current)
      ? { ...current, answer: 'yes' }
      : { code, answer: yes ? 'yes' : 'no' };
  return current ? (list ?? []).map((c) => (c.code === code ? item : c)) : [...(list ?? []), item];
}

/** How many of the checklist's items have an answer. */
export const answeredCount = (codes: readonly string[], list: readonly ConditionAnswer[] | undefined) =>
  codes.length - unansweredConditions(codes, list).length;

/** Whether this item, answered this way, is an emergency red flag the patient must be told about at once. */
export const isUrgentYes = (code: string, answer: boolean | undefined) =>
  answer === true && isUrgentCondition(code);

/** The emergency red flags answered "yes" in these answers (the confirmation page repeats the advice). */
export const urgentYes = (list: readonly ConditionAnswer[] | undefined): Code[] =>
  (list ?? []).filter((c) => conditionIsYes(c) && isUrgentCondition(c.code)).map((c) => c.code);
