import { describe, expect, it } from 'vitest';
import { labelLines } from '../../web/src/features/analytics/labels.ts';

describe('labelLines', () => {
  it('breaks a long name between words and keeps its spaces when the lines are read together', () => {
    for (const [label, lines] of [
      ['Swedish (relaxation) massage', ['Swedish (relaxation)', ' massage']],
      ['Manual lymphatic drainage', ['Manual lymphatic', ' drainage']],
      ['M54.16 Radiculopathy, lumbar region', ['M54.16 Radiculopathy,', ' lumbar region']],
    ] as const) {
      expect(labelLines(label, 24), label).toEqual(lines);
      expect(labelLines(label, 24).join(''), label).toBe(label);
    }
  });

  it('keeps a short name on one line, and lines within the width', () => {
    expect(labelLines('Olivia Bennett', 24)).toEqual(['Olivia Bennett']);
    const lines = labelLines('Myofascial release of the thoracolumbar fascia and the gluteal muscles', 24);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(line.trim().length).toBeLessThanOrEqual(24);
    expect(lines.join('')).toBe('Myofascial release of the thoracolumbar fascia and the gluteal muscles');
  });

  it('gives a word longer than a line its own line whole, and reads runs of spaces as one', () => {
    expect(labelLines('Neuromuscularreeducationtechnique (NMT)', 12)).toEqual([
      'Neuromuscularreeducationtechnique',
      ' (NMT)',
    ]);
    expect(labelLines('  Hot   stone  ', 24)).toEqual(['Hot stone']);
    expect(labelLines('', 24)).toEqual([]);
  });
});
