// Integrity of the instrument definitions: ids, items, scales, MCIDs, LOINC and licensing flags.
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_IDS, type InstrumentId } from '../types.ts';
import { getInstrument, INSTRUMENTS, isInstrumentId } from './index.ts';

describe.each(INSTRUMENT_IDS)('%s definition', (id) => {
  const def = getInstrument(id);
  it('is registered under its own id', () => {
    expect(def.id).toBe(id);
    expect(isInstrumentId(id)).toBe(true);
  });
  it('has unique item ids and every scale item exists', () => {
    const ids = def.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scale of def.scales) for (const itemId of scale.itemIds) expect(ids).toContain(itemId);
  });
  it('every item belongs to exactly one scale', () => {
    const inScales = def.scales.flatMap((scale) => scale.itemIds).sort();
    expect(inScales).toEqual(def.items.map((item) => item.id).sort());
  });
  it('has at most one default MCID per score, each with a source key', () => {
    const lists = [
      ...def.scales.map((scale) => scale.mcids),
      def.primary.kind === 'sum-of-scales' ? def.primary.mcids : [],
    ];
    for (const mcids of lists) {
      expect(mcids.filter((entry) => entry.isDefault).length).toBeLessThanOrEqual(1);
      for (const entry of mcids) expect(entry.source).toMatch(/^R\d+$/);
    }
  });
  it('ships item text only when licensing allows it', () => {
    const hasText = def.items.some((item) => item.text !== undefined);
    const hasLabels = def.items.some((item) =>
      item.scale.options.some((option) => option.label !== undefined),
    );
    if (!def.licensing.itemTextShipped) {
      expect(hasText).toBe(false);
      expect(hasLabels).toBe(false);
    }
  });
});

it.each<[InstrumentId, number, string, number, number]>([
  ['nprs', 1, 'higher-is-worse', 0, 10],
  ['psfs', 5, 'higher-is-better', 0, 10],
  ['lefs', 20, 'higher-is-better', 0, 80],
  ['ndi', 10, 'higher-is-worse', 0, 50],
  ['odi', 10, 'higher-is-worse', 0, 100],
  ['quickdash', 19, 'higher-is-worse', 0, 100],
  ['bctq', 19, 'higher-is-worse', 1, 5],
  ['hit6', 6, 'higher-is-worse', 36, 78],
])('%s: %i items, %s, primary range %i–%i', (id, count, direction, min, max) => {
  const def = INSTRUMENTS[id];
  expect(def.items).toHaveLength(count);
  expect(def.direction).toBe(direction);
  const primary = def.primary;
  const range =
    primary.kind === 'scale'
      ? def.scales.find((scale) => scale.id === primary.scaleId)?.range
      : primary.range;
  expect(range).toEqual({ min, max });
});

it('FIQR: 21 items in domains of 9, 2 and 10; total 0–100', () => {
  const def = getInstrument('fiqr');
  expect(def.scales.map((scale) => scale.itemIds.length)).toEqual([9, 2, 10]);
  expect(def.primary).toMatchObject({ kind: 'sum-of-scales', range: { min: 0, max: 100 } });
});

it('licensing: free instruments ship text, licensed ones do not', () => {
  const shipped = INSTRUMENT_IDS.filter((id) => getInstrument(id).licensing.itemTextShipped);
  expect(shipped).toEqual(['nprs', 'psfs', 'lefs']);
  expect(getInstrument('lefs').items[5]?.text).toBe('Squatting');
});

it('LOINC codes as given by the reference', () => {
  expect(getInstrument('nprs').loinc).toEqual([
    expect.objectContaining({ code: '72514-3', status: 'verified' }),
  ]);
  expect(getInstrument('ndi').loinc).toContainEqual(
    expect.objectContaining({ code: '82237-9', part: 'total', status: 'check' }),
  );
  expect(getInstrument('odi').loinc).toEqual([expect.objectContaining({ code: '97908-8', status: 'check' })]);
});

it('NDI default MCID is 10 (Young 2009) with Vernon 5 as an alternate', () => {
  const mcids = getInstrument('ndi').scales[0]?.mcids ?? [];
  expect(mcids.find((entry) => entry.isDefault)).toMatchObject({ id: 'young-2009', source: 'R10' });
  expect(mcids.find((entry) => entry.id === 'vernon-author')?.thresholds).toEqual([
    { value: 5, unit: 'points' },
  ]);
});

it('HIT-6 answer weights 6/8/10/11/13', () => {
  const options = getInstrument('hit6').items[0]?.scale.options ?? [];
  expect(options.map((option) => [option.key, option.value])).toEqual([
    ['never', 6],
    ['rarely', 8],
    ['sometimes', 10],
    ['very-often', 11],
    ['always', 13],
  ]);
});
