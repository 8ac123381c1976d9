import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, toIso, ZoneClock } from './time.ts';

describe('parseInstant', () => {
  it.each([
    ['2026-03-09T16:00:00.000Z', Date.UTC(2026, 2, 9, 16)],
    ['2026-03-09T16:00Z', Date.UTC(2026, 2, 9, 16)],
    ['2026-03-09T09:00:00-07:00', Date.UTC(2026, 2, 9, 16)],
    ['2026-03-09T21:30:00+05:30', Date.UTC(2026, 2, 9, 16)],
  ])('accepts %s', (value, expected) => {
    expect(parseInstant(value)).toBe(expected);
  });

  it.each(['2026-03-09T16:00:00', '2026-03-09', 'yesterday', '2026-02-30T10:00:00Z'])(
    'rejects %s',
    (value) => {
      expect(() => parseInstant(value)).toThrow(RangeError);
    },
  );
});

describe('toIso', () => {
  it('matches Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(toIso(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe('ZoneClock', () => {
  it.each([
    ['America/Los_Angeles', '2026-03-08', '01:30', '2026-03-08T09:30:00.000Z', '-08:00'],
    ['America/Los_Angeles', '2026-03-08', '02:30', '2026-03-08T10:30:00.000Z', '-07:00'], // gap → 03:30
    ['America/Los_Angeles', '2026-03-08', '24:00', '2026-03-09T07:00:00.000Z', '-07:00'],
    ['America/Los_Angeles', '2026-11-01', '01:30', '2026-11-01T08:30:00.000Z', '-07:00'], // earlier occurrence
    ['America/Los_Angeles', '2026-11-01', '02:00', '2026-11-01T10:00:00.000Z', '-08:00'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', '+02:00'], // gap → 03:30
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', '+11:00'], // earlier occurrence
    ['Asia/Kolkata', '2026-06-01', '09:00', '2026-06-01T03:30:00.000Z', '+05:30'],
  ])('%s %s %s', (zone, date, time, expected, offset) => {
    const point = new ZoneClock(zone).at(date, time);
    expect(toIso(point.ms)).toBe(expected);
    expect(point.offsetLabel).toBe(offset);
  });

  it('reports the real local time of a gap time', () => {
    const point = new ZoneClock('America/Los_Angeles').at('2026-03-08', '02:30');
    expect([point.date, point.minuteOfDay]).toEqual(['2026-03-08', 210]);
  });

  it('does calendar arithmetic independent of DST', () => {
    const clock = new ZoneClock('America/Los_Angeles');
    expect(clock.addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(clock.daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(clock.weekday('2026-03-08')).toBe(7);
  });

  it('rejects unknown zones and bad dates or times', () => {
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(RangeError);
    expect(() => new ZoneClock('UTC').at('2026-13-01', '09:00')).toThrow(RangeError);
    expect(() => new ZoneClock('UTC').at('2026-03-01', '9:00')).toThrow(RangeError);
  });
});
