// Answer validation against an instrument definition.
import type { Answers, InstrumentDefinition, ItemDefinition, ScoreFailureDetail } from './types.ts';

export function itemIndex(def: InstrumentDefinition): ReadonlyMap<string, ItemDefinition> {
  return new Map(def.items.map((item) => [item.id, item]));
}

export function allowedValues(item: ItemDefinition): number[] {
  return item.scale.options.map((option) => option.value);
}

/**
 * Every key must be an item of the instrument; every non-null value must be one of the item's allowed
 * values (integers only; NaN, Infinity and out-of-range values are rejected). Returns the problems found.
 */
export function validateAnswers(def: InstrumentDefinition, answers: Answers): ScoreFailureDetail[] {
  const items = itemIndex(def);
  const problems: ScoreFailureDetail[] = [];
  for (const [itemId, value] of Object.entries(answers)) {
    const item = items.get(itemId);
    if (item === undefined) {
      problems.push({ itemId, value, message: `Unknown item '${itemId}' for ${def.name}` });
      continue;
    }
    if (value === null) continue;
    const allowed = allowedValues(item);
    if (typeof value !== 'number' || !allowed.includes(value)) {
      problems.push({
        itemId,
        value,
        message: `Value ${String(value)} not allowed for ${def.name} item '${itemId}'; allowed: ${allowed.join(', ')}`,
      });
    }
  }
  return problems;
}
