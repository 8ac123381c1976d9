import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, therapistNextOpenings } from '../../src/db/schema/index.ts';
import { applicationTableNames } from '../../src/db/tables.ts';
import {
  directoryJobHandlers,
  IDLE_PERIOD_MS,
  queueRefresh,
  REFRESH_JOB,
  REFRESH_PERIOD_MS,
  refreshStoredOpenings,
} from '../../src/modules/directory/next-openings.ts';
import { STARTS_KEPT } from '../../src/modules/directory/openings.ts';
import { searchQuery } from '../../src/modules/directory/schemas.ts';
import { searchDirectory } from '../../src/modules/directory/search.ts';
import { runDueJobs } from '../../src/modules/scheduling/jobs.ts';
import { reminderHandlers } from '../../src/modules/scheduling/reminders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';
import { publishClinic, publishTherapist } from './directory-support.ts';
import { addPatient, buildWorld, ok, type SchedulingWorld, setNow, ZONE } from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;
let ana: string;
let ben: string;
let hidden: string;
let anaSlug: string;
let patientId: string;

const NOTICE_MS = 120 * 60_000; // the default minimum notice

/** One pass of the worker, as `palpa serve` runs it (reminders and the directory refresh). */
async function runJobs() {
  return runDueJobs(t.database.db, {
    workerId: 'test',
    now: t.clock.now,
    handlers: { ...reminderHandlers(t.app.deps), ...directoryJobHandlers() },
  });
}

/** Lets the next periodic refresh fall due and runs it. */
async function nextRefresh() {
  t.clock.advance(REFRESH_PERIOD_MS);
  await runJobs();
}

async function row(therapistId: string) {
  const [found] = await t.database.db
    .select()
    .from(therapistNextOpenings)
    .where(
      and(eq(therapistNextOpenings.clinicId, w.clinicId), eq(therapistNextOpenings.therapistId, therapistId)),
    );
  return found;
}

const search = async (query: string) => ok(await t.agent().get(`/api/directory/search?${query}`));
const itemOf = (result: { items: { therapistId: string }[] }, therapistId: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read as loose JSON
  result.items.find((i) => i.therapistId === therapistId) as any;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  [ana, ben] = w.therapists.map((x) => x.userId) as [string, string];
  await publishClinic(w.owner, w.clinicId);
  anaSlug = (
    await publishTherapist(w.owner, w.clinicId, ana, { displayName: 'Ana Reyes', conditions: ['sciatica'] })
  ).slug;
  await publishTherapist(w.owner, w.clinicId, ben, { displayName: 'Ben Carter', conditions: ['sciatica'] });
  hidden = (await addMember(t, w.clinicId, ['therapist'])).userId;
  await publishTherapist(w.owner, w.clinicId, hidden, { published: false, displayName: 'Hidden Harper' });
  patientId = (await addPatient(t, w.clinicId)).patientId;
}, 120_000);
afterAll(() => t?.close());

describe('stored next openings', () => {
  it('are filled by the background job for public therapists only, which queues its next run once', async () => {
    expect(await row(ana)).toBeUndefined();
    expect(await queueRefresh(t.database.db, t.clock.now(), { start: true })).toBe(true);
    expect(await queueRefresh(t.database.db, t.clock.now(), { start: true })).toBe(false); // same period
    await runJobs();
    for (const id of [ana, ben]) {
      const stored = (await row(id))!;
      expect(stored.stale).toBe(false);
      expect(stored.openings).toHaveLength(STARTS_KEPT);
      expect(stored.complete).toBe(false);
      const starts = stored.openings.map((s) => Date.parse(s));
      expect(starts[0]).toBeGreaterThanOrEqual(t.clock.now().getTime() + NOTICE_MS);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      // Valid until the last listed start is too close; recomputed from half-way.
      expect(stored.freshUntil.getTime()).toBe(starts.at(-1)! - NOTICE_MS);
      expect(stored.refreshAt.getTime()).toBeLessThan(stored.freshUntil.getTime());
    }
    expect(await row(hidden)).toBeUndefined(); // unpublished: not public, not computed
    const pending = await t.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, REFRESH_JOB), eq(jobs.status, 'pending')));
    expect(pending).toHaveLength(1);
    expect(pending[0]!.runAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(pending[0]!.runAt.getTime()).toBeLessThanOrEqual(t.clock.now().getTime() + REFRESH_PERIOD_MS);
  });

  it('search and the therapist page show the stored opening (not a recomputation)', async () => {
    // A start the engine would never produce (off the 15-minute grid) proves the stored row is what is read.
    const at = DateTime.now()
      .setZone(ZONE)
      .plus({ days: 3 })
      .set({ hour: 9, minute: 5, second: 0, millisecond: 0 });
    const start = at.toUTC().toISO()!;
    await t.database.db
      .update(therapistNextOpenings)
      .set({
        openings: [start],
        complete: true,
        spanStart: at.toJSDate(),
        spanEnd: at.plus({ minutes: 75 }).toJSDate(),
        freshUntil: new Date(t.clock.now().getTime() + 10 * 60_000),
      })
      .where(and(eq(therapistNextOpenings.clinicId, w.clinicId), eq(therapistNextOpenings.therapistId, ana)));
    const label = `${at.setLocale('en-US').toFormat('ccc')} 9:05 AM`;
    const found = itemOf(await search('condition=sciatica'), ana);
    expect(found.nextOpening).toEqual({ start: at.toUTC().toISO({ suppressMilliseconds: false }), label });
    expect(found.explanation).toContain(`next opening ${label}`);
    const page = await t.agent().get(`/therapists/${anaSlug}`);
    expect(page.body).toContain(`Next opening ${label}`);
    // Put the real row back.
    await t.database.db.update(therapistNextOpenings).set({ stale: true });
    await nextRefresh();
    expect((await row(ana))!.stale).toBe(false);
  });

  it('a booking that takes the next opening marks the row stale; the next run moves it forward', async () => {
    // Just past a quarter hour (the booking grid), so the first start stays bookable while the test moves the
    // clock on by a refresh period or two.
    setNow(t, new Date(Math.ceil(t.clock.now().getTime() / 900_000) * 900_000 + 1_000));
    const before = (await row(ana))!;
    const first = before.openings.find((s) => Date.parse(s) >= t.clock.now().getTime() + NOTICE_MS)!;
    // A booking far beyond both therapists' listed starts moves nothing: no row is marked.
    const later = DateTime.fromJSDate(new Date(before.openings.at(-1)!))
      .plus({ days: 3 })
      .setZone(ZONE)
      .set({ hour: 14, minute: 0 });
    await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
        patientId,
        serviceId: w.serviceId,
        therapistId: ana,
        start: later.toUTC().toISO(),
      }),
      201,
    );
    expect((await row(ana))!.stale).toBe(false);
    expect((await row(ben))!.stale).toBe(false);

    const booked = await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
        patientId,
        serviceId: w.serviceId,
        therapistId: ana,
        start: new Date(first).toISOString(),
      }),
      201,
    );
    expect((await row(ana))!.stale).toBe(true); // in the booking's own statement: no job needed for that
    // Meanwhile search computes Ana inline: never the taken start.
    const meanwhile = itemOf(await search('condition=sciatica'), ana);
    expect(Date.parse(meanwhile.nextOpening.start)).toBeGreaterThan(Date.parse(first));

    await nextRefresh();
    const after = (await row(ana))!;
    expect(after.stale).toBe(false);
    expect(Date.parse(after.openings[0]!)).toBeGreaterThan(Date.parse(first));
    expect(after.openings).not.toContain(first);
    const shown = itemOf(await search('condition=sciatica&available=true'), ana);
    expect(shown.nextOpening.start).toBe(new Date(after.openings[0]!).toISOString());

    // Cancelling frees the start again: stale at once, back after the next run.
    await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments/${booked.id}/cancel`, {
        reason: 'Patient called',
        cancelledBy: 'patient',
      }),
    );
    expect((await row(ana))!.stale).toBe(true);
    await nextRefresh();
    expect(new Date((await row(ana))!.openings[0]!).toISOString()).toBe(new Date(first).toISOString());
  });

  it('marks set-up changes: a therapist’s time off marks only that therapist, booking rules the whole clinic', async () => {
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
    await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/therapists/${ben}/exceptions`, {
        kind: 'holiday',
        date: tomorrow,
      }),
      201,
    );
    expect((await row(ben))!.stale).toBe(true);
    expect((await row(ana))!.stale).toBe(false);
    await nextRefresh();
    await ok(await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, { minNoticeMinutes: 240 }));
    expect((await row(ana))!.stale).toBe(true);
    expect((await row(ben))!.stale).toBe(true);
    await nextRefresh();
    const ana4h = (await row(ana))!;
    expect(ana4h.minNoticeMinutes).toBe(240);
    expect(Date.parse(ana4h.openings[0]!)).toBeGreaterThanOrEqual(t.clock.now().getTime() + 240 * 60_000);
    await ok(await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, { minNoticeMinutes: 120 }));
    await nextRefresh();
  });

  it('never shows a stored start that is now too close or past as a future opening', async () => {
    const stored = (await row(ana))!;
    const [s0, s1] = stored.openings.map((s) => Date.parse(s));
    // s0 is now closer than the minimum notice; the row is still usable and gives its next start.
    setNow(t, new Date(s0! - NOTICE_MS + 60_000));
    expect((await row(ana))!.freshUntil.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const moved = itemOf(await search('condition=sciatica'), ana);
    expect(Date.parse(moved.nextOpening.start)).toBe(s1);

    // Two days on, every stored start is past and the row expired (the job has not run): the search computes.
    setNow(t, new Date(s0! + 2 * 86_400_000));
    expect((await row(ana))!.freshUntil.getTime()).toBeLessThan(t.clock.now().getTime());
    const later = itemOf(await search('condition=sciatica&available=true'), ana);
    expect(Date.parse(later.nextOpening.start)).toBeGreaterThanOrEqual(t.clock.now().getTime() + NOTICE_MS);
    const page = await t.agent().get(`/therapists/${anaSlug}`);
    const label = DateTime.fromISO(later.nextOpening.start, { zone: ZONE })
      .setLocale('en-US')
      .toFormat('ccc h:mm a');
    expect(page.body).toContain(`Next opening ${label}`);
    // The job picks the expired rows up.
    await runJobs();
    const refreshed = (await row(ana))!;
    expect(refreshed.stale).toBe(false);
    expect(Date.parse(refreshed.openings[0]!)).toBe(Date.parse(later.nextOpening.start));
  });

  it('beyond the inline limit, says the opening is not known yet rather than "no opening"', async () => {
    await t.database.db.update(therapistNextOpenings).set({ stale: true });
    const query = (available: boolean) =>
      searchQuery.parse({ condition: 'sciatica', ...(available ? { available: 'true' } : {}) });
    const unknown = await searchDirectory(t.database.db, query(false), t.clock.now(), { inlineClinics: 0 });
    const item = itemOf(unknown, ana);
    expect(item.nextOpening).toBeNull();
    expect(item.explanation).toContain('next opening not known yet');
    expect(item.explanation).not.toContain('no opening this week');
    const available = await searchDirectory(t.database.db, query(true), t.clock.now(), { inlineClinics: 0 });
    expect(itemOf(available, ana)).toBeUndefined(); // listed as available only when known
    // Within the limit the same search computes them.
    const computed = await searchDirectory(t.database.db, query(true), t.clock.now());
    expect(itemOf(computed, ana).nextOpening).not.toBeNull();
    await runJobs();
  });

  it('skips a clinic while a booking in it is not committed (PostgreSQL: concurrent transactions)', async () => {
    if (t.database.kind !== 'postgres') return; // PGlite runs one transaction at a time
    await t.database.db.update(therapistNextOpenings).set({ stale: true });
    const wanted = new Map([[w.clinicId, [ana, ben]]]);
    const first = Date.parse((await row(ana))!.openings[0]!);
    await t.database.db.transaction(async (tx) => {
      // An uncommitted change in the clinic (the trigger holds the clinic's lock until commit).
      await tx.execute(sql`update appointments set status = 'cancelled', cancelled_at = now()
        where clinic_id = ${w.clinicId} and start_at > ${new Date(first).toISOString()}::timestamptz`);
      const refreshed = await t.database.db.transaction((other) =>
        refreshStoredOpenings(other, wanted, t.clock.now()),
      );
      expect(refreshed).toEqual([]);
    });
    expect((await row(ana))!.stale).toBe(true);
    await t.database.db.transaction(async (tx) => {
      expect(await refreshStoredOpenings(tx, wanted, t.clock.now())).toEqual([w.clinicId]);
    });
    expect((await row(ana))!.stale).toBe(false);
  });

  it('is loaded by import after every table whose triggers mark it', () => {
    // Import checks each table's digest after loading everything: a trigger firing on a later table would
    // change rows already loaded here.
    const order = applicationTableNames();
    const at = (name: string) => order.indexOf(name);
    for (const name of [
      'appointments',
      'clinics',
      'memberships',
      'rooms',
      'scheduling_settings',
      'service_therapists',
      'services',
      'therapist_breaks',
      'therapist_exceptions',
      'therapist_hours',
    ]) {
      expect(at(name), name).toBeGreaterThanOrEqual(0);
      expect(at(name), name).toBeLessThan(at('therapist_next_openings'));
    }
  });
});

describe('the refresh job with nothing public', () => {
  it('rests for ten minutes between runs, and a profile published wakes it within a period', async () => {
    const quiet = await createTestApp();
    try {
      const { owner, clinicId } = await setUpClinic(quiet);
      const run = () =>
        runDueJobs(quiet.database.db, {
          workerId: 'quiet',
          now: quiet.clock.now,
          handlers: directoryJobHandlers(),
        });
      const pendingRuns = async () =>
        (
          await quiet.database.db
            .select()
            .from(jobs)
            .where(and(eq(jobs.kind, REFRESH_JOB), eq(jobs.status, 'pending')))
        ).map((j) => j.runAt.getTime() - quiet.clock.now().getTime());
      await queueRefresh(quiet.database.db, quiet.clock.now(), { start: true });
      expect(await run()).toBe(1);
      const [resting] = await pendingRuns();
      expect(resting).toBeGreaterThan(IDLE_PERIOD_MS - REFRESH_PERIOD_MS);
      expect(resting).toBeLessThanOrEqual(IDLE_PERIOD_MS);

      await publishClinic(owner, clinicId);
      const soon = await pendingRuns();
      expect(soon).toHaveLength(2);
      expect(Math.min(...soon)).toBeLessThanOrEqual(REFRESH_PERIOD_MS);
    } finally {
      await quiet.close();
    }
  });
});
