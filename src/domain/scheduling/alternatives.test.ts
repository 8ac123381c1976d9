import { describe, expect, it } from 'vitest';
import { type AlternativesRequest, nearestAlternatives } from './alternatives.ts';
import { appt, clinic, input, therapist, utc } from './test-fixtures.ts';

const MON = '2026-03-09';
const inp = input({
  therapists: [therapist('t1'), therapist('t2')],
  appointments: [
    appt('a', 't1', 'r1', `${MON}T10:00`, `${MON}T13:00`), // the only room, so nobody can take 10–12
  ],
});
const label = (slots: { localDate: string; localTime: string }[]) =>
  slots.map((s) => `${s.localDate.slice(5)} ${s.localTime}`);
const req = (start: string, extra: Partial<AlternativesRequest> = {}): AlternativesRequest => ({
  serviceId: 'svc',
  start: utc(start),
  now: '2026-03-01T00:00:00Z',
  audience: 'patient',
  ...extra,
});

describe('nearestAlternatives', () => {
  it.each([
    [
      '2 either side of a blocked 11:00',
      req(`${MON}T11:00`),
      2,
      ['03-08 16:00', '03-09 09:00'],
      ['03-09 13:00', '03-09 14:00'],
    ],
    ['1 either side', req(`${MON}T11:00`), 1, ['03-09 09:00'], ['03-09 13:00']],
    [
      'widens to earlier days when needed',
      req(`${MON}T11:00`),
      3,
      ['03-08 15:00', '03-08 16:00', '03-09 09:00'],
      undefined,
    ],
    ['excludes the requested start itself', req(`${MON}T09:00`), 1, ['03-08 16:00'], ['03-09 13:00']],
  ] as const)('%s', (_name, r, count, before, after) => {
    const result = nearestAlternatives(r, inp, count);
    if (before) expect(label(result.before).slice(-before.length)).toEqual(before);
    if (after) expect(label(result.after)).toEqual(after);
    expect(result.before.length).toBeLessThanOrEqual(count);
    expect(result.after.length).toBeLessThanOrEqual(count);
  });

  it('returns full counts by searching beyond ±1 day', () => {
    const result = nearestAlternatives(req(`${MON}T11:00`), inp, 20);
    expect(result.before).toHaveLength(20);
    expect(result.after).toHaveLength(20);
    // Mon 09:00, all of Sun and Sat (16), then Fri 14:00–16:00
    expect(label(result.before).slice(0, 2)).toEqual(['03-06 14:00', '03-06 15:00']);
  });

  it('patient bounds limit the "before" side', () => {
    const result = nearestAlternatives(req(`${MON}T11:00`, { now: utc(`${MON}T08:00`) }), inp, 3);
    expect(label(result.before)).toEqual(['03-09 09:00']);
    expect(label(result.after)).toEqual(['03-09 13:00', '03-09 14:00', '03-09 15:00']);
  });

  it('keeps the same therapist when asked', () => {
    const twoRooms = input({
      ...inp,
      rooms: [...inp.rooms, { id: 'r2', locationId: 'loc-1', equipment: [] }],
    });
    const anyone = nearestAlternatives(req(`${MON}T11:00`), twoRooms, 1);
    const sameTherapist = nearestAlternatives(req(`${MON}T11:00`, { therapistId: 't1' }), twoRooms, 1);
    expect(`${anyone.after[0]?.localTime} ${anyone.after[0]?.therapistId}`).toBe('12:00 t2');
    expect(`${sameTherapist.after[0]?.localTime} ${sameTherapist.after[0]?.therapistId}`).toBe('13:00 t1');
  });

  it('returns nothing when the therapist has no hours within the search window', () => {
    const none = input({ clinic: clinic(), therapists: [therapist('t1', { weeklyHours: [] })] });
    expect(nearestAlternatives(req(`${MON}T11:00`, { maxSearchDays: 3 }), none, 2)).toEqual({
      before: [],
      after: [],
    });
  });
});
