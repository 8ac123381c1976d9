import { describe, expect, it } from 'vitest';
import {
  CONDITION_CODES,
  CONDITION_LABELS,
  CONDITION_PLAIN_DESCRIPTIONS,
  type ConditionCode,
  isPatientFacingCondition,
} from './codes.ts';

/** Lower case, letters and digits only: "Blood clot (DVT)" and "blood clot dvt" compare equal. */
const bare = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const described = CONDITION_CODES.filter(isPatientFacingCondition).map(
  (code) => [code, CONDITION_PLAIN_DESCRIPTIONS[code]] as const,
);

describe('plain-language descriptions of condition codes', () => {
  it('decides for every code: plain words, or null when no checklist asks about it by name', () => {
    expect(Object.keys(CONDITION_PLAIN_DESCRIPTIONS).sort()).toEqual([...CONDITION_CODES].sort());
    for (const code of CONDITION_CODES) {
      const value: string | null = CONDITION_PLAIN_DESCRIPTIONS[code];
      expect(value === null || typeof value === 'string', code).toBe(true);
    }
    expect(described.length).toBeGreaterThan(40);
  });

  it.each(described)('%s: short, tidy words that say more than the clinical label', (code, text) => {
    const label = CONDITION_LABELS[code as ConditionCode];
    expect(text.trim()).toBe(text);
    expect(text).not.toMatch(/\s{2}/);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).not.toMatch(/[.;:,]$/);
    expect(text.length).toBeLessThanOrEqual(140);
    // Never the label again, nor the label with its brackets dropped or re-cased.
    expect(bare(text)).not.toBe(bare(label));
    expect(bare(text)).not.toBe(bare(label.replace(/\(.*\)/, '')));
    // More words than the label: it explains.
    expect(bare(text).split(' ').length).toBeGreaterThan(bare(label).split(' ').length);
  });

  it('explains the rare cold-related and neck conditions in everyday words', () => {
    expect(CONDITION_PLAIN_DESCRIPTIONS.cryoglobulinaemia).toMatch(/clump together in the cold/);
    expect(CONDITION_PLAIN_DESCRIPTIONS['paroxysmal-cold-haemoglobinuria']).toMatch(/red blood cells/);
    expect(CONDITION_PLAIN_DESCRIPTIONS['carotid-bruit']).toMatch(/neck/);
    expect(CONDITION_PLAIN_DESCRIPTIONS['carotid-sinus-hypersensitivity']).toMatch(/faint or dizzy/);
    // The clinical terms a patient cannot be expected to know stay in the label (the hint), not in the words.
    for (const [, text] of described) {
      expect(text).not.toMatch(/cryoglobulin|haemoglobinuria|bruit|radiculopathy|diverticul|lymphoedema/i);
    }
  });
});
