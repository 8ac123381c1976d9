/**
 * Availability engine benchmark. Run: `npx tsx bench/availability.ts`.
 * Deterministic synthetic data (seeded PRNG): therapists, rooms at two locations, 4 weeks of weekday
 * shifts with breaks / holidays / time off, and N appointments (~10% cancelled). Measures the median of
 * repeated full queries (all therapists, 4-week range, staff audience) after a warm-up, then the growth
 * curve in therapists and in appointments.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type {
  Appointment,
  AppointmentStatus,
  AvailabilityInput,
  AvailabilityQuery,
  Room,
  Therapist,
  TherapistException,
  Weekday,
} from '../src/domain/scheduling/index.ts';
import { getAvailability } from '../src/domain/scheduling/index.ts';

const ZONE = 'America/Los_Angeles';
const FIRST_DAY = '2026-03-02'; // a Monday; the range contains the March 8 DST change
const DAYS = 28;
const TARGET_MS = 20;
/** A single step may exceed linear by this factor before it fails (medians of short runs are noisy). */
const STEP_TOLERANCE = 1.5;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHIFTS = [
  ['08:00', '16:00', '12:00', '12:30'],
  ['09:00', '17:00', '12:30', '13:00'],
  ['10:00', '18:00', '13:00', '13:30'],
  ['12:00', '20:00', '16:00', '16:30'],
] as const;

export interface BenchSize {
  therapists: number;
  rooms: number;
  appointments: number;
}

export function generateBenchData(
  size: BenchSize,
  seed = 42,
): { input: AvailabilityInput; query: AvailabilityQuery } {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const locations = ['loc-a', 'loc-b'];
  const rooms: Room[] = Array.from({ length: size.rooms }, (_, i) => ({
    id: `room-${i}`,
    locationId: locations[i % 2]!,
    equipment: i % 5 === 4 ? ['chair'] : i % 4 === 0 ? ['table', 'hot-stones'] : ['table'],
  }));
  const therapists: Therapist[] = Array.from({ length: size.therapists }, (_, i) => {
    const [start, end, breakStart, breakEnd] = SHIFTS[i % SHIFTS.length]!;
    const days: Weekday[] = i % 3 === 0 ? [2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
    const exceptions: TherapistException[] = [];
    if (i % 7 === 0) exceptions.push({ kind: 'holiday', date: '2026-03-17' });
    if (i % 5 === 0) {
      exceptions.push({
        kind: 'timeOff',
        startDate: '2026-03-11',
        endDate: '2026-03-11',
        startTime: '12:00',
        endTime: '20:00',
      });
    }
    if (i % 6 === 0)
      exceptions.push({
        kind: 'extraHours',
        date: '2026-03-14',
        start: '09:00',
        end: '13:00',
        locationId: 'loc-a',
      });
    return {
      id: `t-${i}`,
      serviceIds: ['massage-60'],
      weeklyHours: days.map((weekday) => ({ weekday, start, end, locationId: locations[i % 2]! })),
      breaks: days.map((weekday) => ({ weekday, start: breakStart, end: breakEnd })),
      exceptions,
    };
  });
  const first = DateTime.fromISO(FIRST_DAY, { zone: ZONE });
  const statuses: AppointmentStatus[] = [
    'booked',
    'booked',
    'confirmed',
    'confirmed',
    'checked-in',
    'cancelled',
  ];
  const appointments: Appointment[] = Array.from({ length: size.appointments }, (_, i) => {
    const ti = Math.floor(rand() * size.therapists);
    const [shiftStart] = SHIFTS[ti % SHIFTS.length]!;
    const startHour = Number(shiftStart.slice(0, 2)) + Math.floor(rand() * 7);
    const start = first
      .plus({ days: Math.floor(rand() * DAYS) })
      .set({ hour: startHour, minute: pick([0, 15, 30, 45]) });
    const locationRooms = rooms.filter((r) => r.locationId === locations[ti % 2]);
    return {
      id: `a-${i}`,
      therapistId: `t-${ti}`,
      roomId: pick(locationRooms).id,
      start: start.toUTC().toISO()!,
      end: start
        .plus({ minutes: pick([30, 60, 60, 90]) })
        .toUTC()
        .toISO()!,
      bufferAfterMinutes: pick([0, 10]),
      status: pick(statuses),
    };
  });
  const input: AvailabilityInput = {
    clinic: {
      timeZone: ZONE,
      rules: {
        minNoticeMinutes: 120,
        maxDaysAhead: 60,
        slotGranularityMinutes: 15,
        lateCancellationHours: 24,
      },
    },
    services: [
      {
        id: 'massage-60',
        durationMinutes: 60,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 10,
        requiredEquipment: ['table'],
        therapistIds: therapists.map((t) => t.id),
      },
    ],
    therapists,
    rooms,
    appointments,
  };
  const query: AvailabilityQuery = {
    serviceId: 'massage-60',
    fromDate: FIRST_DAY,
    toDate: first.plus({ days: DAYS }).toISODate()!,
    now: '2026-03-01T00:00:00Z',
    audience: 'staff',
  };
  return { input, query };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Measurement extends BenchSize {
  medianMs: number;
  /** Fastest run: a hint of uncontended speed when the machine is busy. */
  minMs: number;
  slots: number;
}

export function measure(size: BenchSize, runs = 25, warmup = 5): Measurement {
  const { input, query } = generateBenchData(size);
  let slots = 0;
  for (let i = 0; i < warmup; i++) slots = getAvailability(query, input).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    getAvailability(query, input);
    times.push(performance.now() - t0);
  }
  return { ...size, medianMs: median(times), minMs: Math.min(...times), slots };
}

export interface GrowthStep {
  from: Measurement;
  to: Measurement;
  /** Time ratio between the two sizes. */
  ratio: number;
  /** Size ratio, i.e. what linear growth would give. */
  linear: number;
  ok: boolean;
}

export interface Growth {
  key: 'therapists' | 'appointments';
  series: Measurement[];
  /** Consecutive sizes; pass when ratio ≤ STEP_TOLERANCE × linear (single steps are noisy). */
  steps: GrowthStep[];
  /** Smallest to largest size; pass when ratio ≤ linear. */
  overall: GrowthStep;
  ok: boolean;
}

function step(from: Measurement, to: Measurement, key: Growth['key'], tolerance: number): GrowthStep {
  const ratio = to.medianMs / from.medianMs;
  const linear = to[key] / from[key];
  return { from, to, ratio, linear, ok: ratio <= linear * tolerance };
}

function growth(series: Measurement[], key: Growth['key']): Growth {
  const steps = series.slice(1).map((to, i) => step(series[i]!, to, key, STEP_TOLERANCE));
  const overall = step(series[0]!, series[series.length - 1]!, key, 1);
  return { key, series, steps, overall, ok: overall.ok && steps.every((s) => s.ok) };
}

export interface AvailabilityBenchResults {
  main: Measurement & { targetMs: number; ok: boolean };
  therapists: Growth;
  appointments: Growth;
  ok: boolean;
}

export async function runAvailabilityBench(): Promise<AvailabilityBenchResults> {
  const base = measure({ therapists: 50, rooms: 20, appointments: 5000 }, 40, 10);
  const therapists = growth(
    [10, 25, 50, 100].map((n) => measure({ therapists: n, rooms: 20, appointments: 5000 })),
    'therapists',
  );
  const appointments = growth(
    [1000, 2500, 5000, 10000].map((n) => measure({ therapists: 50, rooms: 20, appointments: n })),
    'appointments',
  );
  const main = { ...base, targetMs: TARGET_MS, ok: base.medianMs < TARGET_MS };
  return { main, therapists, appointments, ok: main.ok && therapists.ok && appointments.ok };
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function printGrowth(title: string, g: Growth): void {
  console.log(`\n${title}`);
  console.log(`  ${g.key.padStart(12)}  median ms  slots  step ×time  ×linear`);
  g.series.forEach((s, i) => {
    const st = g.steps[i - 1];
    const text = st
      ? `${st.ratio.toFixed(2).padStart(9)}×  ${st.linear.toFixed(2).padStart(6)}×  ${mark(st.ok)}`
      : '';
    console.log(
      `  ${String(s[g.key]).padStart(12)}  ${s.medianMs.toFixed(2).padStart(9)}  ${String(s.slots).padStart(5)}  ${text}`,
    );
  });
  const o = g.overall;
  console.log(
    `  ${g.key} ${o.from[g.key]} → ${o.to[g.key]}: time ×${o.ratio.toFixed(2)} (linear ×${o.linear.toFixed(0)}) ${mark(o.ok)}`,
  );
}

export function printAvailabilityBench(r: AvailabilityBenchResults): void {
  const m = r.main;
  console.log(
    `availability ${m.therapists} therapists / ${m.rooms} rooms / ${m.appointments} appts / ${DAYS} days: ` +
      `median ${m.medianMs.toFixed(1)} ms (target < ${m.targetMs} ms) ${mark(m.ok)}  ` +
      `[fastest ${m.minMs.toFixed(1)} ms, ${m.slots} slots, ${availableParallelism()} CPUs, load ${loadavg()[0]!.toFixed(1)}]`,
  );
  printGrowth('growth in therapists (20 rooms, 5000 appts)', r.therapists);
  printGrowth('growth in appointments (50 therapists, 20 rooms)', r.appointments);
  console.log(
    `\noverall ${mark(r.ok)}  (growth: smallest→largest ≤ linear; each step ≤ ${STEP_TOLERANCE} × linear, allowing timer noise)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printAvailabilityBench(await runAvailabilityBench());
}
