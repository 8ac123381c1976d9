/**
 * Look-up and claim-readiness checks over Palpa's curated ICD-10-CM list (FY2026).
 * The list is a subset: "unknown" means "not in Palpa's list", not "does not exist".
 */
import { ICD10CM_CODE_SET, ICD10CM_ENTRIES } from './icd10cm.data.ts';
import type { Icd10Entry, Laterality } from './icd10cm.types.ts';
import { normalizeIcd10 } from './icd10cm-format.ts';

export type { Encounter, Icd10Entry, Icd10Family, Laterality } from './icd10cm.types.ts';
export { ENCOUNTER_LABELS, ICD10_FAMILIES } from './icd10cm.types.ts';
export { icd10WithoutDot, normalizeIcd10, validateIcd10Format } from './icd10cm-format.ts';
export type { SearchIcd10Options } from './icd10cm-search.ts';
export { searchIcd10 } from './icd10cm-search.ts';
export { ICD10CM_CODE_SET, ICD10CM_ENTRIES };

const BY_CODE: ReadonlyMap<string, Icd10Entry> = new Map(ICD10CM_ENTRIES.map((entry) => [entry.code, entry]));

export type DiagnosisCheck =
  | { readonly ok: true; readonly entry: Icd10Entry }
  | {
      readonly ok: false;
      readonly reason: 'malformed' | 'unknown' | 'not-billable';
      readonly message: string;
      readonly suggestions?: readonly Icd10Entry[];
    };

/** The entry for a code in any accepted spelling (`m54.50`, `M5450`), or `undefined`. */
export function lookupIcd10(code: string): Icd10Entry | undefined {
  const normalized = normalizeIcd10(code);
  return normalized === undefined ? undefined : BY_CODE.get(normalized);
}

/** Billable codes in the list that start with `prefix` (a dotted, normalised code), in list order. */
export function billableDescendants(prefix: string): Icd10Entry[] {
  return ICD10CM_ENTRIES.filter((e) => e.billable && e.code !== prefix && e.code.startsWith(prefix));
}

function listOf(entries: readonly Icd10Entry[], max = 8): string {
  const shown = entries.slice(0, max).map((e) => `${e.code} ${e.description}`);
  const more = entries.length > max ? `; and ${entries.length - max} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** Billable codes under the longest parent of `code` (at least the 3-character category) that has any. */
function nearestSiblings(code: string): Icd10Entry[] {
  for (let end = code.length - 1; end >= 3; end--) {
    const prefix = code.slice(0, end).replace(/\.$/, '');
    const found = billableDescendants(prefix);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Can this code go on a claim (CMS-1500 box 21 / 837P HI)? Refuses malformed codes, header codes such as
 * M54.5 (non-billable since 1 Oct 2021) or M26.60 with their billable children as suggestions, and codes
 * that are not in Palpa's curated list.
 */
export function checkDiagnosisCode(code: string): DiagnosisCheck {
  const normalized = normalizeIcd10(code);
  if (normalized === undefined) {
    return {
      ok: false,
      reason: 'malformed',
      message: `"${code}" is not an ICD-10-CM code: expected a letter, a digit, a letter or digit, then optionally a dot and up to 4 letters or digits (e.g. M54.50).`,
    };
  }

  const entry = BY_CODE.get(normalized);
  if (entry?.billable) return { ok: true, entry };

  const children = billableDescendants(normalized);
  if (entry !== undefined || children.length > 0) {
    const what = entry
      ? `${normalized} (${entry.description}) is a header code, not a billable code`
      : `${normalized} is incomplete: more characters are needed`;
    return {
      ok: false,
      reason: 'not-billable',
      message: `${what}. Use a more specific code: ${listOf(children)}.`,
      suggestions: children,
    };
  }

  const siblings = nearestSiblings(normalized);
  const hint = siblings.length > 0 ? ` Related codes in the list: ${listOf(siblings)}.` : '';
  return {
    ok: false,
    reason: 'unknown',
    message: `${normalized} is not in Palpa's ${ICD10CM_CODE_SET.fiscalYear} ICD-10-CM list. It may be invalid, retired, or simply not curated here: check the current ICD-10-CM tabular list.${hint}`,
    ...(siblings.length > 0 ? { suggestions: siblings } : {}),
  };
}

/** Laterality the code states; `undefined` when the code is not in the list. */
export function lateralityOf(code: string): Laterality | undefined {
  return lookupIcd10(code)?.laterality;
}
