import { describe, expect, it } from 'vitest';
import { cachedFromEarlierVisit } from '../../web/src/components/fresh-copy.ts';

const loadedNow = { isError: false, isFetchedAfterMount: true };
const cached = { isError: false, isFetchedAfterMount: false };

describe('an editor waits for its own fetch', () => {
  it('does not start from a copy cached on an earlier visit', () => {
    expect(cachedFromEarlierVisit(cached)).toBe(true);
  });

  it('starts once this visit has loaded every record it edits', () => {
    expect(cachedFromEarlierVisit(loadedNow)).toBe(false);
    expect(cachedFromEarlierVisit(loadedNow, cached)).toBe(true);
    expect(cachedFromEarlierVisit(loadedNow, loadedNow)).toBe(false);
  });

  it('stops waiting when the fetch failed, so the error shows', () => {
    expect(cachedFromEarlierVisit({ isError: true, isFetchedAfterMount: false })).toBe(false);
  });
});
