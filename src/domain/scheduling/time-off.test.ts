import { describe, expect, it } from 'vitest';
import { overlapsAny, removedTime } from './time-off.ts';

const ZONE = 'America/Los_Angeles';

describe('removedTime', () => {
  it('takes whole local days for time off without times, both dates inclusive', () => {
    expect(removedTime({ kind: 'timeOff', startDate: '2026-03-09', endDate: '2026-03-10' }, ZONE)).toEqual([
      { start: '2026-03-09T07:00:00.000Z', end: '2026-03-11T07:00:00.000Z' },
    ]);
  });

  it('runs from the first day’s start time to the last day’s end time', () => {
    expect(
      removedTime(
        {
          kind: 'timeOff',
          startDate: '2026-03-09',
          endDate: '2026-03-09',
          startTime: '13:00',
          endTime: '15:30',
        },
        ZONE,
      ),
    ).toEqual([{ start: '2026-03-09T20:00:00.000Z', end: '2026-03-09T22:30:00.000Z' }]);
  });

  it('is the local date across a daylight-saving change (23 hours in spring)', () => {
    expect(removedTime({ kind: 'timeOff', startDate: '2026-03-08', endDate: '2026-03-08' }, ZONE)).toEqual([
      { start: '2026-03-08T08:00:00.000Z', end: '2026-03-09T07:00:00.000Z' },
    ]);
  });

  it('gives an empty list for a time off that ends before it starts', () => {
    expect(
      removedTime(
        {
          kind: 'timeOff',
          startDate: '2026-03-09',
          endDate: '2026-03-09',
          startTime: '15:00',
          endTime: '10:00',
        },
        ZONE,
      ),
    ).toEqual([]);
  });

  it('keeps the extra hours of a holiday’s date, and only that date’s', () => {
    const spans = removedTime({ kind: 'holiday', date: '2026-03-09' }, ZONE, [
      { kind: 'extraHours', date: '2026-03-09', start: '10:00', end: '12:00', locationId: 'l1' },
      { kind: 'extraHours', date: '2026-03-10', start: '10:00', end: '12:00', locationId: 'l1' },
    ]);
    expect(spans).toEqual([
      { start: '2026-03-09T07:00:00.000Z', end: '2026-03-09T17:00:00.000Z' },
      { start: '2026-03-09T19:00:00.000Z', end: '2026-03-10T07:00:00.000Z' },
    ]);
    // 10:00–11:00 is worked in the extra hours; 11:30–12:30 runs past them.
    expect(overlapsAny('2026-03-09T17:00:00.000Z', '2026-03-09T18:00:00.000Z', spans)).toBe(false);
    expect(overlapsAny('2026-03-09T18:30:00.000Z', '2026-03-09T19:30:00.000Z', spans)).toBe(true);
  });
});

describe('overlapsAny', () => {
  const spans = [{ start: '2026-03-09T20:00:00.000Z', end: '2026-03-09T22:00:00.000Z' }];
  it('treats touching as free', () => {
    expect(overlapsAny('2026-03-09T19:00:00.000Z', '2026-03-09T20:00:00.000Z', spans)).toBe(false);
    expect(overlapsAny('2026-03-09T22:00:00.000Z', '2026-03-09T23:00:00.000Z', spans)).toBe(false);
    expect(overlapsAny('2026-03-09T19:30:00.000Z', '2026-03-09T20:30:00.000Z', spans)).toBe(true);
  });
});
