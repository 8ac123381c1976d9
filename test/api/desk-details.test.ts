import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, patients, physicianPatientLinks } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, appointmentRow, createOtherClinic } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, ZONE } from './scheduling-support.ts';

/** The calendar list tells staff (only) a first visit, a first visit booked as a follow-up, and the phone. */
let t: TestApp;
let w: SchedulingWorld;
let evaluationId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const evaluation = await ok(
    await w.frontDesk.post(`/api/clinics/${w.clinicId}/services`, {
      name: 'Initial evaluation 60',
      durationMinutes: 60,
      priceCents: 14000,
      kind: 'new_patient',
      therapistIds: w.therapists.map((x) => x.userId),
    }),
    201,
  );
  evaluationId = evaluation.id;
  for (const th of w.therapists) {
    // The world's schedule (every day 09:00–17:00, a break at noon), now with the evaluation too.
    await ok(
      await w.frontDesk.put(`/api/clinics/${w.clinicId}/therapists/${th.userId}/schedule`, {
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          start: '09:00',
          end: '17:00',
          locationId: w.locationId,
        })),
        breaks: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '12:00', end: '12:30' })),
        serviceIds: [w.serviceId, w.lymphId, evaluationId],
      }),
    );
  }
});
afterAll(() => t.close());

const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const book = async (patientId: string, serviceId: string, at: string, therapist = 0) =>
  ok(
    await w.frontDesk.post(url('/appointments'), {
      patientId,
      serviceId,
      therapistId: w.therapists[therapist]!.userId,
      start: local(at),
    }),
    201,
  );
/** A visit that happened (straight into the database: the API books only ahead). */
const pastVisit = async (
  patientId: string,
  daysAgo: number,
  status: 'completed' | 'no_show' | 'cancelled',
) => {
  const startAt = new Date(local(`${day(-daysAgo)}T10:00`));
  await t.database.db.insert(appointments).values(
    appointmentRow({
      clinicId: w.clinicId,
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[1]!.userId,
      roomId: w.rooms[0]!.id,
      locationId: w.locationId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      bookedBy: w.therapists[1]!.userId,
      status,
      ...(status === 'cancelled' ? { cancelledAt: startAt } : {}),
      ...(status === 'completed' ? { completedAt: startAt } : {}),
    }),
  );
};
const withPhone = async (patientId: string, phone: string) =>
  t.database.db.update(patients).set({ phone }).where(eq(patients.id, patientId));
const calendarReads = async () =>
  (await t.database.db
    .select({ actorUserId: auditLog.actorUserId, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'appointment.calendar_read'), eq(auditLog.clinicId, w.clinicId)))) as {
    actorUserId: string | null;
    details: { patientIds: string[]; withPhones?: boolean } | null;
  }[];
type Listed = {
  id: string;
  serviceKind?: string;
  firstVisit?: boolean;
  patientPhone?: string | null;
  intakeSubmitted?: boolean;
};
const listed = async (agent = w.frontDesk, query = '') => {
  const page = await ok(await agent.get(url(`/appointments?from=${day(0)}&to=${day(20)}${query}`)));
  return new Map((page.items as Listed[]).map((a) => [a.id, a]));
};

describe('first visits in the calendar list', () => {
  it('marks a first visit, booked as a follow-up or not, and not once the patient has completed a visit', async () => {
    const brandNew = await addPatient(t, w.clinicId);
    const evaluated = await addPatient(t, w.clinicId);
    const returning = await addPatient(t, w.clinicId);
    const missedOnly = await addPatient(t, w.clinicId);
    await pastVisit(returning.patientId, 30, 'completed');
    // A visit missed or cancelled is not a visit: the patient still comes for the first time.
    await pastVisit(missedOnly.patientId, 20, 'no_show');
    await pastVisit(missedOnly.patientId, 10, 'cancelled');

    const followUpFirst = await book(brandNew.patientId, w.serviceId, `${day(3)}T09:00`);
    const evaluation = await book(evaluated.patientId, evaluationId, `${day(3)}T10:30`);
    const evaluatedNext = await book(evaluated.patientId, w.serviceId, `${day(10)}T10:30`);
    const followUp = await book(returning.patientId, w.serviceId, `${day(3)}T13:00`);
    const missedFirst = await book(missedOnly.patientId, w.serviceId, `${day(4)}T09:00`);

    const items = await listed();
    expect(items.get(followUpFirst.id)).toMatchObject({ firstVisit: true, serviceKind: 'follow_up' });
    expect(items.get(evaluation.id)).toMatchObject({ firstVisit: true, serviceKind: 'new_patient' });
    // Booked but not yet attended: the second booking is a first visit too until the first is completed.
    expect(items.get(evaluatedNext.id)).toMatchObject({ firstVisit: true });
    expect(items.get(followUp.id)).toMatchObject({ firstVisit: false, serviceKind: 'follow_up' });
    expect(items.get(missedFirst.id)).toMatchObject({ firstVisit: true });

    // Once the evaluation is completed, the visit after it is no longer a first visit; the evaluation still is.
    await t.database.db
      .update(appointments)
      .set({ status: 'completed', completedAt: new Date() })
      .where(eq(appointments.id, evaluation.id));
    const after = await listed();
    expect(after.get(evaluation.id)).toMatchObject({ firstVisit: true });
    expect(after.get(evaluatedNext.id)).toMatchObject({ firstVisit: false });
  });

  it('is refused to another clinic', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const booked = await book(patientId, w.serviceId, `${day(5)}T09:00`);
    const other = await createOtherClinic(t);
    // Another clinic's front desk reads nothing of this calendar.
    const refused = await other.owner.get(url(`/appointments?from=${day(0)}&to=${day(20)}`));
    expect(refused.statusCode).toBe(403);
    expect((await listed()).get(booked.id)?.firstVisit).toBe(true);
  });
});

describe("the patient's phone in the calendar list", () => {
  it('is given to the front desk, therapists and the owner, and the read is audited', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    await withPhone(patientId, '(619) 555-0123');
    const booked = await book(patientId, w.serviceId, `${day(6)}T09:00`);
    for (const agent of [w.frontDesk, w.therapists[0]!.agent, w.owner]) {
      expect((await listed(agent)).get(booked.id)?.patientPhone).toBe('(619) 555-0123');
    }
    const noPhone = await addPatient(t, w.clinicId);
    const unreachable = await book(noPhone.patientId, w.serviceId, `${day(6)}T10:30`);
    expect((await listed()).get(unreachable.id)).toMatchObject({ patientPhone: null });
    // Each read names the patients shown and says their phones were in it.
    const reads = (await calendarReads()).filter((r) => r.details?.patientIds.includes(patientId));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const r of reads) expect(r.details).toMatchObject({ withPhones: true });
  });

  it('is never given to a patient (their own list) or a physician (a linked patient)', async () => {
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    await withPhone(me.patientId, '(619) 555-0144');
    const mine = await book(me.patientId, w.serviceId, `${day(7)}T09:00`);
    const own = await listed(me.agent!);
    expect([...own.keys()]).toEqual([mine.id]);
    expect(own.get(mine.id)).not.toHaveProperty('patientPhone');
    expect(own.get(mine.id)).not.toHaveProperty('firstVisit');
    expect(own.get(mine.id)).not.toHaveProperty('intakeSubmitted');
    const ownRead = (await calendarReads()).filter((r) => r.actorUserId === me.userId);
    expect(ownRead).toHaveLength(1);
    expect(ownRead[0]!.details).not.toHaveProperty('withPhones');

    const linked = await addPatient(t, w.clinicId);
    await withPhone(linked.patientId, '(619) 555-0155');
    const theirs = await book(linked.patientId, w.serviceId, `${day(7)}T10:30`);
    const doctor = await addMember(t, w.clinicId, ['physician']);
    await t.database.db.insert(physicianPatientLinks).values({
      clinicId: w.clinicId,
      patientId: linked.patientId,
      userId: doctor.userId,
      reason: 'referral',
    });
    const seen = await listed(doctor.agent, `&patientId=${linked.patientId}`);
    expect([...seen.keys()]).toEqual([theirs.id]);
    expect(seen.get(theirs.id)).not.toHaveProperty('patientPhone');
    expect(seen.get(theirs.id)).not.toHaveProperty('firstVisit');
    // …and the physician's list of the whole calendar is refused, as before.
    const all = await doctor.agent.get(url(`/appointments?from=${day(0)}&to=${day(20)}`));
    expect(all.statusCode).toBe(403);
  });
});

describe('what online booking reads to put new-patient sessions first', () => {
  it("is the signed-in patient's own chart attendance, and another patient's chart is refused", async () => {
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    const completedOf = async () => {
      const chart = await ok(await me.agent!.get(url(`/patients/${me.patientId}/chart`)));
      return chart.sections.find((s: { id: string }) => s.id === 'appointments')?.data?.tally?.completed;
    };
    expect(await completedOf()).toBe(0);
    await pastVisit(me.patientId, 40, 'completed');
    expect(await completedOf()).toBe(1);
    const other = await addPatient(t, w.clinicId);
    expect((await me.agent!.get(url(`/patients/${other.patientId}/chart`))).statusCode).toBe(403);
  });
});
