import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  clinicalReports,
  emailOutbox,
  patients,
  rebookReminders,
  referralVisits,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  planBody,
  plusDays,
  serviceAndRoom,
} from './clinical-support.ts';

/** The front desk's "to rebook" list: patients whose plan of care runs on with nothing booked ahead. */
let t: TestApp;
let w: ClinicalWorld;
let place: Awaited<ReturnType<typeof serviceAndRoom>>;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  place = await serviceAndRoom(w);
});
afterAll(() => t.close());

async function patientOnPlan(overrides: Record<string, unknown> = {}) {
  const { patientId, referralId } = await patientWithReferral(w);
  const plan = await w.therapist.agent.post(
    `${base(w, patientId)}/plans`,
    planBody(w, referralId, overrides),
  );
  expect(plan.statusCode, plan.body).toBe(201);
  return { patientId, referralId };
}

async function appointment(
  patientId: string,
  hoursFromNow: number,
  status: 'booked' | 'completed' | 'checked_in',
) {
  const startAt = new Date(t.clock.now().getTime() + hoursFromNow * HOUR);
  const endAt = new Date(startAt.getTime() + HOUR);
  await insertAppointment(w, place, { patientId, startAt, endAt, status });
  return startAt;
}

const rebook = async () => {
  const response = await w.owner.get(`/api/clinics/${w.clinicId}/rebook`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { patientId: string; [key: string]: unknown }[];
};

describe('patients to rebook', () => {
  it('lists a running plan with nothing booked ahead, longest since the last visit first', async () => {
    const drifting = await patientOnPlan();
    const lastVisit = await appointment(drifting.patientId, -24 * 9, 'completed');
    const here = await patientOnPlan();
    await appointment(here.patientId, -0.25, 'checked_in');
    const booked = await patientOnPlan();
    await appointment(booked.patientId, -24 * 8, 'completed');
    await appointment(booked.patientId, 48, 'booked');

    const items = await rebook();
    const ids = items.map((i) => i.patientId);
    expect(ids).toContain(drifting.patientId);
    expect(ids).toContain(here.patientId);
    expect(ids).not.toContain(booked.patientId);
    expect(ids.indexOf(drifting.patientId)).toBeLessThan(ids.indexOf(here.patientId));
    expect(items.find((i) => i.patientId === drifting.patientId)).toMatchObject({
      referralId: drifting.referralId,
      frequencyPerWeek: 2,
      planEndsOn: plusDays(t, 6 * 7 - 1),
      weeksLeft: 6,
      visitsLeft: 12,
      lastVisitAt: lastVisit.toISOString(),
      lastTherapistId: w.therapist.userId,
      inClinic: false,
    });
    // Checked in now: book the next session before they leave.
    expect(items.find((i) => i.patientId === here.patientId)).toMatchObject({ inClinic: true });
  });

  it('leaves out a plan that has ended, used its visits or been closed by a discharge summary', async () => {
    const ended = await patientOnPlan({
      startDate: plusDays(t, -29),
      reEvaluationDate: plusDays(t, 1),
      durationWeeks: 4,
    });
    const usedUp = await patientOnPlan({ plannedVisits: 2 });
    for (const _ of [1, 2])
      await t.database.db.insert(referralVisits).values({
        clinicId: w.clinicId,
        id: uuidv7(),
        referralId: usedUp.referralId,
        visitDate: plusDays(t, 0),
        sourceType: 'manual',
      });
    const discharged = await patientOnPlan();
    await t.database.db.insert(clinicalReports).values({
      clinicId: w.clinicId,
      id: uuidv7(),
      patientId: discharged.patientId,
      referralId: discharged.referralId,
      kind: 'discharge_summary',
      status: 'signed',
      content: {},
      periodStart: plusDays(t, -1),
      periodEnd: plusDays(t, 0),
      authorId: w.therapist.userId,
      signedAt: t.clock.now(),
    });
    const ids = (await rebook()).map((i) => i.patientId);
    expect(ids).not.toContain(ended.patientId);
    expect(ids).not.toContain(usedUp.patientId);
    expect(ids).not.toContain(discharged.patientId);
  });

  it('is for the clinic’s staff only, and the read is audited', async () => {
    const patient = await addMember(t, w.clinicId, ['patient']);
    expect((await patient.agent.get(`/api/clinics/${w.clinicId}/rebook`)).statusCode).toBe(403);
    expect((await w.physician.agent.get(`/api/clinics/${w.clinicId}/rebook`)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`/api/clinics/${w.clinicId}/rebook`)).statusCode).toBe(403);
    // Another clinic's own list never holds this clinic's patients.
    const theirs = await other.owner.get(`/api/clinics/${other.clinicId}/rebook`);
    expect(theirs.json().items).toEqual([]);

    const desk = await addMember(t, w.clinicId, ['front_desk']);
    const items = (await desk.agent.get(`/api/clinics/${w.clinicId}/rebook`)).json().items;
    expect(items.length).toBeGreaterThan(0);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointments.rebook.read'), eq(auditLog.actorUserId, desk.userId)));
    expect(row?.details).toMatchObject({ patientIds: items.map((i: { patientId: string }) => i.patientId) });
  });

  it('e-mails a patient on the list that it is time to book, without health details, once a week at most', async () => {
    const { patientId } = await patientOnPlan();
    const remind = (id: string, agent = w.owner) =>
      agent.post(`/api/clinics/${w.clinicId}/rebook/${id}/reminder`, {});
    const item = async (id: string) => (await rebook()).find((i) => i.patientId === id);
    const email = `ana-${patientId.slice(-6)}@example.test`;

    expect((await item(patientId))?.cannotRemind).toBe('no_email');
    const noAddress = await remind(patientId);
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.json().error.message).toMatch(/no e-mail address/);

    await t.database.db.update(patients).set({ email }).where(eq(patients.id, patientId));
    const sent = await remind(patientId);
    expect(sent.statusCode, sent.body).toBe(201);
    const mails = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Time to book your next session at Harbor Medical Massage');
    expect(mails[0]!.textBody).toContain(`/book?clinicId=${w.clinicId}`);
    for (const detail of ['M54', 'back', 'myofascial', 'plan', 'visits'])
      expect(mails[0]!.textBody.toLowerCase()).not.toContain(detail.toLowerCase());
    expect((await item(patientId))?.remindedAt).toBe(sent.json().sentAt);
    // A colleague a minute later is told it went out already.
    const again = await remind(patientId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/less than a week ago/);
    // Colleagues clicking at the same moment send one e-mail between them.
    const both = await patientOnPlan();
    const bothEmail = `both-${email}`;
    await t.database.db.update(patients).set({ email: bothEmail }).where(eq(patients.id, both.patientId));
    const desk = await addMember(t, w.clinicId, ['front_desk']);
    const clicks = await Promise.all(
      [w.owner, desk.agent, w.owner, desk.agent, w.owner, desk.agent].map((agent) =>
        remind(both.patientId, agent),
      ),
    );
    expect(clicks.map((c) => c.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(
      await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, bothEmail)),
    ).toHaveLength(1);
    expect(await auditOf(w, patientId, w.ownerId)).toContain('appointments.rebook_reminder:allowed');

    // A week on, it may go again.
    const weekAgo = await patientOnPlan();
    await t.database.db
      .update(patients)
      .set({ email: `x-${email}` })
      .where(eq(patients.id, weekAgo.patientId));
    await t.database.db.insert(rebookReminders).values({
      clinicId: w.clinicId,
      id: uuidv7(),
      patientId: weekAgo.patientId,
      sentBy: w.ownerId,
      outboxId: uuidv7(),
      sentAt: new Date(t.clock.now().getTime() - 8 * 24 * HOUR),
    });
    expect((await remind(weekAgo.patientId)).statusCode).toBe(201);
  });

  it('does not remind a patient who turned reminders off, who has booked, or of another clinic', async () => {
    const optedOut = await patientOnPlan();
    await t.database.db
      .update(patients)
      .set({ email: 'quiet@example.test', contactPreferences: { channel: 'phone', reminders: false } })
      .where(eq(patients.id, optedOut.patientId));
    const refused = await w.owner.post(
      `/api/clinics/${w.clinicId}/rebook/${optedOut.patientId}/reminder`,
      {},
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toMatch(/turned reminders off/);

    const booked = await patientOnPlan();
    await t.database.db
      .update(patients)
      .set({ email: 'booked@example.test' })
      .where(eq(patients.id, booked.patientId));
    await appointment(booked.patientId, 72, 'booked');
    expect(
      (await w.owner.post(`/api/clinics/${w.clinicId}/rebook/${booked.patientId}/reminder`, {})).statusCode,
    ).toBe(409);

    const other = await createOtherClinic(t);
    expect(
      (await other.owner.post(`/api/clinics/${w.clinicId}/rebook/${optedOut.patientId}/reminder`, {}))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.physician.agent.post(`/api/clinics/${w.clinicId}/rebook/${optedOut.patientId}/reminder`, {}))
        .statusCode,
    ).toBe(403);
    const sentToThem = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'quiet@example.test'));
    expect(sentToThem).toEqual([]);
  });
});
