import { describe, expect, it } from 'vitest';
import { type Interval, isCovered, isFree, mergeTwo, sortAndMerge, subtract } from './intervals.ts';

const iv = (start: number, end: number): Interval => ({ start, end });
const pairs = (list: Interval[]) => list.map((i) => [i.start, i.end]);

describe('intervals', () => {
  it.each([
    [
      'overlapping and touching merge',
      [iv(5, 7), iv(0, 2), iv(2, 3), iv(6, 9)],
      [
        [0, 3],
        [5, 9],
      ],
    ],
    ['contained interval disappears', [iv(0, 10), iv(2, 3)], [[0, 10]]],
    ['empty intervals are dropped', [iv(4, 4), iv(1, 2)], [[1, 2]]],
  ])('sortAndMerge: %s', (_n, input, expected) => {
    expect(pairs(sortAndMerge(input))).toEqual(expected);
  });

  it('mergeTwo merges two sorted lists', () => {
    expect(pairs(mergeTwo([iv(0, 2), iv(8, 9)], [iv(1, 4), iv(5, 6)]))).toEqual([
      [0, 4],
      [5, 6],
      [8, 9],
    ]);
  });

  it.each([
    ['before everything', 0, 1, true],
    ['touching the end of a busy interval', 3, 5, true],
    ['touching the start of a busy interval', 4, 5, true],
    ['overlapping', 4, 6, false],
    ['inside', 6, 7, false],
    ['spanning a busy interval', 4, 12, false],
    ['after everything', 12, 20, true],
  ])('isFree: %s', (_n, start, end, expected) => {
    expect(isFree([iv(1, 3), iv(5, 10)], start, end)).toBe(expected);
  });

  it.each([
    ['inside', 2, 3, true],
    ['exactly', 1, 4, true],
    ['crossing the end', 3, 5, false],
    ['across a gap', 3, 7, false],
  ])('isCovered: %s', (_n, start, end, expected) => {
    expect(isCovered([iv(1, 4), iv(4.5, 8)], start, end)).toBe(expected);
  });

  it('subtract keeps the remaining pieces of every window', () => {
    const windows = [iv(0, 10), iv(12, 20), iv(30, 40)];
    const blocked = [iv(2, 3), iv(5, 13), iv(18, 25)];
    expect(pairs(subtract(windows, blocked, (_w, s, e) => iv(s, e)))).toEqual([
      [0, 2],
      [3, 5],
      [13, 18],
      [30, 40],
    ]);
  });
});
