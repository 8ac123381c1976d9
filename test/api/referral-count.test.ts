import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, referrals, referralVisits } from '../../src/db/schema/index.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { createOtherClinic } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, setNow } from './scheduling-support.ts';

/**
 * A referral's visits count every visit it covers, not only the appointments booked against it: the patient's
 * appointments booked against none within its validity (while it is the current referral) count too, in the
 * chart, the series preview and its warning, and the check before booking one visit. Bookings with no referral
 * chosen are booked against the current one.
 */
let t: TestApp;
let w: SchedulingWorld;
let deskUserId: string;
let other: { owner: Agent; clinicId: string };
let selfBooker: { patientId: string; agent: Agent };

const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const codes = (list: { code: string }[]) => list.map((x) => x.code);

async function referral(
  patientId: string,
  values: { validFrom: string; validUntil: string | null; authorizedVisits: number | null },
) {
  const id = uuidv7();
  await t.database.db.insert(referrals).values({
    clinicId: w.clinicId,
    id,
    patientId,
    source: 'paper',
    referralDate: values.validFrom,
    diagnoses: [],
    techniques: [],
    bodyRegions: [],
    authorizedVisits: values.authorizedVisits,
    validFrom: values.validFrom,
    validUntil: values.validUntil,
    createdBy: deskUserId,
  });
  return id;
}

async function recordVisits(referralId: string, dates: string[]) {
  for (const visitDate of dates)
    await t.database.db.insert(referralVisits).values({
      clinicId: w.clinicId,
      id: uuidv7(),
      referralId,
      visitDate,
      sourceType: 'manual',
    });
}

/** Books one visit; `referralId` undefined leaves the choice to the server, null books against none. */
async function book(
  patientId: string,
  localStart: string,
  referralId?: string | null,
  by: Agent = w.frontDesk,
  therapist = 0,
) {
  return ok(
    await by.post(url('/appointments'), {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[therapist]!.userId,
      start: local(localStart),
      ...(referralId !== undefined ? { referralId } : {}),
    }),
    201,
  );
}

/** The chart's view of a referral: visits used and booked. */
async function chartCounts(patientId: string, referralId: string) {
  const list = await ok(await w.frontDesk.get(url(`/patients/${patientId}/referrals?limit=50`)));
  const found = list.items.find((r: { id: string }) => r.id === referralId);
  return { used: found.visitsUsed, booked: found.visitsBooked, status: found.status };
}

const standingToBook = async (patientId: string, date: string) =>
  ok(await w.frontDesk.get(url(`/appointments/referral-standing?patientId=${patientId}&date=${date}`)));

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  deskUserId = (await w.frontDesk.get('/api/me')).json().user.id;
  other = await createOtherClinic(t);
  const own = await addPatient(t, w.clinicId, { withAccount: true });
  selfBooker = { patientId: own.patientId, agent: own.agent! };
  // Everyone signs in before the clock moves back to the weeks booked.
  setNow(t, '2026-03-01T12:00:00Z');
});
afterAll(() => t.close());

describe('a referral counts the visits it covers', () => {
  it('reproduces the walkthrough: unlinked appointments count; the series preview and its warning say so', async () => {
    const { patientId } = await addPatient(t, w.clinicId, { first: 'Maria' });
    const ref = await referral(patientId, {
      validFrom: '2026-02-01',
      validUntil: '2026-12-31',
      authorizedVisits: 12,
    });
    await recordVisits(ref, ['2026-02-10', '2026-02-17', '2026-02-24']);
    // Five upcoming visits booked with no referral attached (online, or one at a time).
    for (const day of ['02', '03', '04', '05', '06']) await book(patientId, `2026-03-${day}T15:00`, null);
    // Another patient's visits in the same weeks are not hers.
    const { patientId: someoneElse } = await addPatient(t, w.clinicId);
    await book(someoneElse, '2026-03-03T13:00', null, w.frontDesk, 1);
    await book(someoneElse, '2026-03-04T13:00', null, w.frontDesk, 1);
    expect(await chartCounts(patientId, ref)).toEqual({ used: 3, booked: 5, status: 'active' });

    // The series page leaves the referral to the server (or sends the current one): 2× a week for 6 weeks.
    const body = {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[0]!.userId,
      startDate: '2026-03-09',
      weeks: 6,
      times: [
        { weekday: 2, time: '10:00' },
        { weekday: 4, time: '10:00' },
      ],
    };
    const preview = await ok(await w.frontDesk.post(url('/appointments/series/preview'), body));
    expect(preview.referral).toEqual({
      id: ref,
      visitsAllowed: 12,
      visitsUsedOrBooked: 8,
      validFrom: '2026-02-01',
      validUntil: '2026-12-31',
    });
    expect(preview.occurrences).toHaveLength(12);
    expect(preview.occurrences.every((o: { ok: boolean }) => o.ok)).toBe(true);
    // 3 recorded + 5 booked + 4 = 12: the fifth date of the series is the thirteenth visit.
    expect(preview.occurrences.map((o: { warnings: { code: string }[] }) => codes(o.warnings))).toEqual([
      ...Array(4).fill([]),
      ...Array(8).fill(['exceeds_authorized_visits']),
    ]);
    expect(codes(preview.warnings)).toEqual(['exceeds_authorized_visits']);
    expect(
      (await ok(await w.frontDesk.post(url('/appointments/series/preview'), { ...body, referralId: ref })))
        .referral.visitsUsedOrBooked,
    ).toBe(8);
    // Staff may still choose none.
    const none = await ok(
      await w.frontDesk.post(url('/appointments/series/preview'), { ...body, referralId: null }),
    );
    expect(none.referral).toBeNull();
    expect(none.warnings).toEqual([]);

    const occurrences = preview.occurrences.map((o: { slot: { start: string; therapistId: string } }) => ({
      start: o.slot.start,
      therapistId: o.slot.therapistId,
    }));
    const refused = await w.frontDesk.post(url('/appointments/series'), {
      patientId,
      serviceId: w.serviceId,
      occurrences,
    });
    expect(refused.statusCode).toBe(422);
    expect(codes(refused.json().error.details.warnings)).toEqual(['exceeds_authorized_visits']);
    const created = await ok(
      await w.frontDesk.post(url('/appointments/series'), {
        patientId,
        serviceId: w.serviceId,
        occurrences,
        acknowledgeWarnings: true,
      }),
      201,
    );
    expect(created.appointments).toHaveLength(12);
    expect(created.appointments.every((a: { referralId: string }) => a.referralId === ref)).toBe(true);
    // The chart now says what the front desk must answer: 3 used, 17 booked of 12.
    expect(await chartCounts(patientId, ref)).toEqual({ used: 3, booked: 17, status: 'active' });
    const standing = await standingToBook(patientId, '2026-04-20');
    expect(standing.referral).toMatchObject({ id: ref, visitsUsedOrBooked: 20 });
    expect(codes(standing.warnings)).toEqual(['exceeds_authorized_visits']);
  });

  it('books against the current referral when none is chosen and the date is within its validity', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const older = await referral(patientId, {
      validFrom: '2026-02-01',
      validUntil: '2026-03-31',
      authorizedVisits: 10,
    });
    const current = await referral(patientId, {
      validFrom: '2026-03-01',
      validUntil: '2026-03-31',
      authorizedVisits: 4,
    });
    expect((await book(patientId, '2026-03-10T09:00', undefined, w.frontDesk, 1)).referralId).toBe(current);
    expect((await book(patientId, '2026-04-07T09:00', undefined, w.frontDesk, 1)).referralId).toBeNull(); // after it expires
    expect((await book(patientId, '2026-03-11T09:00', null, w.frontDesk, 1)).referralId).toBeNull(); // none, chosen
    expect((await book(patientId, '2026-03-12T09:00', older, w.frontDesk, 1)).referralId).toBe(older); // another, chosen
    // The unlinked visit within the validity counts against the current referral, not the older one; the
    // one after it expires counts against neither.
    expect(await chartCounts(patientId, current)).toMatchObject({ used: 0, booked: 2 });
    expect(await chartCounts(patientId, older)).toMatchObject({ used: 0, booked: 1 });
    expect((await standingToBook(patientId, '2026-03-20')).referral).toMatchObject({
      id: current,
      visitsUsedOrBooked: 2,
    });

    // Online: the patient booking for themselves is booked against their current referral too.
    const own = await referral(selfBooker.patientId, {
      validFrom: '2026-02-15',
      validUntil: null,
      authorizedVisits: 6,
    });
    const mine = await book(selfBooker.patientId, '2026-03-16T14:00', undefined, selfBooker.agent);
    expect(mine.bookedVia).toBe('patient');
    expect(mine.referralId).toBe(own);

    // A series with none chosen starting before the referral is valid is booked against none.
    const { patientId: later } = await addPatient(t, w.clinicId);
    await referral(later, { validFrom: '2026-05-01', validUntil: null, authorizedVisits: 8 });
    const preview = await ok(
      await w.frontDesk.post(url('/appointments/series/preview'), {
        patientId: later,
        serviceId: w.serviceId,
        startDate: '2026-03-16',
        weeks: 1,
        times: [{ weekday: 3, time: '11:00' }],
      }),
    );
    expect(preview.referral).toBeNull();
  });

  it('counts a completed visit once, as used; cancelled visits not at all', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const ref = await referral(patientId, {
      validFrom: '2026-03-01',
      validUntil: '2026-06-30',
      authorizedVisits: 6,
    });
    const linked = await book(patientId, '2026-03-23T09:00', undefined, w.frontDesk, 1);
    const unlinked = await book(patientId, '2026-03-23T14:00', null, w.frontDesk, 1);
    const cancelled = await book(patientId, '2026-03-24T09:00', undefined, w.frontDesk, 1);
    await book(patientId, '2026-03-30T09:00', undefined, w.frontDesk, 1);
    expect(linked.referralId).toBe(ref);
    expect(await chartCounts(patientId, ref)).toMatchObject({ used: 0, booked: 4 });
    await ok(
      await w.frontDesk.post(url(`/appointments/${cancelled.id}/cancel`), {
        reason: 'Sick',
        cancelledBy: 'patient',
      }),
    );
    expect(await chartCounts(patientId, ref)).toMatchObject({ used: 0, booked: 3 });

    try {
      setNow(t, local('2026-03-23T15:05'));
      const therapist = w.therapists[1]!.agent;
      for (const a of [linked, unlinked]) {
        await ok(await therapist.post(url(`/appointments/${a.id}/check-in`)));
        await ok(await therapist.post(url(`/appointments/${a.id}/complete`), {}));
      }
      // The linked visit is recorded as a referral visit and counted once; the unlinked one is counted as
      // completed. The one still to come stays booked.
      const recorded = await t.database.db
        .select()
        .from(referralVisits)
        .where(and(eq(referralVisits.clinicId, w.clinicId), eq(referralVisits.referralId, ref)));
      expect(recorded.map((v) => v.sourceId)).toEqual([linked.id]);
      expect(await chartCounts(patientId, ref)).toMatchObject({ used: 2, booked: 1 });
      expect((await standingToBook(patientId, '2026-04-01')).referral.visitsUsedOrBooked).toBe(3);
    } finally {
      setNow(t, '2026-03-01T12:00:00Z');
    }
    const rows = await t.database.db.select().from(appointments).where(eq(appointments.patientId, patientId));
    expect(rows.filter((r) => r.status === 'completed')).toHaveLength(2);
  });

  it('counts only the visits within its validity, even those booked against it (walkthrough: 4 of 12)', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const ref = await referral(patientId, {
      validFrom: '2026-03-20',
      validUntil: '2026-04-30',
      authorizedVisits: 12,
    });
    // Two visits booked against it before it starts, two within it; a manual visit recorded before it starts;
    // one booked against it after it expires.
    const early = [
      await book(patientId, '2026-03-16T10:30', ref, w.frontDesk, 1),
      await book(patientId, '2026-03-19T10:30', ref, w.frontDesk, 1),
    ];
    const within = [
      await book(patientId, '2026-03-23T10:30', ref, w.frontDesk, 1),
      await book(patientId, '2026-03-26T10:30', ref, w.frontDesk, 1),
    ];
    await book(patientId, '2026-05-04T10:30', ref, w.frontDesk, 1);
    await book(patientId, '2026-04-27T10:30', ref, w.frontDesk, 1);
    await recordVisits(ref, ['2026-03-18', '2026-03-24']);
    const therapist = w.therapists[1]!.agent;
    try {
      for (const a of [...early, ...within]) {
        setNow(t, new Date(new Date(a.start).getTime() + 5 * 60_000).toISOString());
        await ok(await therapist.post(url(`/appointments/${a.id}/check-in`)));
        await ok(await therapist.post(url(`/appointments/${a.id}/complete`), {}));
      }
    } finally {
      setNow(t, '2026-03-01T12:00:00Z');
    }
    // All four completed ones are recorded against it, but only the two within its validity count, with the
    // manual one of Mar 24; the one booked within counts as booked, the one after it expires does not.
    const recorded = await t.database.db
      .select()
      .from(referralVisits)
      .where(and(eq(referralVisits.clinicId, w.clinicId), eq(referralVisits.referralId, ref)));
    expect(recorded).toHaveLength(6);
    expect(await chartCounts(patientId, ref)).toEqual({ used: 3, booked: 1, status: 'pending' });
    expect((await standingToBook(patientId, '2026-04-01')).referral).toMatchObject({
      id: ref,
      visitsUsedOrBooked: 4,
    });
  });

  it('refuses another patient’s referral (400) and another clinic (403)', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const { patientId: otherPatient } = await addPatient(t, w.clinicId);
    const theirs = await referral(otherPatient, {
      validFrom: '2026-02-01',
      validUntil: null,
      authorizedVisits: 5,
    });
    const body = {
      patientId,
      serviceId: w.serviceId,
      referralId: theirs,
      startDate: '2026-03-16',
      weeks: 1,
      times: [{ weekday: 3, time: '13:00' }],
    };
    const wrong = await w.frontDesk.post(url('/appointments/series/preview'), body);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.referralId');
    const single = await w.frontDesk.post(url('/appointments'), {
      patientId,
      serviceId: w.serviceId,
      start: local('2026-03-18T13:00'),
      referralId: theirs,
    });
    expect(single.statusCode).toBe(400);
    const { referralId: _, ...withoutReferral } = body;
    expect((await other.owner.post(url('/appointments/series/preview'), withoutReferral)).statusCode).toBe(
      403,
    );
  });
});
