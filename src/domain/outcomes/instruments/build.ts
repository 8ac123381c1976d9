// Small helpers for writing instrument definitions as data.
import type { AnswerOption, AnswerScale, ItemDefinition } from '../types.ts';

/** Integer scale min..max; `labels` gives display labels for some or all values. */
export function integerScale(
  min: number,
  max: number,
  labels: Readonly<Record<number, string>> = {},
): AnswerScale {
  const options: AnswerOption[] = [];
  for (let value = min; value <= max; value++) {
    const label = labels[value];
    options.push(label === undefined ? { value } : { value, label });
  }
  return { options };
}

export interface ItemSpec {
  readonly domain: string;
  readonly text?: string;
}

/** Items `${prefix}${start}`..; numbered on the form from `firstNumber`. */
export function numberedItems(
  prefix: string,
  specs: readonly ItemSpec[],
  scale: AnswerScale,
  firstNumber = 1,
  start = 1,
): ItemDefinition[] {
  return specs.map((spec, index) => {
    const base = { id: `${prefix}${start + index}`, number: firstNumber + index, domain: spec.domain, scale };
    return spec.text === undefined ? base : { ...base, text: spec.text };
  });
}

/** `count` item specs in the same domain, without text. */
export function sameDomain(domain: string, count: number): ItemSpec[] {
  return Array.from({ length: count }, () => ({ domain }));
}

export function ids(items: readonly ItemDefinition[]): string[] {
  return items.map((item) => item.id);
}
