import { describe, expect, it } from 'vitest';
import { tileFigure } from '../../web/src/features/home/summary.ts';

const words = { one: 'item to do', many: 'items to do' };

describe('tileFigure', () => {
  it('shows the number with its singular or plural label once known, zero included', () => {
    expect(tileFigure(1, words)).toEqual({ state: 'ready', number: 1, label: 'item to do' });
    expect(tileFigure(3, words)).toEqual({ state: 'ready', number: 3, label: 'items to do' });
    expect(tileFigure(0, words)).toEqual({ state: 'ready', number: 0, label: 'items to do' });
  });

  it('shows no number while loading, and says so when the count could not be loaded', () => {
    expect(tileFigure(undefined, words)).toEqual({ state: 'loading', label: 'items to do' });
    expect(tileFigure(undefined, { ...words, failed: true })).toEqual({
      state: 'failed',
      label: 'items to do',
    });
    // A count that arrived stays shown when a later refresh fails.
    expect(tileFigure(2, { ...words, failed: true })).toMatchObject({ state: 'ready', number: 2 });
  });
});
