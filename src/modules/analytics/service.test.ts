import { describe, expect, it } from 'vitest';
import { clinicOutcomesOf, conditionOf, MIN_EPISODES_TO_COMPARE } from './service.ts';

describe('conditionOf', () => {
  it('names a category Palpa does not group in words first, the code after', () => {
    // M54.16 is not a catalogued condition code; its category M54 is "Dorsalgia" in the ICD-10-CM list.
    expect(conditionOf('M54.16', 'Radiculopathy, lumbar region')).toEqual({
      key: 'M54',
      label: 'Dorsalgia (M54)',
    });
  });

  it('falls back to the referral’s description for a category not in the list, still words first', () => {
    expect(conditionOf('Q99.9', 'Chromosomal abnormality, unspecified')).toEqual({
      key: 'Q99',
      label: 'Chromosomal abnormality, unspecified (Q99)',
    });
    expect(conditionOf(undefined, undefined)).toEqual({ key: 'none', label: 'No diagnosis' });
  });
});

describe('clinicOutcomesOf', () => {
  it('explains the numbers in plain words: no field names or function names', () => {
    const result = clinicOutcomesOf([], '2026-01-01', '2026-11-27');
    expect(result.minEpisodesToCompare).toBe(MIN_EPISODES_TO_COMPARE);
    const text = result.definitions.map((d) => `${d.term} ${d.meaning}`).join('\n');
    for (const jargon of ['reachedMcid', 'visitsToMcid', 'droppedOut', 'classifyChange'])
      expect(text).not.toContain(jargon);
    expect(result.definitions.map((d) => d.term)).toContain('Reached a meaningful change (MCID)');
    expect(text).toContain(`fewer than ${MIN_EPISODES_TO_COMPARE} measured episodes`);
  });
});
