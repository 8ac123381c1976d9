import { describe, expect, it } from 'vitest';
import { getAvailability } from './availability.ts';
import { clinic, input, LA, query, therapist, times } from './test-fixtures.ts';
import type { Slot, Weekday } from './types.ts';

const HOUR = 3_600_000;
const gaps = (slots: Slot[]) =>
  slots.slice(1).map((s, i) => (Date.parse(s.start) - Date.parse(slots[i]!.start)) / HOUR);

function day(zone: string, date: string, start = '09:00', end = '17:00', granularity = 60, toDate?: string) {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() || 7) as Weekday;
  return getAvailability(
    query(date, { toDate }),
    input({
      clinic: clinic({ slotGranularityMinutes: granularity }, zone),
      therapists: [therapist('t1', { weeklyHours: [{ weekday, start, end, locationId: 'loc-1' }] })],
    }),
  );
}

describe('DST change days: a 09:00–17:00 day yields 8 hourly slots, one real hour apart', () => {
  it.each([
    ['America/Los_Angeles', '2026-03-07', '2026-03-07T17:00:00.000Z', '-08:00'], // day before spring forward
    ['America/Los_Angeles', '2026-03-08', '2026-03-08T16:00:00.000Z', '-07:00'], // spring forward (23 h day)
    ['America/Los_Angeles', '2026-10-31', '2026-10-31T16:00:00.000Z', '-07:00'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T17:00:00.000Z', '-08:00'], // fall back (25 h day)
    ['Europe/Berlin', '2026-03-29', '2026-03-29T07:00:00.000Z', '+02:00'],
    ['Europe/Berlin', '2026-10-25', '2026-10-25T08:00:00.000Z', '+01:00'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T23:00:00.000Z', '+10:00'], // DST ends (southern autumn)
    ['Australia/Sydney', '2026-10-04', '2026-10-03T22:00:00.000Z', '+11:00'], // DST starts (southern spring)
    ['Asia/Kolkata', '2026-03-08', '2026-03-08T03:30:00.000Z', '+05:30'], // no DST, half-hour offset
  ])('%s %s', (zone, date, firstUtc, offset) => {
    const slots = day(zone, date);
    expect(times(slots)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(slots[0]!.start).toBe(firstUtc);
    expect(gaps(slots)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(slots.every((s) => s.localDate === date && s.localStart.endsWith(offset))).toBe(true);
  });
});

describe('working windows that span the 02:00 change (documented behaviour)', () => {
  it('spring forward: 00:00–04:00 lasts 3 real hours; no slot at the missing 02:00', () => {
    const slots = day(LA, '2026-03-08', '00:00', '04:00');
    expect(slots.map((s) => s.localStart)).toEqual([
      '2026-03-08T00:00:00-08:00',
      '2026-03-08T01:00:00-08:00',
      '2026-03-08T03:00:00-07:00',
    ]);
    expect(gaps(slots)).toEqual([1, 1]);
  });

  it('fall back: 00:00–04:00 lasts 5 real hours; 01:00 is offered twice, distinguished by offset', () => {
    const slots = day(LA, '2026-11-01', '00:00', '04:00');
    expect(slots.map((s) => s.localStart)).toEqual([
      '2026-11-01T00:00:00-07:00',
      '2026-11-01T01:00:00-07:00',
      '2026-11-01T01:00:00-08:00',
      '2026-11-01T02:00:00-08:00',
      '2026-11-01T03:00:00-08:00',
    ]);
    expect(gaps(slots)).toEqual([1, 1, 1, 1]);
  });

  it('a start time inside the spring-forward gap moves forward by the gap (02:30 → 03:30)', () => {
    expect(times(day(LA, '2026-03-08', '02:30', '06:00', 30))).toEqual(['03:30', '04:00', '04:30', '05:00']);
  });

  it('an ambiguous start time in the fall-back overlap means its earlier occurrence', () => {
    const slots = day(LA, '2026-11-01', '01:30', '03:00', 30);
    expect(slots.map((s) => s.localStart)).toEqual([
      '2026-11-01T01:30:00-07:00',
      '2026-11-01T01:00:00-08:00',
      '2026-11-01T01:30:00-08:00',
      '2026-11-01T02:00:00-08:00',
    ]);
  });

  it('Sydney fall back at 03:00: an overnight shift 22:00–06:00 lasts 9 real hours', () => {
    const slots = day('Australia/Sydney', '2026-04-04', '22:00', '06:00', 60, '2026-04-06');
    expect(times(slots)).toEqual([
      '22:00',
      '23:00',
      '00:00',
      '01:00',
      '02:00',
      '02:00',
      '03:00',
      '04:00',
      '05:00',
    ]);
    expect(slots.filter((s) => s.localTime === '02:00').map((s) => s.localStart)).toEqual([
      '2026-04-05T02:00:00+11:00',
      '2026-04-05T02:00:00+10:00',
    ]);
    expect(gaps(slots).every((g) => g === 1)).toBe(true);
  });
});

describe('multi-day range across a DST change', () => {
  it('three LA days around spring forward give 24 slots, each 09:00 local', () => {
    const slots = getAvailability(query('2026-03-07', { toDate: '2026-03-10' }), input());
    expect(slots).toHaveLength(24);
    expect(slots.filter((s) => s.localTime === '09:00').map((s) => s.start)).toEqual([
      '2026-03-07T17:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
      '2026-03-09T16:00:00.000Z',
    ]);
  });

  it('a 15-minute grid in Kolkata stays on :00/:15/:30/:45 local', () => {
    const slots = day('Asia/Kolkata', '2026-03-09', '09:00', '10:30', 15);
    expect(times(slots)).toEqual(['09:00', '09:15', '09:30']);
    expect(slots.map((s) => s.start.slice(11, 16))).toEqual(['03:30', '03:45', '04:00']);
  });
});
