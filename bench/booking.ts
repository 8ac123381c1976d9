/**
 * Booking throughput under contention, PGlite. Run: `npx tsx bench/booking.ts` (or `npm run bench booking`).
 *
 * Many clients book 60-minute appointments at random times from a small pool of starts (10 therapists ×
 * 2 days × 8 starts), so most of the run fights over the same slots. Measured as resolved attempts per second
 * (201 booked or 409 slot_taken): through Palpa's HTTP route (auth, idempotency, validation with the engine,
 * the exclusion constraints, audit, reminder jobs, alternatives on 409) against a raw INSERT through the same
 * driver on the same database in the same run (the exclusion constraint refusing the losers).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { appointments, memberships, patients, users } from '../src/db/schema/index.ts';
import { isSlotConflict } from '../src/modules/appointments/booking.ts';
import { type Figure, printFigures } from './report.ts';
import { startBenchClinic } from './support.ts';

const CONCURRENCY = 16;
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
const THERAPISTS = 10;
const DAYS = 2;
const STARTS = ['09:00', '10:15', '11:30', '13:00', '14:15', '15:30', '16:45', '18:00'];
const ZONE = 'America/Los_Angeles';

async function loop(worker: (i: number) => Promise<'won' | 'lost'>) {
  const counts = { won: 0, lost: 0 };
  const until = performance.now() + DURATION_MS;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) counts[await worker(n++)]++;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...counts, perSecond: (counts.won + counts.lost) / seconds };
}

export async function runBookingBench(): Promise<Figure[]> {
  const bench = await startBenchClinic();
  const { db, app, clinicId, cookie } = bench;
  const csrf = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json()
    .csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  const call = async (method: string, url: string, payload?: unknown) => {
    const r = await app.inject({ method: method as 'POST', url, headers, payload: payload as object });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const locationId = (await call('GET', `/api/clinics/${clinicId}/locations`)).items[0].id as string;
  const therapistIds: string[] = [];
  for (let i = 0; i < THERAPISTS; i++) {
    const id = uuidv7();
    await db.insert(users).values({ id, email: `t${i}@bench.test`, displayName: `Therapist ${i}` });
    await db.insert(memberships).values({ clinicId, userId: id, role: 'therapist' });
    therapistIds.push(id);
  }
  for (let i = 0; i < THERAPISTS; i++) {
    await call('POST', `/api/clinics/${clinicId}/rooms`, {
      locationId,
      name: `Room ${i}`,
      equipment: ['table'],
    });
  }
  const service = await call('POST', `/api/clinics/${clinicId}/services`, {
    name: 'Follow-up 60',
    durationMinutes: 60,
    bufferAfterMinutes: 15,
    priceCents: 10000,
    kind: 'follow_up',
    therapistIds,
  });
  for (const therapistId of therapistIds) {
    await call('PUT', `/api/clinics/${clinicId}/therapists/${therapistId}/schedule`, {
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '09:00',
        end: '19:30',
        locationId,
      })),
      breaks: [],
      serviceIds: [service.id],
    });
  }
  const patientIds: string[] = [];
  for (let i = 0; i < 200; i++) {
    const id = uuidv7();
    await db.insert(patients).values({
      clinicId,
      id,
      legalFirstName: `P${i}`,
      legalLastName: 'Bench',
      dateOfBirth: '1980-01-01',
    });
    patientIds.push(id);
  }
  const rooms = (await call('GET', `/api/clinics/${clinicId}/rooms`)).items.map((r: { id: string }) => r.id);
  const firstDay = DateTime.now().setZone(ZONE).plus({ days: 3 }).startOf('day');
  const pick = (i: number, week: number) => {
    const r = (i * 2654435761) >>> 0;
    const d = (r % DAYS) + week * 7;
    const [h, m] = STARTS[(r >>> 8) % STARTS.length]!.split(':').map(Number);
    const t = (r >>> 16) % THERAPISTS;
    const start = firstDay.plus({ days: d }).set({ hour: h, minute: m });
    return { start: start.toUTC().toJSDate(), therapistId: therapistIds[t]!, roomId: rooms[t] as string };
  };

  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  // Week 0 for Palpa, weeks 1 and 2 for the baselines: the same pool size, so the same contention.
  const palpa = await loop(async (i) => {
    const slot = pick(i, 0);
    const r = await fetch(`${base}/api/clinics/${clinicId}/appointments`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `bench-${randomUUID()}` },
      body: JSON.stringify({
        patientId: patientIds[i % patientIds.length],
        serviceId: service.id,
        therapistId: slot.therapistId,
        roomId: slot.roomId,
        start: slot.start.toISOString(),
      }),
    });
    await r.arrayBuffer();
    if (r.status === 201) return 'won';
    if (r.status === 409) return 'lost';
    throw new Error(`unexpected ${r.status}`);
  });
  const rawInsert = async (i: number, week: number): Promise<'won' | 'lost'> => {
    const slot = pick(i, week);
    const end = new Date(slot.start.getTime() + 3_600_000);
    try {
      await db.insert(appointments).values({
        clinicId,
        id: uuidv7(),
        patientId: patientIds[i % patientIds.length]!,
        serviceId: service.id,
        therapistId: slot.therapistId,
        roomId: slot.roomId,
        locationId,
        startAt: slot.start,
        endAt: end,
        bufferAfterMinutes: 15,
        blockedStart: slot.start,
        blockedEnd: new Date(end.getTime() + 15 * 60_000),
        bookedBy: therapistIds[0]!,
        bookedVia: 'staff',
      });
      return 'won';
    } catch (error) {
      if (isSlotConflict(error)) return 'lost';
      throw error;
    }
  };
  const raw = await loop((i) => rawInsert(i, 1));
  // The same raw INSERT behind a bare Fastify route: what HTTP alone costs, so the gap left is Palpa's own work.
  const bare = Fastify();
  bare.post('/raw/:i', async (request, reply) => {
    const outcome = await rawInsert(Number((request.params as { i: string }).i), 2);
    return reply.status(outcome === 'won' ? 201 : 409).send({ outcome });
  });
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
  const overHttp = await loop(async (i) => {
    const r = await fetch(`${bareBase}/raw/${i}`, { method: 'POST' });
    await r.arrayBuffer();
    return r.status === 201 ? 'won' : 'lost';
  });
  await bare.close();
  // Palpa's lightest signed-in request (one session lookup): the floor under any authenticated write.
  const signedIn = await loop(async () => {
    const r = await fetch(`${base}/api/me`, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`unexpected ${r.status}`);
    return 'won';
  });
  await bench.close();

  const pool = THERAPISTS * DAYS * STARTS.length;
  const attempts = (r: typeof raw, refused: string) =>
    `${r.perSecond.toFixed(0)} attempts/s (${r.won} won, ${r.lost} ${refused})`;
  const ratio = palpa.perSecond / raw.perSecond;
  const figures: Figure[] = [
    {
      name: 'raw INSERT (same driver, exclusion constraint)',
      value: attempts(raw, 'refused'),
      target: '—',
      ok: true,
    },
    {
      name: 'the same INSERT behind bare Fastify, over HTTP',
      value: attempts(overHttp, '409'),
      target: '—',
      ok: true,
    },
    { name: 'Palpa POST /appointments over HTTP', value: attempts(palpa, '409'), target: '—', ok: true },
    {
      name: 'for scale: Palpa GET /api/me (session lookup only)',
      value: `${signedIn.perSecond.toFixed(0)} requests/s (${(signedIn.perSecond / raw.perSecond).toFixed(2)} × raw INSERT)`,
      target: '—',
      ok: true,
    },
    {
      name: 'no double-booking (winners ≤ free slots)',
      value: `${palpa.won} / ${pool}, ${raw.won} / ${pool}, ${overHttp.won} / ${pool}`,
      target: `≤ ${pool}`,
      ok: palpa.won <= pool && raw.won <= pool && overHttp.won <= pool,
    },
    {
      name: 'throughput ratio (Palpa ÷ raw INSERT)',
      value: ratio.toFixed(2),
      target: '≥ 0.50',
      ok: ratio >= 0.5,
    },
    {
      name: 'throughput ratio (Palpa ÷ INSERT behind bare Fastify)',
      value: (palpa.perSecond / overHttp.perSecond).toFixed(2),
      target: '—',
      ok: true,
    },
  ];
  printFigures(
    `Booking under contention, ${CONCURRENCY} clients × ${DURATION_MS / 1000} s, ${pool} slots, ${bench.databaseName}`,
    figures,
  );
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await runBookingBench();
