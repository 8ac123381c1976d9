import { describe, expect, it } from 'vitest';
import { firstAvailable, getAvailability } from './availability.ts';
import { appt, input, query, room, service, therapist, times, utc, who } from './test-fixtures.ts';
import type { AppointmentStatus, AvailabilityInput, AvailabilityQuery } from './types.ts';

const MON = '2026-03-09'; // Monday, Pacific Daylight Time (-07:00)
const HOURS = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];

interface Case {
  name: string;
  input: AvailabilityInput;
  query: AvailabilityQuery;
  expected: string[];
  /** Compare `who()` (time + therapist/room) instead of local times. */
  detail?: boolean;
}

const cases: Case[] = [
  { name: 'simple day: 09:00–17:00, hourly', input: input(), query: query(MON), expected: HOURS },
  {
    name: 'lunch break removes the slots that would overlap it',
    input: input({ therapists: [therapist('t1', { breaks: [{ weekday: 1, start: '12:00', end: '13:00' }] })] }),
    query: query(MON),
    expected: ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'],
  },
  {
    name: 'break on another weekday has no effect',
    input: input({ therapists: [therapist('t1', { breaks: [{ weekday: 2, start: '12:00', end: '13:00' }] })] }),
    query: query(MON),
    expected: HOURS,
  },
  {
    name: 'service buffer after blocks the slot before an appointment and the end of day',
    input: input({
      clinic: input().clinic,
      services: [service({ bufferAfterMinutes: 15 })],
      appointments: [appt('a', 't1', 'r1', `${MON}T12:00`, `${MON}T13:00`)],
    }),
    query: query(MON),
    // 11:00 would need 11:00–12:15; 16:00 would need until 17:15.
    expected: ['09:00', '10:00', '13:00', '14:00', '15:00'],
  },
  {
    name: 'existing appointment buffer after blocks the adjacent slot',
    input: input({
      appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`, { bufferAfterMinutes: 10 })],
    }),
    query: query(MON),
    expected: ['09:00', '12:00', '13:00', '14:00', '15:00', '16:00'],
  },
  {
    name: 'service buffer before must fit inside working hours',
    input: input({ services: [service({ bufferBeforeMinutes: 10 })] }),
    query: query(MON),
    expected: HOURS.slice(1),
  },
  {
    name: 'buffers on both sides with a 15-minute grid',
    input: input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 15 } },
      services: [service({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 })],
      therapists: [therapist('t1', { weeklyHours: [{ weekday: 1, start: '09:00', end: '12:00', locationId: 'loc-1' }] })],
      appointments: [appt('a', 't1', 'r1', `${MON}T10:45`, `${MON}T11:00`)],
    }),
    query: query(MON),
    // 09:30 needs 09:15–10:45 (touching the appointment is fine); 09:45 would overlap it; 11:15 needs until 12:30
    expected: ['09:15', '09:30'],
  },
  {
    name: 'room shortage: two free therapists, room taken by a third → nobody at 10:00',
    input: input({
      therapists: [therapist('t1'), therapist('t2'), therapist('t3')],
      services: [service({ therapistIds: ['t1', 't2'] })],
      appointments: [appt('a', 't3', 'r1', `${MON}T10:00`, `${MON}T11:00`)],
    }),
    query: query(MON, { toDate: MON }),
    expected: [],
  },
  {
    name: 'equipment: only the room with hot stones qualifies',
    input: input({
      services: [service({ requiredEquipment: ['hot-stones'] })],
      rooms: [room('r1', { equipment: ['table'] }), room('r2', { equipment: ['table', 'hot-stones'] })],
      appointments: [appt('a', 't2', 'r2', `${MON}T10:00`, `${MON}T11:00`)],
    }),
    query: query(MON),
    expected: HOURS.filter((h) => h !== '10:00').map((h) => `${h} t1/r2`),
    detail: true,
  },
  {
    name: 'service room allow-list',
    input: input({ services: [service({ roomIds: ['r2'] })], rooms: [room('r1'), room('r2')] }),
    query: query(MON, { therapistId: 't1' }),
    expected: HOURS.map((h) => `${h} t1/r2`),
    detail: true,
  },
  {
    name: 'first free suitable room in input order',
    input: input({
      rooms: [room('r1'), room('r2'), room('r3')],
      appointments: [appt('a', 't2', 'r1', `${MON}T09:00`, `${MON}T11:00`), appt('b', 't3', 'r2', `${MON}T09:00`, `${MON}T10:00`)],
    }),
    query: query(MON),
    expected: ['09:00 t1/r3', '10:00 t1/r2', ...HOURS.slice(2).map((h) => `${h} t1/r1`)],
    detail: true,
  },
  {
    name: 'time off for part of a day',
    input: input({
      therapists: [therapist('t1', { exceptions: [{ kind: 'timeOff', startDate: MON, endDate: MON, startTime: '12:00', endTime: '14:00' }] })],
    }),
    query: query(MON),
    expected: ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'],
  },
  {
    name: 'whole days of time off are inclusive of the end date',
    input: input({
      therapists: [therapist('t1', { exceptions: [{ kind: 'timeOff', startDate: '2026-03-08', endDate: MON }] })],
    }),
    query: query('2026-03-08', { toDate: '2026-03-11' }),
    expected: HOURS.map((h) => `2026-03-10 ${h}`),
  },
  {
    name: 'time off overrides extra hours',
    input: input({
      therapists: [
        therapist('t1', {
          exceptions: [
            { kind: 'extraHours', date: MON, start: '17:00', end: '19:00', locationId: 'loc-1' },
            { kind: 'timeOff', startDate: MON, endDate: MON, startTime: '16:00', endTime: '18:00' },
          ],
        }),
      ],
    }),
    query: query(MON),
    expected: [...HOURS.slice(0, 7), '18:00'],
  },
  {
    name: 'extra hours on a day without weekly hours',
    input: input({
      therapists: [
        therapist('t1', {
          weeklyHours: [{ weekday: 2, start: '09:00', end: '17:00', locationId: 'loc-1' }],
          exceptions: [{ kind: 'extraHours', date: MON, start: '18:00', end: '20:00', locationId: 'loc-1' }],
        }),
      ],
    }),
    query: query(MON),
    expected: ['18:00', '19:00'],
  },
  {
    name: 'extra hours touching weekly hours merge (a treatment may span both)',
    input: input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 30 } },
      therapists: [
        therapist('t1', {
          weeklyHours: [{ weekday: 1, start: '15:00', end: '17:00', locationId: 'loc-1' }],
          exceptions: [{ kind: 'extraHours', date: MON, start: '17:00', end: '18:00', locationId: 'loc-1' }],
        }),
      ],
    }),
    query: query(MON),
    expected: ['15:00', '15:30', '16:00', '16:30', '17:00'],
  },
  {
    name: 'holiday removes weekly hours but keeps extra hours',
    input: input({
      therapists: [
        therapist('t1', {
          exceptions: [
            { kind: 'holiday', date: MON },
            { kind: 'extraHours', date: MON, start: '10:00', end: '12:00', locationId: 'loc-1' },
          ],
        }),
      ],
    }),
    query: query(MON),
    expected: ['10:00', '11:00'],
  },
  {
    name: 'clinic closed date acts as a holiday for everyone',
    input: input({ clinic: { ...input().clinic, closedDates: [MON] }, therapists: [therapist('t1'), therapist('t2')] }),
    query: query(MON),
    expected: [],
  },
  {
    name: 'therapist not allowed by the service',
    input: input({ services: [service({ therapistIds: ['t2'] })] }),
    query: query(MON),
    expected: [],
  },
  {
    name: 'therapist who does not offer the service',
    input: input({ therapists: [therapist('t1', { serviceIds: ['other'] })] }),
    query: query(MON),
    expected: [],
  },
  {
    name: 'granularity 20 minutes',
    input: input({ clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 20 } } }),
    query: query(MON),
    expected: Array.from({ length: 22 }, (_, i) => {
      const m = 540 + i * 20;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    }),
  },
  {
    name: 'granularity aligns to the local clock, not the window start',
    input: input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 15 } },
      therapists: [therapist('t1', { weeklyHours: [{ weekday: 1, start: '09:10', end: '11:00', locationId: 'loc-1' }] })],
    }),
    query: query(MON),
    expected: ['09:15', '09:30', '09:45', '10:00'],
  },
  {
    name: 'location filter keeps only that location and its rooms',
    input: input({
      therapists: [
        therapist('t1', {
          weeklyHours: [
            { weekday: 1, start: '09:00', end: '11:00', locationId: 'loc-1' },
            { weekday: 1, start: '13:00', end: '15:00', locationId: 'loc-2' },
          ],
        }),
      ],
      rooms: [room('r1'), room('r2', { locationId: 'loc-2' })],
    }),
    query: query(MON, { locationId: 'loc-2' }),
    expected: ['13:00 t1/r2', '14:00 t1/r2'],
    detail: true,
  },
  {
    name: 'windows at two locations do not merge even when touching',
    input: input({
      therapists: [
        therapist('t1', {
          weeklyHours: [
            { weekday: 1, start: '09:00', end: '10:30', locationId: 'loc-1' },
            { weekday: 1, start: '10:30', end: '12:00', locationId: 'loc-2' },
          ],
        }),
      ],
      rooms: [room('r1'), room('r2', { locationId: 'loc-2' })],
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 30 } },
    }),
    query: query(MON),
    expected: ['09:00 t1/r1', '09:30 t1/r1', '10:30 t1/r2', '11:00 t1/r2'],
    detail: true,
  },
];

describe('getAvailability', () => {
  it.each(cases)('$name', ({ input: inp, query: q, expected, detail }) => {
    const slots = getAvailability(q, inp);
    const multiDay = q.toDate !== undefined && slots.some((s) => s.localDate !== q.fromDate);
    const got = detail ? who(slots) : multiDay ? slots.map((s) => `${s.localDate} ${s.localTime}`) : times(slots);
    expect(got).toEqual(expected);
  });

  it('returns UTC instants, local fields and end = start + duration', () => {
    const [first] = getAvailability(query(MON), input({ services: [service({ durationMinutes: 75 })] }));
    expect(first).toEqual({
      start: '2026-03-09T16:00:00.000Z',
      end: '2026-03-09T17:15:00.000Z',
      localDate: MON,
      localTime: '09:00',
      localStart: '2026-03-09T09:00:00-07:00',
      therapistId: 't1',
      roomId: 'r1',
      locationId: 'loc-1',
    });
  });

  it('room shortage: both therapists are offered the one room, but a booking for one removes the other', () => {
    const base = input({ therapists: [therapist('t1'), therapist('t2')] });
    const before = getAvailability(query(MON), base).filter((s) => s.localTime === '10:00');
    expect(who(before)).toEqual(['10:00 t1/r1', '10:00 t2/r1']);
    const after = getAvailability(query(MON), { ...base, appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`)] });
    expect(after.filter((s) => s.localTime === '10:00')).toEqual([]);
  });

  const statuses: [AppointmentStatus, boolean][] = [
    ['booked', true],
    ['confirmed', true],
    ['checked-in', true],
    ['completed', true],
    ['cancelled', false],
    ['no-show', false],
  ];
  it.each(statuses)('an appointment with status %s blocks: %s', (status, blocks) => {
    const slots = getAvailability(query(MON), input({ appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`, { status })] }));
    expect(times(slots).includes('10:00')).toBe(!blocks);
  });

  it('excludeAppointmentIds ignores the appointment being rescheduled', () => {
    const inp = input({ appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`)] });
    expect(times(getAvailability(query(MON, { excludeAppointmentIds: ['a'] }), inp))).toEqual(HOURS);
  });

  describe('audience rules', () => {
    const now = utc(`${MON}T09:30`); // 16:30Z
    const inp = input({ clinic: { ...input().clinic, rules: { ...input().clinic.rules, minNoticeMinutes: 120, maxDaysAhead: 2 } } });
    it.each([
      ['patient', ['12:00', '13:00', '14:00', '15:00', '16:00']],
      ['staff', ['10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']],
    ] as const)('minimum notice for %s', (audience, expected) => {
      expect(times(getAvailability(query(MON, { now, audience }), inp))).toEqual(expected);
    });
    it.each([
      ['patient', ['2026-03-10', '2026-03-11']],
      ['staff', ['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']],
    ] as const)('maximum days ahead for %s (today + 2 is the last bookable date)', (audience, expected) => {
      const slots = getAvailability(query('2026-03-10', { toDate: '2026-03-14', now, audience }), inp);
      expect([...new Set(slots.map((s) => s.localDate))]).toEqual(expected);
    });
  });

  describe('across midnight', () => {
    const overnight = therapist('t1', { weeklyHours: [{ weekday: 1, start: '20:00', end: '02:00', locationId: 'loc-1' }] });
    const inp = input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 30 } },
      therapists: [overnight],
      appointments: [appt('a', 't1', 'r1', `${MON}T23:30`, '2026-03-10T00:30')],
    });
    it('an appointment across midnight blocks both local dates', () => {
      expect(times(getAvailability(query(MON), inp))).toEqual(['20:00', '20:30', '21:00', '21:30', '22:00', '22:30']);
      expect(times(getAvailability(query('2026-03-10'), inp))).toEqual(['00:30', '01:00']);
    });
    it('an overnight appointment of another therapist blocks the room for the next morning', () => {
      const slots = getAvailability(
        query('2026-03-10'),
        input({ therapists: [therapist('t1')], appointments: [appt('a', 't2', 'r1', `${MON}T22:00`, '2026-03-10T09:30')] }),
      );
      expect(times(slots)[0]).toBe('10:00');
    });
  });

  it('date range: fromDate inclusive, toDate exclusive; empty when toDate <= fromDate', () => {
    const slots = getAvailability(query('2026-03-09', { toDate: '2026-03-12' }), input());
    expect([...new Set(slots.map((s) => s.localDate))]).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
    expect(getAvailability(query(MON, { toDate: MON }), input())).toEqual([]);
  });

  it('first available collapses to one slot per start, preferring therapists in input order', () => {
    const inp = input({
      therapists: [therapist('t1'), therapist('t2')],
      rooms: [room('r1'), room('r2')],
      appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T12:00`)],
    });
    const all = getAvailability(query(MON), inp);
    const collapsed = getAvailability(query(MON, { firstAvailable: true }), inp);
    expect(all).toHaveLength(14);
    expect(collapsed).toHaveLength(8);
    expect(who(collapsed).slice(0, 4)).toEqual(['09:00 t1/r1', '10:00 t2/r2', '11:00 t2/r2', '12:00 t1/r1']);
    expect(firstAvailable(all)).toEqual(collapsed);
  });

  it.each([
    ['unknown service', query(MON, { serviceId: 'nope' })],
    ['bad date', query('2026-02-30', { toDate: '2026-03-02' })],
    ['range too long', query('2026-01-01', { toDate: '2027-06-01' })],
    ['now without offset', query(MON, { now: '2026-03-09T10:00:00' })],
  ])('rejects %s', (_name, q) => {
    expect(() => getAvailability(q, input())).toThrow(RangeError);
  });

  it('rejects a service duration that is not a multiple of 5', () => {
    expect(() => getAvailability(query(MON), input({ services: [service({ durationMinutes: 62 })] }))).toThrow(/multiple of 5/);
  });
});
