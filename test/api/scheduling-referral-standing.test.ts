import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, referrals, referralVisits } from '../../src/db/schema/index.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, setNow } from './scheduling-support.ts';

/**
 * What the calendar tells the desk before booking a visit or checking a patient in: where the visit stands on
 * the referral it is booked against, or else the patient's current one — by the series rule.
 */
let t: TestApp;
let w: SchedulingWorld;
let deskUserId: string;
let other: { owner: Agent; clinicId: string };
let patientAgent: Agent;
let ownPatientId: string;
let physician: Agent;

const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const standingToBook = (patientId: string, date: string) =>
  w.frontDesk.get(url(`/appointments/referral-standing?patientId=${patientId}&date=${date}`));
const standingOf = (appointmentId: string) =>
  w.frontDesk.get(url(`/appointments/${appointmentId}/referral-standing`));
const codes = (body: { warnings: { code: string }[] }) => body.warnings.map((x) => x.code);

async function referral(
  patientId: string,
  values: { validFrom: string; validUntil: string | null; authorizedVisits: number | null; renews?: string },
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
    renewsReferralId: values.renews ?? null,
    createdBy: deskUserId,
  });
  return id;
}

async function book(patientId: string, localStart: string, referralId?: string) {
  return ok(
    await w.frontDesk.post(url('/appointments'), {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[0]!.userId,
      start: local(localStart),
      ...(referralId ? { referralId } : {}),
    }),
    201,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  deskUserId = (await w.frontDesk.get('/api/me')).json().user.id;
  other = await createOtherClinic(t);
  const own = await addPatient(t, w.clinicId, { withAccount: true });
  patientAgent = own.agent!;
  ownPatientId = own.patientId;
  physician = (await addMember(t, w.clinicId, ['physician'])).agent;
  // Everyone signs in before the clock moves back to the weeks booked.
  setNow(t, '2026-03-01T12:00:00Z');
});
afterAll(() => t.close());

describe('referral standing before booking and check-in', () => {
  it('says a referral expired for a visit booked against none, and audits the read', async () => {
    const { patientId } = await addPatient(t, w.clinicId, { first: 'Hiroshi' });
    const expired = await referral(patientId, {
      validFrom: '2025-09-01',
      validUntil: '2026-02-27',
      authorizedVisits: 10,
    });
    const visit = await book(patientId, '2026-03-03T10:00');
    expect(visit.referralId).toBeNull();
    const before = await ok(await standingOf(visit.id));
    expect(before.referral).toEqual({
      id: expired,
      linked: false,
      validFrom: '2025-09-01',
      validUntil: '2026-02-27',
      visitsAllowed: 10,
      visitsUsedOrBooked: 0,
    });
    expect(codes(before)).toEqual(['after_referral_expiry']);
    expect(codes(await ok(await standingToBook(patientId, '2026-03-05')))).toEqual(['after_referral_expiry']);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'appointment.referral_standing')));
    expect(audited.map((a) => [a.outcome, a.resourceType]).sort()).toEqual([
      ['allowed', 'appointment'],
      ['allowed', 'referral'],
    ]);
  });

  it('counts recorded visits and live bookings: one more is beyond the authorised visits', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const ref = await referral(patientId, {
      validFrom: '2026-02-01',
      validUntil: '2026-06-30',
      authorizedVisits: 3,
    });
    await t.database.db.insert(referralVisits).values({
      clinicId: w.clinicId,
      id: uuidv7(),
      referralId: ref,
      visitDate: '2026-02-20',
      sourceType: 'manual',
    });
    const first = await book(patientId, '2026-03-03T14:00', ref);
    const second = await book(patientId, '2026-03-10T14:00', ref);
    // Booking a fourth: one recorded and two booked of three.
    const toBook = await ok(await standingToBook(patientId, '2026-03-12'));
    expect(toBook.referral).toMatchObject({
      id: ref,
      linked: false,
      visitsAllowed: 3,
      visitsUsedOrBooked: 3,
    });
    expect(codes(toBook)).toEqual(['exceeds_authorized_visits']);
    // Each booked visit counts only what comes before it: both are within the three.
    const atFirst = await ok(await standingOf(first.id));
    expect(atFirst.referral).toMatchObject({ linked: true, visitsUsedOrBooked: 1 });
    expect(codes(atFirst)).toEqual([]);
    expect(codes(await ok(await standingOf(second.id)))).toEqual([]);
    const third = await book(patientId, '2026-03-12T14:00', ref);
    const atThird = await ok(await standingOf(third.id));
    expect(atThird.referral.visitsUsedOrBooked).toBe(3);
    expect(codes(atThird)).toEqual(['exceeds_authorized_visits']);
    // A cancelled booking frees its place.
    await ok(
      await w.frontDesk.post(url(`/appointments/${second.id}/cancel`), {
        reason: 'Sick',
        cancelledBy: 'patient',
      }),
    );
    expect(codes(await ok(await standingOf(third.id)))).toEqual([]);
  });

  it('reads the renewal, not the referral it renewed; nothing for a patient without one', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const old = await referral(patientId, {
      validFrom: '2025-11-01',
      validUntil: '2026-02-15',
      authorizedVisits: 6,
    });
    const renewal = await referral(patientId, {
      validFrom: '2026-02-16',
      validUntil: '2026-05-01',
      authorizedVisits: null,
      renews: old,
    });
    const standing = await ok(await standingToBook(patientId, '2026-03-05'));
    expect(standing.referral).toMatchObject({ id: renewal, visitsAllowed: null });
    expect(standing.warnings).toEqual([]);

    const selfPay = await addPatient(t, w.clinicId);
    expect(await ok(await standingToBook(selfPay.patientId, '2026-03-05'))).toEqual({
      referral: null,
      warnings: [],
    });
  });

  it('says a referral is not valid yet when it starts after the visit', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    await referral(patientId, { validFrom: '2026-04-01', validUntil: null, authorizedVisits: 8 });
    const standing = await ok(await standingToBook(patientId, '2026-03-05'));
    expect(codes(standing)).toEqual(['before_referral_start']);
    expect(standing.warnings[0].message).toBe('Before the referral is valid (2026-04-01)');
  });

  it('is for the clinic’s staff: patients and other clinics are refused; bad input is a 400, unknown ids 404', async () => {
    const visit = await book(ownPatientId, '2026-03-04T10:00');
    expect(
      (
        await patientAgent.get(
          url(`/appointments/referral-standing?patientId=${ownPatientId}&date=2026-03-05`),
        )
      ).statusCode,
    ).toBe(403);
    expect((await patientAgent.get(url(`/appointments/${visit.id}/referral-standing`))).statusCode).toBe(403);
    expect((await other.owner.get(url(`/appointments/${visit.id}/referral-standing`))).statusCode).toBe(403);
    expect((await standingOf(uuidv7())).statusCode).toBe(404);
    for (const query of [
      `patientId=${ownPatientId}&date=2026-02-30`,
      `patientId=nope&date=2026-03-05`,
      'date=2026-03-05',
    ]) {
      const response = await w.frontDesk.get(url(`/appointments/referral-standing?${query}`));
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('referral standing of the day list, in one read', () => {
  const standings = (agent: Agent, query: string) => agent.get(url(`/referral-standing?${query}`));

  it('answers for each visit to come what its own read answers, and audits the patients listed', async () => {
    // A week nobody else books in: 2026-04-13 to 2026-04-19.
    const expiredFor = await addPatient(t, w.clinicId, { first: 'Oscar' });
    await referral(expiredFor.patientId, {
      validFrom: '2026-01-01',
      validUntil: '2026-03-31',
      authorizedVisits: 12,
    });
    const expiredVisit = await book(expiredFor.patientId, '2026-04-13T09:00');
    const usedUp = await addPatient(t, w.clinicId);
    const ref = await referral(usedUp.patientId, {
      validFrom: '2026-03-01',
      validUntil: '2026-06-30',
      authorizedVisits: 2,
    });
    const done = await book(usedUp.patientId, '2026-04-13T13:00', ref);
    const within = await book(usedUp.patientId, '2026-04-14T10:00', ref);
    const beyond = await book(usedUp.patientId, '2026-04-15T10:00', ref);
    // One visit done (not marked: it is over), one cancelled (not marked, and frees no place here).
    await t.database.db.update(appointments).set({ status: 'completed' }).where(eq(appointments.id, done.id));
    const notYet = await addPatient(t, w.clinicId);
    await referral(notYet.patientId, { validFrom: '2026-05-01', validUntil: null, authorizedVisits: 8 });
    const early = await book(notYet.patientId, '2026-04-16T10:00');
    const selfPay = await addPatient(t, w.clinicId);
    const unreferred = await book(selfPay.patientId, '2026-04-16T14:00');
    const cancelled = await book(selfPay.patientId, '2026-04-17T14:00');
    await ok(
      await w.frontDesk.post(url(`/appointments/${cancelled.id}/cancel`), {
        reason: 'Travelling',
        cancelledBy: 'patient',
      }),
    );
    // After the week: not in it.
    await book(expiredFor.patientId, '2026-04-20T09:00');

    const body = await ok(await standings(w.frontDesk, 'from=2026-04-13&to=2026-04-20'));
    expect(body.items.map((i: { appointmentId: string }) => i.appointmentId)).toEqual([
      expiredVisit.id,
      within.id,
      beyond.id,
      early.id,
      unreferred.id,
    ]);
    for (const item of body.items) {
      const { appointmentId, ...standing } = item;
      expect(standing, appointmentId).toEqual(await ok(await standingOf(appointmentId)));
    }
    const byId = new Map<string, { warnings: { code: string }[] }>(
      body.items.map((i: { appointmentId: string; warnings: { code: string }[] }) => [i.appointmentId, i]),
    );
    expect(codes(byId.get(expiredVisit.id)!)).toEqual(['after_referral_expiry']);
    expect(codes(byId.get(within.id)!)).toEqual([]);
    expect(byId.get(beyond.id)).toMatchObject({
      referral: { id: ref, linked: true, visitsAllowed: 2, visitsUsedOrBooked: 2 },
    });
    expect(codes(byId.get(beyond.id)!)).toEqual(['exceeds_authorized_visits']);
    expect(codes(byId.get(early.id)!)).toEqual(['before_referral_start']);
    expect(byId.get(unreferred.id)).toMatchObject({ referral: null, warnings: [] });

    const [audited] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'appointment.referral_standing_list'));
    expect(audited).toMatchObject({ outcome: 'allowed', resourceType: 'referral', patientId: null });
    expect((audited!.details as { patientIds: string[] }).patientIds.sort()).toEqual(
      [expiredFor.patientId, usedUp.patientId, notYet.patientId, selfPay.patientId].sort(),
    );

    // The owner and therapists read it too (the day's visit done is not marked); an empty range is an empty list.
    for (const agent of [w.owner, w.therapists[0]!.agent]) {
      const day = await ok(await standings(agent, 'from=2026-04-13&to=2026-04-14'));
      expect(day.items).toEqual([byId.get(expiredVisit.id)]);
    }
    expect(await ok(await standings(w.frontDesk, 'from=2026-08-03&to=2026-08-04'))).toEqual({ items: [] });
  });

  it('is for the clinic’s staff: patients, physicians and other clinics are refused; a bad range is a 400', async () => {
    const query = 'from=2026-04-13&to=2026-04-20';
    for (const [who, agent] of [
      ['patient', patientAgent],
      ['physician', physician],
      ['other clinic', other.owner],
    ] as const) {
      const response = await standings(agent, query);
      expect(response.statusCode, who).toBe(403);
      expect(response.json().error.code, who).toBe('forbidden');
    }
    const refused = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.appointments.manage'), eq(auditLog.outcome, 'refused')));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const bad of [
      'from=2026-04-13',
      'from=2026-04-13&to=2026-04-13',
      'from=2026-04-20&to=2026-04-13',
      'from=2026-04-01&to=2026-05-15',
      'from=2026-02-30&to=2026-03-02',
      'from=yesterday&to=2026-04-13',
    ]) {
      const response = await standings(w.frontDesk, bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.code, bad).toBe('validation_failed');
    }
  });
});
