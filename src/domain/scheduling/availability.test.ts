import { describe, expect, it } from 'vitest';
import { getAvailability } from './availability.ts';
import { appt, input, query, room, service, therapist, times, who } from './test-fixtures.ts';
import type { AvailabilityInput, AvailabilityQuery } from './types.ts';

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
    input: input({
      therapists: [therapist('t1', { breaks: [{ weekday: 1, start: '12:00', end: '13:00' }] })],
    }),
    query: query(MON),
    expected: ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'],
  },
  {
    name: 'break on another weekday has no effect',
    input: input({
      therapists: [therapist('t1', { breaks: [{ weekday: 2, start: '12:00', end: '13:00' }] })],
    }),
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
      therapists: [
        therapist('t1', { weeklyHours: [{ weekday: 1, start: '09:00', end: '12:00', locationId: 'loc-1' }] }),
      ],
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
      appointments: [
        appt('a', 't2', 'r1', `${MON}T09:00`, `${MON}T11:00`),
        appt('b', 't3', 'r2', `${MON}T09:00`, `${MON}T10:00`),
      ],
    }),
    query: query(MON),
    expected: ['09:00 t1/r3', '10:00 t1/r2', ...HOURS.slice(2).map((h) => `${h} t1/r1`)],
    detail: true,
  },
  {
    name: 'time off for part of a day',
    input: input({
      therapists: [
        therapist('t1', {
          exceptions: [
            { kind: 'timeOff', startDate: MON, endDate: MON, startTime: '12:00', endTime: '14:00' },
          ],
        }),
      ],
    }),
    query: query(MON),
    expected: ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'],
  },
  {
    name: 'whole days of time off are inclusive of the end date',
    input: input({
      therapists: [
        therapist('t1', { exceptions: [{ kind: 'timeOff', startDate: '2026-03-08', endDate: MON }] }),
      ],
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
    input: input({
      clinic: { ...input().clinic, closedDates: [MON] },
      therapists: [therapist('t1'), therapist('t2')],
    }),
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
    input: input({
      clinic: { ...input().clinic, rules: { ...input().clinic.rules, slotGranularityMinutes: 20 } },
    }),
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
      therapists: [
        therapist('t1', { weeklyHours: [{ weekday: 1, start: '09:10', end: '11:00', locationId: 'loc-1' }] }),
      ],
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
    const got = detail
      ? who(slots)
      : multiDay
        ? slots.map((s) => `${s.localDate} ${s.localTime}`)
        : times(slots);
    expect(got).toEqual(expected);
  });
});
