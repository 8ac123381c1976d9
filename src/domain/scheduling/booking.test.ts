import { describe, expect, it } from 'vitest';
import { type BookingRequest, checkBooking, conflicts, isSlotFree, type ProposedBooking } from './booking.ts';
import { appt, clinic, input, room, service, therapist, utc } from './test-fixtures.ts';
import type { Appointment } from './types.ts';

const MON = '2026-03-09';
const existing: Appointment[] = [
  appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T11:00`, { bufferAfterMinutes: 15 }),
  appt('b', 't2', 'r2', `${MON}T13:00`, `${MON}T14:00`),
  appt('c', 't1', 'r2', `${MON}T15:00`, `${MON}T16:00`, { status: 'cancelled' }),
];

function proposal(start: string, end: string, extra: Partial<ProposedBooking> = {}): ProposedBooking {
  return {
    therapistId: 't1',
    roomId: 'r1',
    start: utc(`${MON}T${start}`),
    end: utc(`${MON}T${end}`),
    ...extra,
  };
}

describe('conflicts / isSlotFree', () => {
  it.each([
    ['ends exactly where the other starts', proposal('09:00', '10:00'), []],
    ['starts inside the other', proposal('10:30', '11:30'), ['therapist:a', 'room:a']],
    ["starts inside the other's buffer after", proposal('11:00', '12:00'), ['therapist:a', 'room:a']],
    ["starts right after the other's buffer", proposal('11:15', '12:15'), []],
    [
      'own buffer before reaches back into the other',
      proposal('11:15', '12:15', { bufferBeforeMinutes: 5 }),
      ['therapist:a', 'room:a'],
    ],
    [
      'own buffer after reaches into the other',
      proposal('09:00', '09:55', { bufferAfterMinutes: 10 }),
      ['therapist:a', 'room:a'],
    ],
    ['other therapist, same room', proposal('10:00', '11:00', { therapistId: 't9' }), ['room:a']],
    [
      'same therapist, other room',
      proposal('13:30', '14:30', { therapistId: 't2', roomId: 'r9' }),
      ['therapist:b'],
    ],
    ['cancelled appointments never conflict', proposal('15:00', '16:00', { roomId: 'r2' }), []],
    [
      'excluded appointment (reschedule) is ignored',
      proposal('10:00', '11:00', { excludeAppointmentIds: ['a'] }),
      [],
    ],
  ] as const)('%s', (_name, p, expected) => {
    const found = conflicts(p, existing).map((c) => `${c.resource}:${c.appointmentId}`);
    expect(found).toEqual(expected);
    expect(isSlotFree(p, existing)).toBe(expected.length === 0);
  });
});

describe('checkBooking', () => {
  const inp = input({
    clinic: clinic({ slotGranularityMinutes: 30, minNoticeMinutes: 60, maxDaysAhead: 7 }),
    services: [service({ bufferAfterMinutes: 10, requiredEquipment: ['table'] })],
    therapists: [
      therapist('t1', { breaks: [{ weekday: 1, start: '12:00', end: '13:00' }] }),
      therapist('t2'),
      therapist('t3', { serviceIds: [] }),
    ],
    rooms: [
      room('r1', { equipment: ['table'] }),
      room('r2', { equipment: ['table'] }),
      room('r3'),
      room('r4', { locationId: 'loc-2', equipment: ['table'] }),
    ],
    appointments: [
      appt('a', 't1', 'r1', `${MON}T10:30`, `${MON}T11:30`),
      appt('b', 't2', 'r2', `${MON}T14:00`, `${MON}T15:00`),
    ],
  });
  const now = utc(`${MON}T08:00`);
  const req = (start: string, extra: Partial<BookingRequest> = {}): BookingRequest => ({
    serviceId: 'svc',
    therapistId: 't1',
    start: utc(`${MON}T${start}`),
    now,
    audience: 'patient',
    ...extra,
  });
  const codes = (r: BookingRequest) => checkBooking(r, inp).problems.map((p) => p.code);

  it.each([
    ['free start', req('09:00'), []],
    ['overlaps own appointment', req('10:30'), ['therapist-busy']],
    ['buffer after would overlap own appointment', req('09:30', { roomId: 'r2' }), ['therapist-busy']],
    ['overlaps the lunch break', req('11:30'), ['outside-working-hours']],
    ['buffer after runs past closing', req('16:00'), ['outside-working-hours']],
    ['before opening', req('08:30', { now: utc(`${MON}T06:00`) }), ['outside-working-hours']],
    ['within min notice (patient)', req('09:00', { now: utc(`${MON}T08:30`) }), ['too-soon']],
    ['within min notice (staff may)', req('09:00', { now: utc(`${MON}T08:30`), audience: 'staff' }), []],
    ['in the past', req('09:00', { now: utc(`${MON}T09:30`), audience: 'staff' }), ['in-past']],
    ['beyond max days ahead (patient)', req('09:00', { start: utc('2026-03-17T09:00') }), ['too-far-ahead']],
    [
      'beyond max days ahead (staff may)',
      req('09:00', { start: utc('2026-03-17T09:00'), audience: 'staff' }),
      [],
    ],
    ['off the grid (patient)', req('09:10'), ['off-grid']],
    ['off the grid (staff may)', req('09:10', { audience: 'staff' }), []],
    ['requested room is busy', req('14:00', { roomId: 'r2' }), ['room-busy']],
    ['requested room lacks equipment', req('09:00', { roomId: 'r3' }), ['room-unsuitable']],
    ['requested room at another location', req('09:00', { roomId: 'r4' }), ['room-wrong-location']],
    ['unknown room', req('09:00', { roomId: 'nope' }), ['unknown-room']],
    ['therapist does not offer the service', req('09:00', { therapistId: 't3' }), ['therapist-not-eligible']],
    ['unknown service', req('09:00', { serviceId: 'nope' }), ['unknown-service']],
  ] as const)('%s', (_name, r, expected) => {
    expect(codes(r)).toEqual(expected);
  });

  it('assigns the first free suitable room and returns the slot', () => {
    const result = checkBooking(req('10:00', { therapistId: 't2' }), inp);
    expect(result).toEqual({
      ok: true,
      problems: [],
      slot: {
        start: '2026-03-09T17:00:00.000Z',
        end: '2026-03-09T18:00:00.000Z',
        localDate: MON,
        localTime: '10:00',
        localStart: '2026-03-09T10:00:00-07:00',
        therapistId: 't2',
        roomId: 'r2', // r1 holds appointment a from 10:30
        locationId: 'loc-1',
      },
    });
  });

  it('reports the conflicting appointment ids and no-room-free', () => {
    const busy = input({ ...inp, rooms: [room('r1', { equipment: ['table'] })] });
    const result = checkBooking(req('10:00', { therapistId: 't2' }), busy);
    expect(result.problems).toEqual([{ code: 'no-room-free' }]);
    expect(checkBooking(req('10:00'), inp).problems).toEqual([
      { code: 'therapist-busy', appointmentIds: ['a'] },
    ]);
  });
});
