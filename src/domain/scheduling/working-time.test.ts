import { describe, expect, it } from 'vitest';
import { checkBooking } from './booking.ts';
import { clinic, LA, room, service, therapist } from './test-fixtures.ts';
import { workingTime } from './working-time.ts';

const range = { fromDate: '2026-03-10', toDate: '2026-03-11', timeZone: LA };

describe('workingTime', () => {
  it('gives the day’s hours and names the break inside them', () => {
    const t = therapist('t1', { breaks: [{ weekday: 2, start: '12:00', end: '12:30' }] });
    expect(workingTime(t, range)).toEqual({
      working: [{ start: '2026-03-10T16:00:00.000Z', end: '2026-03-11T00:00:00.000Z', locationId: 'loc-1' }],
      away: [{ start: '2026-03-10T19:00:00.000Z', end: '2026-03-10T19:30:00.000Z', kind: 'break' }],
    });
  });

  it('clips a night shift begun the day before to the range, and merges touching windows', () => {
    const t = therapist('t1', {
      weeklyHours: [
        { weekday: 1, start: '22:00', end: '02:00', locationId: 'loc-1' },
        { weekday: 2, start: '09:00', end: '12:00', locationId: 'loc-1' },
        { weekday: 2, start: '12:00', end: '15:00', locationId: 'loc-1' },
      ],
    });
    expect(workingTime(t, range).working).toEqual([
      { start: '2026-03-10T07:00:00.000Z', end: '2026-03-10T09:00:00.000Z', locationId: 'loc-1' },
      { start: '2026-03-10T16:00:00.000Z', end: '2026-03-10T22:00:00.000Z', locationId: 'loc-1' },
    ]);
  });

  it('on a holiday keeps only the extra hours, and names the rest of the day', () => {
    const t = therapist('t1', {
      exceptions: [
        { kind: 'holiday', date: '2026-03-10' },
        { kind: 'extraHours', date: '2026-03-10', start: '10:00', end: '12:00', locationId: 'loc-2' },
      ],
    });
    expect(workingTime(t, range)).toEqual({
      working: [{ start: '2026-03-10T17:00:00.000Z', end: '2026-03-10T19:00:00.000Z', locationId: 'loc-2' }],
      away: [
        { start: '2026-03-10T07:00:00.000Z', end: '2026-03-10T17:00:00.000Z', kind: 'holiday' },
        { start: '2026-03-10T19:00:00.000Z', end: '2026-03-11T07:00:00.000Z', kind: 'holiday' },
      ],
    });
    // A clinic closed date is a holiday for everyone.
    expect(workingTime(therapist('t2'), { ...range, closedDates: ['2026-03-10'] })).toEqual({
      working: [],
      away: [{ start: '2026-03-10T07:00:00.000Z', end: '2026-03-11T07:00:00.000Z', kind: 'holiday' }],
    });
  });

  it('names time off, clipped to the range', () => {
    const t = therapist('t1', {
      exceptions: [
        {
          kind: 'timeOff',
          startDate: '2026-03-09',
          endDate: '2026-03-10',
          startTime: '15:00',
          endTime: '11:00',
        },
      ],
    });
    expect(workingTime(t, range).away).toEqual([
      { start: '2026-03-10T07:00:00.000Z', end: '2026-03-10T18:00:00.000Z', kind: 'time_off' },
    ]);
  });

  it('reads wall-clock hours on the spring-forward day (09:00 is already PDT)', () => {
    expect(workingTime(therapist('t1'), { ...range, fromDate: '2026-03-08', toDate: '2026-03-09' })).toEqual({
      working: [{ start: '2026-03-08T16:00:00.000Z', end: '2026-03-09T00:00:00.000Z', locationId: 'loc-1' }],
      away: [],
    });
  });

  it('refuses a malformed date or zone', () => {
    expect(() => workingTime(therapist('t1'), { ...range, fromDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => workingTime(therapist('t1'), { ...range, timeZone: 'Mars/Base' })).toThrow(RangeError);
  });

  it('agrees with checkBooking on which hour-long starts are inside the working time', () => {
    const t = therapist('t1', {
      breaks: [{ weekday: 2, start: '12:00', end: '12:30' }],
      exceptions: [
        {
          kind: 'timeOff',
          startDate: '2026-03-10',
          endDate: '2026-03-10',
          startTime: '15:00',
          endTime: '16:00',
        },
      ],
    });
    const { working, away } = workingTime(t, range);
    const inside = (s: number, e: number) =>
      working.some((w) => Date.parse(w.start) <= s && e <= Date.parse(w.end)) &&
      !away.some((a) => s < Date.parse(a.end) && Date.parse(a.start) < e);
    const input = {
      clinic: clinic({ slotGranularityMinutes: 15 }),
      services: [service({ therapistIds: ['t1'] })],
      therapists: [t],
      rooms: [room('r1')],
      appointments: [],
    };
    for (let m = 7 * 60; m < 20 * 60; m += 15) {
      const start = Date.parse('2026-03-10T07:00:00.000Z') + m * 60_000;
      const check = checkBooking(
        {
          serviceId: 'svc',
          therapistId: 't1',
          start: new Date(start).toISOString(),
          now: '2026-03-01T00:00:00.000Z',
          audience: 'staff',
        },
        input,
      );
      expect(check.ok, `start at local minute ${m}`).toBe(inside(start, start + 3_600_000));
    }
  });
});
