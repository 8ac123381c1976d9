// Clinic-provided item text for licensed instruments. Palpa ships only ids, domains, the answer structure
// and the scoring for ODI, NDI, QuickDASH, HIT-6, FIQR and BCTQ; a clinic that holds a licence loads its
// own copy of the text, which is merged here after checking the item ids and answer values match.
import { getInstrument } from './instruments/index.ts';
import type { AnswerOption, InstrumentDefinition, InstrumentId, ItemDefinition } from './types.ts';

export interface LicensedItem {
  readonly text: string;
  /** Answer value (as a string key, e.g. "0" … "5", or "6" … "13" for HIT-6) → label. Must cover every value. */
  readonly answerLabels?: Readonly<Record<string, string>>;
}

/** Item id → item text and answer labels, as held by the clinic under its licence. */
export type LicensedItemText = Readonly<Record<string, LicensedItem>>;

export type LicensedTextProblem =
  | { readonly kind: 'unknown-item' | 'missing-item' | 'empty-text'; readonly itemId: string }
  | {
      readonly kind: 'unknown-answer-value' | 'missing-answer-label' | 'empty-answer-label';
      readonly itemId: string;
      readonly value: string;
    }
  | { readonly kind: 'empty-licence' };

export type MergeResult =
  | { readonly ok: true; readonly instrument: InstrumentDefinition }
  | { readonly ok: false; readonly problems: readonly LicensedTextProblem[] };

/** Items a clinic must supply: all items of required scales; optional modules are all-or-nothing. */
function requiredItemIds(def: InstrumentDefinition, text: LicensedItemText): Set<string> {
  const required = new Set<string>();
  for (const scale of def.scales) {
    const supplied = scale.itemIds.some((id) => Object.hasOwn(text, id));
    if (!scale.optional || supplied) for (const id of scale.itemIds) required.add(id);
  }
  return required;
}

function checkLabels(item: ItemDefinition, labels: Readonly<Record<string, string>>): LicensedTextProblem[] {
  const problems: LicensedTextProblem[] = [];
  const allowed = new Set(item.scale.options.map((option) => String(option.value)));
  for (const [value, label] of Object.entries(labels)) {
    if (!allowed.has(value)) problems.push({ kind: 'unknown-answer-value', itemId: item.id, value });
    else if (label.trim() === '') problems.push({ kind: 'empty-answer-label', itemId: item.id, value });
  }
  for (const value of allowed) {
    if (!Object.hasOwn(labels, value))
      problems.push({ kind: 'missing-answer-label', itemId: item.id, value });
  }
  return problems;
}

function mergeItem(item: ItemDefinition, supplied: LicensedItem | undefined): ItemDefinition {
  if (supplied === undefined) return item;
  const labels = supplied.answerLabels;
  const options: AnswerOption[] = item.scale.options.map((option) => {
    const label = labels?.[String(option.value)];
    return label === undefined ? option : { ...option, label: label.trim() };
  });
  return { ...item, text: supplied.text.trim(), scale: { options } };
}

/**
 * Returns a copy of `def` carrying the clinic's licensed item text, or the problems found: ids that are
 * not items of the instrument, required items without text, empty text, and answer labels that do not
 * match the item's answer values exactly. `licence` records what the clinic holds (e.g. a licence number).
 */
export function mergeLicensedText(
  def: InstrumentDefinition,
  text: LicensedItemText,
  licence: string,
): MergeResult {
  const problems: LicensedTextProblem[] = [];
  if (licence.trim() === '') problems.push({ kind: 'empty-licence' });
  const items = new Map(def.items.map((item) => [item.id, item]));
  for (const [itemId, supplied] of Object.entries(text)) {
    const item = items.get(itemId);
    if (item === undefined) {
      problems.push({ kind: 'unknown-item', itemId });
      continue;
    }
    if (supplied.text.trim() === '') problems.push({ kind: 'empty-text', itemId });
    if (supplied.answerLabels !== undefined) problems.push(...checkLabels(item, supplied.answerLabels));
  }
  for (const itemId of requiredItemIds(def, text)) {
    if (!Object.hasOwn(text, itemId)) problems.push({ kind: 'missing-item', itemId });
  }
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    instrument: {
      ...def,
      items: def.items.map((item) => mergeItem(item, text[item.id])),
      licensing: {
        ...def.licensing,
        clinicTextLoaded: true,
        note: `${def.licensing.note} Item text loaded by the clinic under: ${licence.trim()}.`,
      },
    },
  };
}

/** mergeLicensedText for a built-in instrument by id. */
export function withLicensedText(
  instrumentId: InstrumentId,
  text: LicensedItemText,
  licence: string,
): MergeResult {
  return mergeLicensedText(getInstrument(instrumentId), text, licence);
}
