/**
 * ICD-10-CM code structure: a letter, a digit, a letter or digit (the category), then optionally a dot and
 * one to four letters or digits (subcategory, laterality, placeholder X, 7th character).
 * Claims (X12 837) carry codes without the dot; people type them with it. Both forms are accepted here,
 * in any case, and normalised to the dotted upper-case form Palpa stores.
 */

const DOTTED = /^[A-Z][0-9][A-Z0-9](?:\.[A-Z0-9]{1,4})?$/;
const UNDOTTED = /^[A-Z][0-9][A-Z0-9]{1,5}$/;

/** Dotted, upper-case form of a well-formed code (`m5450` → `M54.50`), or `undefined` when malformed. */
export function normalizeIcd10(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  if (DOTTED.test(code)) return code;
  if (UNDOTTED.test(code)) return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
  return undefined;
}

/** True when `code` has the ICD-10-CM shape (says nothing about whether the code exists). */
export function validateIcd10Format(code: string): boolean {
  return normalizeIcd10(code) !== undefined;
}

/** The code without its dot, as X12 837 (HI segment) carries it: `M54.50` → `M5450`. */
export function icd10WithoutDot(code: string): string {
  return code.replace('.', '');
}
