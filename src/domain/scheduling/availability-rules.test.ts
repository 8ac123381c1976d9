import { describe, expect, it } from 'vitest';
import { firstAvailable, getAvailability } from './availability.ts';
import { appt, input, query, room, service, therapist, times, utc, who } from './test-fixtures.ts';
import type { AppointmentStatus } from './types.ts';

const MON = '2026-03-09'; // Monday, Pacific Daylight Time (-07:00)
const HOURS = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];

describe('getAvailability: output, statuses, audience rules, midnight, collapsing, validation', () => {
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
    const after = getAvailability(query(MON), {
      ...base,
      appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`)],
    });
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
    const slots = getAvailability(
      query(MON),
      input({ appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`, { status })] }),
    );
    expect(times(slots).includes('10:00')).toBe(!blocks);
  });

  it('excludeAppointmentIds ignores the appointment being rescheduled', () => {
    const inp = input({ appointments: [appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`)] });
    expect(times(getAvailability(query(MON, { excludeAppointmentIds: ['a'] }), inp))).toEqual(HOURS);
  });

  describe('audience rules', () => {
    const now = utc(`${MON}T09:30`); // 16:30Z
    const inp = input({
      clinic: {
        ...input().clinic,
        rules: { ...input().clinic.rules, minNoticeMinutes: 120, maxDaysAhead: 2 },
      },
    });
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
    const overnight = therapist('t1', {
      weeklyHours: [{ weekday: 1, start: '20:00', end: '02:00', locationId: 'loc-1' }],
    });
    const inp = input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 30 } },
      therapists: [overnight],
      appointments: [appt('a', 't1', 'r1', `${MON}T23:30`, '2026-03-10T00:30')],
    });
    it('an appointment across midnight blocks both local dates', () => {
      expect(times(getAvailability(query(MON), inp))).toEqual([
        '20:00',
        '20:30',
        '21:00',
        '21:30',
        '22:00',
        '22:30',
      ]);
      expect(times(getAvailability(query('2026-03-10'), inp))).toEqual(['00:30', '01:00']);
    });
    it('an overnight appointment of another therapist blocks the room for the next morning', () => {
      const slots = getAvailability(
        query('2026-03-10'),
        input({
          therapists: [therapist('t1')],
          appointments: [appt('a', 't2', 'r1', `${MON}T22:00`, '2026-03-10T09:30')],
        }),
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
    expect(() =>
      getAvailability(query(MON), input({ services: [service({ durationMinutes: 62 })] })),
    ).toThrow(/multiple of 5/);
  });
});
