import { describe, expect, it } from 'vitest';
import { getInstrument } from './instruments/index.ts';
import { type LicensedItemText, mergeLicensedText, withLicensedText } from './licensing.ts';
import { score, scoreDefinition } from './score.ts';

const labels0to5 = { '0': 'a', '1': 'b', '2': 'c', '3': 'd', '4': 'e', '5': 'f' };

function ndiText(count = 10): Record<string, { text: string; answerLabels?: Record<string, string> }> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `q${i + 1}`,
      { text: `Clinic text ${i + 1}`, answerLabels: labels0to5 },
    ]),
  );
}

describe('withLicensedText', () => {
  it('merges text and answer labels into a copy, leaving the shipped definition untouched', () => {
    const result = withLicensedText('ndi', ndiText(), 'Clinic licence #42');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const item = result.instrument.items[0];
    expect(item?.text).toBe('Clinic text 1');
    expect(item?.scale.options.map((o) => o.label)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(result.instrument.licensing.itemTextShipped).toBe(false);
    expect(result.instrument.licensing.clinicTextLoaded).toBe(true);
    expect(result.instrument.licensing.note).toContain('Clinic licence #42');
    expect(getInstrument('ndi').items[0]?.text).toBeUndefined();
    expect(getInstrument('ndi').items[0]?.scale.options[0]?.label).toBeUndefined();
  });
  it('a merged definition scores like the shipped one', () => {
    const result = withLicensedText('ndi', ndiText(), 'lic');
    if (!result.ok) throw new Error('merge failed');
    const answers = { q1: 1, q2: 2, q3: 3, q4: 1, q5: 2, q6: 0, q7: 1, q8: 2, q9: 3, q10: 0 };
    expect(scoreDefinition(result.instrument, answers)).toEqual(score('ndi', answers));
  });
  it('reports unknown and missing item ids', () => {
    const text: LicensedItemText = { ...ndiText(9), q11: { text: 'extra' } };
    expect(withLicensedText('ndi', text, 'lic')).toEqual({
      ok: false,
      problems: [
        { kind: 'unknown-item', itemId: 'q11' },
        { kind: 'missing-item', itemId: 'q10' },
      ],
    });
  });
  it('reports answer labels that do not match the answer values', () => {
    const text = { ...ndiText(), q1: { text: 'x', answerLabels: { ...labels0to5, '6': 'g' } } };
    const { '5': _five, ...fiveMissing } = labels0to5;
    const text2 = { ...ndiText(), q2: { text: 'x', answerLabels: fiveMissing } };
    expect(withLicensedText('ndi', text, 'lic')).toEqual({
      ok: false,
      problems: [{ kind: 'unknown-answer-value', itemId: 'q1', value: '6' }],
    });
    expect(withLicensedText('ndi', text2, 'lic')).toEqual({
      ok: false,
      problems: [{ kind: 'missing-answer-label', itemId: 'q2', value: '5' }],
    });
  });
  it('reports empty text and an empty licence', () => {
    const text = { ...ndiText(), q3: { text: '  ' } };
    expect(withLicensedText('ndi', text, ' ')).toEqual({
      ok: false,
      problems: [{ kind: 'empty-licence' }, { kind: 'empty-text', itemId: 'q3' }],
    });
  });
  it('HIT-6 labels are keyed by the item weight', () => {
    const hitLabels = { '6': 'N', '8': 'R', '10': 'S', '11': 'VO', '13': 'A' };
    const text = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`q${i + 1}`, { text: `t${i}`, answerLabels: hitLabels }]),
    );
    const result = withLicensedText('hit6', text, 'QualityMetric licence');
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.instrument.items[5]?.scale.options[2]).toEqual({
        value: 10,
        key: 'sometimes',
        label: 'S',
      });
  });
  it('QuickDASH optional modules may be omitted, but not half-supplied', () => {
    const core = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i + 1}`, { text: `t${i}` }]));
    expect(mergeLicensedText(getInstrument('quickdash'), core, 'IWH').ok).toBe(true);
    const partial = { ...core, work1: { text: 'w1' }, work2: { text: 'w2' } };
    expect(mergeLicensedText(getInstrument('quickdash'), partial, 'IWH')).toEqual({
      ok: false,
      problems: [
        { kind: 'missing-item', itemId: 'work3' },
        { kind: 'missing-item', itemId: 'work4' },
      ],
    });
  });
});
