import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, patients } from '../../src/db/schema/index.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, appointmentRow, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  planBody,
  plusDays,
  serviceAndRoom,
  signInAgain,
  ZONE,
} from './clinical-support.ts';

/** Past visits without a note on the therapist's to-do list (`GET /clinics/:id/todo`). */
let t: TestApp;
let w: ClinicalWorld;
let place: Awaited<ReturnType<typeof serviceAndRoom>>;
let patientId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  place = await serviceAndRoom(w);
  ({ patientId } = await patientWithReferral(w));
}, 60_000);
afterAll(() => t.close());

type Item = {
  kind: string;
  patientId: string;
  patientName: string;
  resourceType: string;
  resourceId: string;
  since: string | null;
  message: string;
  href: string;
};

const todoOf = async (agent = w.therapist.agent, clinicId = w.clinicId) => {
  const response = await agent.get(`/api/clinics/${clinicId}/todo`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Item[];
};
const visitsOf = async (agent = w.therapist.agent) =>
  (await todoOf(agent)).filter((i) => i.kind === 'undocumented_visit');

/** An hour-long visit on the clinic's day `offset` days from today, at `hour`. */
const visit = (offset: number, values: Partial<typeof appointments.$inferInsert> = {}, hour = 10) => {
  const start = DateTime.fromISO(plusDays(t, offset), { zone: ZONE }).set({ hour });
  return insertAppointment(w, place, {
    patientId,
    startAt: start.toJSDate(),
    endAt: start.plus({ hours: 1 }).toJSDate(),
    status: 'completed',
    ...values,
  });
};

describe('past visits without a note', () => {
  it('lists the therapist’s own, says how old each is and links to start its note', async () => {
    const old = await visit(-20);
    const checkedIn = await visit(-3, { status: 'checked_in' });
    // Not listed: today's visit (Home shows it), visits that did not take place, one still to come.
    await visit(0, {}, 0);
    await visit(-4, { status: 'cancelled', cancelledAt: t.clock.now() });
    await visit(-5, { status: 'no_show', noShowAt: t.clock.now() });
    await visit(-6, { status: 'booked' });
    await visit(2, { status: 'confirmed' });
    // Nor one from before the last 90 days (history from before Palpa would bury the list).
    await visit(-91);

    const items = await visitsOf();
    expect(items.map((i) => i.resourceId)).toEqual([old, checkedIn]);
    expect(items[0]).toMatchObject({
      patientId,
      patientName: expect.stringContaining('Ana'),
      resourceType: 'appointment',
      message: `Visit on ${dayText(plusDays(t, -20))} has no note (20 days ago)`,
      href: `/patients/${patientId}/notes/new?appointmentId=${old}`,
    });
    expect(items[1]!.message).toBe(`Visit on ${dayText(plusDays(t, -3))} has no note (3 days ago)`);

    // The read is audited like the rest of the to-do, naming the patients listed.
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'clinical.todo.read'), eq(auditLog.actorUserId, w.therapist.userId)))
      .orderBy(auditLog.id);
    expect(audit).toMatchObject({ outcome: 'allowed', patientId, details: { patientIds: [patientId] } });

    // Documented by a note for it (even a draft), or by the patient's unlinked note of the same day: gone.
    const linked = await w.therapist.agent.post(`${base(w, patientId)}/notes`, { appointmentId: old });
    expect(linked.statusCode, linked.body).toBe(201);
    const sameDay = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      visitDate: plusDays(t, -3),
    });
    expect(sameDay.statusCode, sameDay.body).toBe(201);
    expect(await visitsOf()).toEqual([]);

    // An unlinked note of another day documents no other visit.
    const later = await visit(-2, {}, 14);
    const otherDay = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      visitDate: plusDays(t, -1),
    });
    expect(otherDay.statusCode, otherDay.body).toBe(201);
    expect((await visitsOf()).map((i) => i.resourceId)).toEqual([later]);
    // A signed note's appointment (linked on the appointment row) counts too.
    await t.database.db
      .update(appointments)
      .set({ sessionNoteId: otherDay.json().id })
      .where(eq(appointments.id, later));
    expect(await visitsOf()).toEqual([]);
  });

  it('lists neither another therapist’s visits nor another clinic’s; an owner sees their own', async () => {
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    const theirs = await visit(-8, { therapistId: colleague.userId });
    const owners = await visit(-9, { therapistId: w.ownerId }, 15);
    // The therapist's id on a visit in another clinic lists nothing here, nor there for its owner.
    const other = await createOtherClinic(t);
    const elsewhere = { ...w, clinicId: other.clinicId };
    const otherPatient = uuidv7();
    await t.database.db.insert(patients).values({
      clinicId: other.clinicId,
      id: otherPatient,
      legalFirstName: 'Eli',
      legalLastName: 'Stone',
      dateOfBirth: '1975-01-01',
    });
    const start = new Date(t.clock.now().getTime() - 10 * 86_400_000);
    await t.database.db.insert(appointments).values(
      appointmentRow({
        clinicId: other.clinicId,
        therapistId: w.therapist.userId,
        ...(await serviceAndRoom(elsewhere)),
        patientId: otherPatient,
        startAt: start,
        endAt: new Date(start.getTime() + 3_600_000),
        status: 'completed',
        bookedBy: w.therapist.userId,
      }),
    );

    expect(await visitsOf()).toEqual([]);
    expect((await visitsOf(colleague.agent)).map((i) => i.resourceId)).toEqual([theirs]);
    expect((await visitsOf(w.owner)).map((i) => i.resourceId)).toEqual([owners]);
    expect(
      (await todoOf(other.owner, other.clinicId)).filter((i) => i.kind === 'undocumented_visit'),
    ).toEqual([]);
  });
});

describe('links', () => {
  it('every kind of item names the page that resolves it', async () => {
    const ids = await patientWithReferral(w, { health: {} });
    const plan = await w.therapist.agent.post(
      `${base(w, ids.patientId)}/plans`,
      planBody(w, ids.referralId, { reEvaluationDate: plusDays(t, 5) }),
    );
    expect(plan.statusCode, plan.body).toBe(201);
    const draft = await w.therapist.agent.post(`${base(w, ids.patientId)}/notes`, {});
    expect(draft.statusCode, draft.body).toBe(201);
    t.clock.advance(25 * 3_600_000);
    await signInAgain(w);
    const patient = `/patients/${ids.patientId}`;
    const links = (await todoOf()).filter((i) => i.patientId === ids.patientId).map((i) => [i.kind, i.href]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['unsigned_note', `${patient}/notes/${draft.json().id}`],
        ['re_evaluation_due', `${patient}/assessments/new?kind=re_evaluation`],
        ['recertification_due', `${patient}/plan`],
      ]),
    );
    expect(links).toHaveLength(3);
  });
});
