/**
 * Property tests: random clinics in four zones over weeks that contain DST changes, checked against an
 * independent, deliberately naive oracle written with luxon directly (no engine code).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { getAvailability } from './availability.ts';
import { isSlotFree } from './booking.ts';
import type {
  Appointment,
  AppointmentStatus,
  AvailabilityInput,
  AvailabilityQuery,
  Slot,
  Therapist,
  Weekday,
} from './types.ts';

const ZONES = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata'];
const WEEKS = ['2026-03-05', '2026-03-26', '2026-04-02', '2026-10-01', '2026-10-22', '2026-10-29'];
const STATUSES: AppointmentStatus[] = [
  'booked',
  'confirmed',
  'checked-in',
  'completed',
  'cancelled',
  'no-show',
];
const LIVE = new Set<AppointmentStatus>(['booked', 'confirmed', 'checked-in', 'completed']);
const MIN = 60_000;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const weekday = fc.integer({ min: 1, max: 7 }).map((n) => n as Weekday);

// Working hours stay within 06:00–23:30 local, so no window contains a DST change (those are covered by
// the table tests); the DST days themselves are inside the generated weeks.
const hoursArb = fc.record({
  weekday,
  start: fc.integer({ min: 12, max: 24 }),
  length: fc.integer({ min: 2, max: 20 }),
});
const breakArb = fc.record({
  weekday,
  start: fc.integer({ min: 20, max: 30 }),
  length: fc.integer({ min: 1, max: 2 }),
});
const therapistArb = fc.record({
  location: fc.constantFrom('L1', 'L2'),
  hours: fc.array(hoursArb, { minLength: 1, maxLength: 4 }),
  breaks: fc.array(breakArb, { maxLength: 2 }),
  offers: fc.boolean(),
});
const scenarioArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  week: fc.constantFrom(...WEEKS),
  granularity: fc.constantFrom(5, 10, 15, 20, 30, 60),
  duration: fc.constantFrom(30, 45, 60, 75, 90),
  before: fc.constantFrom(0, 5, 10, 15),
  after: fc.constantFrom(0, 5, 10, 15),
  needsTable: fc.boolean(),
  therapists: fc.array(therapistArb, { minLength: 1, maxLength: 3 }),
  rooms: fc.array(fc.record({ location: fc.constantFrom('L1', 'L2'), table: fc.boolean() }), {
    minLength: 1,
    maxLength: 3,
  }),
  appointments: fc.array(
    fc.record({
      therapist: fc.integer({ min: 0, max: 3 }),
      room: fc.integer({ min: 0, max: 3 }),
      startStep: fc.integer({ min: 0, max: 7 * 24 * 12 }), // 5-minute steps across the week
      length: fc.integer({ min: 3, max: 24 }),
      status: fc.constantFrom(...STATUSES),
      before: fc.constantFrom(0, 10),
      after: fc.constantFrom(0, 15),
    }),
    { maxLength: 30 },
  ),
  audience: fc.constantFrom('patient', 'staff'),
  nowStep: fc.integer({ min: -24 * 12, max: 4 * 24 * 12 }),
  minNotice: fc.constantFrom(0, 60, 240),
  maxDays: fc.integer({ min: 0, max: 10 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(sc: Scenario): { input: AvailabilityInput; query: AvailabilityQuery } {
  const weekStart = DateTime.fromISO(sc.week, { zone: sc.zone });
  const therapists: Therapist[] = sc.therapists.map((t, i) => ({
    id: `t${i}`,
    serviceIds: t.offers || i === 0 ? ['svc'] : [],
    weeklyHours: t.hours.map((h) => ({
      weekday: h.weekday,
      start: hhmm(h.start * 30),
      end: hhmm(Math.min(h.start + h.length, 47) * 30),
      locationId: t.location,
    })),
    breaks: t.breaks.map((b) => ({
      weekday: b.weekday,
      start: hhmm(b.start * 30),
      end: hhmm((b.start + b.length) * 30),
    })),
    exceptions: [],
  }));
  const appointments: Appointment[] = sc.appointments.map((a, i) => {
    const start = weekStart.toMillis() + a.startStep * 5 * MIN;
    return {
      id: `a${i}`,
      therapistId: `t${a.therapist}`,
      roomId: `r${a.room}`,
      start: new Date(start).toISOString(),
      end: new Date(start + a.length * 5 * MIN).toISOString(),
      status: a.status,
      bufferBeforeMinutes: a.before,
      bufferAfterMinutes: a.after,
    };
  });
  const input: AvailabilityInput = {
    clinic: {
      timeZone: sc.zone,
      rules: {
        minNoticeMinutes: sc.minNotice,
        maxDaysAhead: sc.maxDays,
        slotGranularityMinutes: sc.granularity,
        lateCancellationHours: 24,
      },
    },
    services: [
      {
        id: 'svc',
        durationMinutes: sc.duration,
        bufferBeforeMinutes: sc.before,
        bufferAfterMinutes: sc.after,
        requiredEquipment: sc.needsTable ? ['table'] : [],
        therapistIds: therapists.map((t) => t.id),
      },
    ],
    therapists,
    rooms: sc.rooms.map((r, i) => ({
      id: `r${i}`,
      locationId: r.location,
      equipment: r.table ? ['table'] : [],
    })),
    appointments,
  };
  const query: AvailabilityQuery = {
    serviceId: 'svc',
    fromDate: sc.week,
    toDate: weekStart.plus({ days: 7 }).toISODate()!,
    now: new Date(weekStart.toMillis() + sc.nowStep * 5 * MIN).toISOString(),
    audience: sc.audience as 'patient' | 'staff',
  };
  return { input, query };
}

type Iv = [number, number];
const overlapsIv = (a: Iv, b: Iv) => a[0] < b[1] && b[0] < a[1];
function union(list: Iv[]): Iv[] {
  const out: Iv[] = [];
  for (const iv of [...list].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/** Naive expected result: every therapist, every merged window, every grid start, every check spelled out. */
function oracle(input: AvailabilityInput, query: AvailabilityQuery): string[] {
  const { timeZone: zone, rules } = input.clinic;
  const svc = input.services[0]!;
  const now = Date.parse(query.now);
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const lastDay = today.plus({ days: rules.maxDaysAhead }).toISODate()!;
  const live = input.appointments.filter((a) => LIVE.has(a.status));
  const blocked = (a: Appointment): Iv => [
    Date.parse(a.start) - (a.bufferBeforeMinutes ?? 0) * MIN,
    Date.parse(a.end) + (a.bufferAfterMinutes ?? 0) * MIN,
  ];
  const out: string[] = [];
  for (
    let d = DateTime.fromISO(query.fromDate, { zone });
    d.toISODate()! < query.toDate;
    d = d.plus({ days: 1 })
  ) {
    const date = d.toISODate()!;
    for (const t of input.therapists) {
      if (!t.serviceIds.includes(svc.id)) continue;
      const at = (time: string) => DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
      const windows = union(
        t.weeklyHours.filter((h) => h.weekday === d.weekday).map((h): Iv => [at(h.start), at(h.end)]),
      );
      const breaks = t.breaks.filter((b) => b.weekday === d.weekday).map((b): Iv => [at(b.start), at(b.end)]);
      const location = t.weeklyHours[0]!.locationId;
      for (const [ws, we] of windows) {
        const localStart = DateTime.fromMillis(ws, { zone });
        const startMinute = localStart.hour * 60 + localStart.minute;
        const firstMinute =
          Math.ceil(startMinute / rules.slotGranularityMinutes) * rules.slotGranularityMinutes;
        for (
          let s = ws + (firstMinute - startMinute) * MIN;
          s < we;
          s += rules.slotGranularityMinutes * MIN
        ) {
          const padded: Iv = [
            s - svc.bufferBeforeMinutes * MIN,
            s + (svc.durationMinutes + svc.bufferAfterMinutes) * MIN,
          ];
          if (padded[0] < ws || padded[1] > we) continue;
          if (breaks.some((b) => overlapsIv(b, padded))) continue;
          if (live.some((a) => a.therapistId === t.id && overlapsIv(blocked(a), padded))) continue;
          if (s < now) continue;
          if (query.audience === 'patient' && (s < now + rules.minNoticeMinutes * MIN || date > lastDay))
            continue;
          const room = input.rooms.find(
            (r) =>
              r.locationId === location &&
              svc.requiredEquipment.every((e) => r.equipment.includes(e)) &&
              !live.some((a) => a.roomId === r.id && overlapsIv(blocked(a), padded)),
          );
          if (room) out.push(`${new Date(s).toISOString()} ${t.id} ${room.id}`);
        }
      }
    }
  }
  return out.sort();
}

describe('availability properties', () => {
  it('matches the naive oracle exactly (same starts, therapists and rooms)', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { input, query } = build(sc);
        const got = getAvailability(query, input).map((s) => `${s.start} ${s.therapistId} ${s.roomId}`);
        expect([...got].sort()).toEqual(oracle(input, query));
      }),
      { numRuns: 150 },
    );
  });

  it('no slot overlaps (with buffers) a live appointment of its therapist or room; slots are sorted and well-formed', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { input, query } = build(sc);
        const slots: Slot[] = getAvailability(query, input);
        const svc = input.services[0]!;
        for (const slot of slots) {
          const proposal = {
            therapistId: slot.therapistId,
            roomId: slot.roomId,
            start: slot.start,
            end: slot.end,
            bufferBeforeMinutes: svc.bufferBeforeMinutes,
            bufferAfterMinutes: svc.bufferAfterMinutes,
          };
          expect(isSlotFree(proposal, input.appointments)).toBe(true);
          const local = DateTime.fromISO(slot.start, { zone: input.clinic.timeZone });
          expect(slot.localDate).toBe(local.toISODate());
          expect(slot.localTime).toBe(local.toFormat('HH:mm'));
          expect(slot.localStart).toBe(
            `${local.toISODate()}T${local.toFormat('HH:mm')}:00${local.toFormat('ZZ')}`,
          );
          expect((local.hour * 60 + local.minute) % input.clinic.rules.slotGranularityMinutes).toBe(0);
          expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(svc.durationMinutes * MIN);
        }
        const starts = slots.map((s) => Date.parse(s.start));
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        expect(new Set(slots.map((s) => `${s.start}|${s.therapistId}`)).size).toBe(slots.length);
      }),
      { numRuns: 150 },
    );
  });
});
