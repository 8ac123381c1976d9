import { describe, expect, it } from 'vitest';
import { barLabel, pct, shareCell, tooFewToCompare } from '../../web/src/features/analytics/labels.ts';

const MIN = 5;

describe('bar labels and share cells', () => {
  it('labels a 0 % bar "0 %", so it does not read as missing data', () => {
    expect(barLabel({ share: 0, measured: 8 }, MIN)).toBe('0\u00a0%');
    expect(shareCell({ share: 0, measured: 8 }, MIN)).toBe('0\u00a0%');
  });

  it('says when nothing was measured rather than drawing it as 0 %', () => {
    expect(barLabel({ share: null, measured: 0 }, MIN)).toBe('not measured');
    expect(shareCell({ share: null, measured: 0 }, MIN)).toBe('Not measured');
  });

  it('marks a share from fewer measured episodes than the minimum as too few to compare', () => {
    // "Daniel Cho 50 %" on two episodes.
    expect(tooFewToCompare({ share: 0.5, measured: 2 }, MIN)).toBe(true);
    expect(barLabel({ share: 0.5, measured: 2 }, MIN)).toBe('50\u00a0% · too few');
    expect(shareCell({ share: 0.5, measured: 2 }, MIN)).toBe(
      '50\u00a0% — too few episodes to compare (fewer than 5 measured)',
    );
  });

  it('compares rows at the minimum and above', () => {
    expect(tooFewToCompare({ share: 0.6, measured: 5 }, MIN)).toBe(false);
    expect(barLabel({ share: 0.6, measured: 5 }, MIN)).toBe('60\u00a0%');
    expect(shareCell({ share: 1, measured: 12 }, MIN)).toBe(pct(1));
  });
});
