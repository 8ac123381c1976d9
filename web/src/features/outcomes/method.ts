import { getInstrument } from '../../../../src/domain/outcomes/instruments/index.ts';
import type { InstrumentId } from '../../../../src/domain/outcomes/types.ts';

/**
 * How a score was reached, as the therapist reads it beside the score. Records scored before the reference keys
 * left this text still carry them ("… × 100 = 44.44 [R5][R6]", "[R19, S]"): they point into the project's
 * clinical reference, not to anything the reader has.
 */
export const readableMethod = (method: string) => method.replace(/ ?\[R\d+(?:, ?S)?\]/g, '');

/**
 * The unanswered items as the form numbers them, by scale when the instrument has several: "question 11",
 * "questions 9 and 11", "Functional Status Scale: question 8". Item ids ("q11", "fss8") mean nothing to a reader.
 */
export function unansweredText(instrumentId: InstrumentId, itemIds: readonly string[]): string {
  const instrument = getInstrument(instrumentId);
  const groups = new Map<string, number[]>();
  for (const id of itemIds) {
    const item = instrument.items.find((i) => i.id === id);
    if (!item) continue;
    const scale =
      instrument.scales.length > 1 ? instrument.scales.find((s) => s.itemIds.includes(id)) : undefined;
    const numbers = groups.get(scale?.name ?? '') ?? [];
    groups.set(scale?.name ?? '', [...numbers, item.number]);
  }
  return [...groups]
    .map(([scale, numbers]) => {
      const list = new Intl.ListFormat('en', { type: 'conjunction' }).format(numbers.map(String));
      const questions = `${numbers.length === 1 ? 'question' : 'questions'} ${list}`;
      return scale ? `${scale}: ${questions}` : questions;
    })
    .join('; ');
}
