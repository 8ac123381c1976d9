import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, patients, therapistExceptions } from '../../src/db/schema/index.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, setNow } from './scheduling-support.ts';

/**
 * Time off over booked patients: refused with the list (409) unless acknowledged; an acknowledged save keeps
 * the appointments as they are and says which lie in the time off.
 */
let t: TestApp;
let w: SchedulingWorld;
let ana: string; // the therapist taking time off
let ben: string; // the other therapist
let other: { owner: Agent; clinicId: string }; // an unrelated clinic
let secondDesk: Agent;
const TUE = '2026-03-03';
const WED = '2026-03-04';
const booked: Record<string, { id: string; start: string; patientId: string }> = {};

const exceptionsUrl = (therapistId: string) =>
  `/api/clinics/${w.clinicId}/therapists/${therapistId}/exceptions`;

async function book(key: string, therapistId: string, localStart: string, first: string) {
  const { patientId } = await addPatient(t, w.clinicId, { first });
  const a = await ok(
    await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
      patientId,
      serviceId: w.serviceId,
      therapistId,
      start: local(localStart),
    }),
    201,
  );
  booked[key] = { id: a.id, start: a.start, patientId };
}

async function exceptionsOf(therapistId: string) {
  return t.database.db
    .select()
    .from(therapistExceptions)
    .where(
      and(eq(therapistExceptions.clinicId, w.clinicId), eq(therapistExceptions.therapistId, therapistId)),
    );
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  [ana, ben] = w.therapists.map((x) => x.userId) as [string, string];
  // Everyone signs in before the clock moves back to the week being booked.
  other = await createOtherClinic(t);
  secondDesk = (await addMember(t, w.clinicId, ['front_desk'])).agent;
  setNow(t, '2026-03-01T12:00:00Z');
  await book('tue9', ana, `${TUE}T09:00`, 'Jane');
  await book('tue14', ana, `${TUE}T14:00`, 'Omar');
  await book('tue11cancelled', ana, `${TUE}T10:45`, 'Lee');
  await ok(
    await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments/${booked.tue11cancelled!.id}/cancel`, {
      reason: 'Patient called',
      cancelledBy: 'patient',
    }),
  );
  await book('tue10ben', ben, `${TUE}T10:00`, 'Ravi');
  await book('wed9', ana, `${WED}T09:00`, 'Mia');
  await book('wed14', ana, `${WED}T14:00`, 'Noor');
  // Jane goes by a preferred name: the list shows it, as the calendar does.
  await t.database.db
    .update(patients)
    .set({ preferredName: 'Janie' })
    .where(and(eq(patients.clinicId, w.clinicId), eq(patients.id, booked.tue9!.patientId)));
});
afterAll(() => t.close());

describe('time off over booked patients', () => {
  it('is refused with 409 listing the booked appointments, nothing saved, the read audited', async () => {
    const before = (await exceptionsOf(ana)).length;
    const refused = await w.frontDesk.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
      note: 'Conference',
    });
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json();
    expect(error.code).toBe('appointments_in_time_off');
    expect(error.message).toMatch(/2 booked appointments fall in this time off/);
    expect(error.details).toEqual({
      total: 2,
      appointments: [
        {
          id: booked.tue9!.id,
          start: booked.tue9!.start,
          end: new Date(Date.parse(booked.tue9!.start) + 3_600_000).toISOString(),
          status: 'booked',
          patientName: 'Janie Example',
        },
        expect.objectContaining({ id: booked.tue14!.id, patientName: 'Omar Example', status: 'booked' }),
      ],
    });
    // The cancelled visit and the other therapist's patient are not listed.
    const ids = error.details.appointments.map((a: { id: string }) => a.id);
    expect(ids).not.toContain(booked.tue11cancelled!.id);
    expect(ids).not.toContain(booked.tue10ben!.id);
    expect(await exceptionsOf(ana)).toHaveLength(before);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'appointment.time_off_overlap_read'));
    expect(audit).toMatchObject({ clinicId: w.clinicId, resourceType: 'appointment', outcome: 'allowed' });
    expect(audit!.details).toMatchObject({
      therapistId: ana,
      count: 2,
      appointmentIds: [booked.tue9!.id, booked.tue14!.id],
      patientIds: [booked.tue9!.patientId, booked.tue14!.patientId],
      namesShown: true,
      saved: false,
    });
    // Ids only in the audit: no names, no times.
    expect(JSON.stringify(audit!.details)).not.toMatch(/Janie|Omar|T\d\d:/);
  });

  it('does not count cancelled appointments or ones that only touch the time off', async () => {
    // 10:45–11:45 holds only Lee's cancelled visit.
    const cancelledOnly = await ok(
      await w.frontDesk.post(exceptionsUrl(ana), {
        kind: 'time_off',
        startDate: TUE,
        endDate: TUE,
        startTime: '10:45',
        endTime: '11:45',
      }),
      201,
    );
    expect(cancelledOnly.bookedAppointments).toEqual({ total: 0, appointments: [] });
    // 10:00–14:00 touches Jane's 09:00–10:00 and Omar's 14:00 start: half-open, so neither is inside.
    const touching = await ok(
      await w.frontDesk.post(exceptionsUrl(ana), {
        kind: 'time_off',
        startDate: TUE,
        endDate: TUE,
        startTime: '10:00',
        endTime: '14:00',
      }),
      201,
    );
    expect(touching.bookedAppointments.total).toBe(0);
  });

  it('saves when acknowledged, keeps the appointments booked and says which lie in the time off', async () => {
    const saved = await ok(
      await w.owner.post(exceptionsUrl(ana), {
        kind: 'time_off',
        startDate: TUE,
        endDate: WED,
        startTime: '13:00',
        note: 'Conference',
        acknowledgeBookedAppointments: true,
      }),
      201,
    );
    expect(saved).toMatchObject({
      kind: 'time_off',
      startDate: TUE,
      endDate: WED,
      startTime: '13:00',
      endTime: null,
      note: 'Conference',
    });
    // From Tuesday 13:00 to the end of Wednesday: Omar, Mia and Noor; not Jane at 09:00 on Tuesday.
    expect(saved.bookedAppointments.total).toBe(3);
    expect(saved.bookedAppointments.appointments.map((a: { id: string }) => a.id)).toEqual([
      booked.tue14!.id,
      booked.wed9!.id,
      booked.wed14!.id,
    ]);
    expect(saved.bookedAppointments.appointments[1].patientName).toBe('Mia Example');

    const [row] = await t.database.db
      .select()
      .from(therapistExceptions)
      .where(and(eq(therapistExceptions.clinicId, w.clinicId), eq(therapistExceptions.id, saved.id)));
    expect(row).toMatchObject({ kind: 'time_off', therapistId: ana, startTime: '13:00', endTime: null });
    const still = await t.database.db
      .select({ id: appointments.id, status: appointments.status, cancelledAt: appointments.cancelledAt })
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.therapistId, ana)));
    for (const key of ['tue14', 'wed9', 'wed14']) {
      expect(still.find((a) => a.id === booked[key]!.id)).toMatchObject({
        status: 'booked',
        cancelledAt: null,
      });
    }

    const added = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'therapist.exception_added'), eq(auditLog.resourceId, saved.id)));
    expect(added[0]!.details).toEqual({ kind: 'time_off', bookedAppointments: 3, acknowledged: true });
    const reads = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'appointment.time_off_overlap_read'));
    expect(reads.at(-1)!.details).toMatchObject({ count: 3, saved: true });
  });

  it('checks a holiday too, sparing the extra hours planned on its date', async () => {
    const friday = '2026-03-06';
    await book('fri9', ben, `${friday}T09:00`, 'Ada');
    await book('fri14', ben, `${friday}T14:00`, 'Kai');
    // Extra hours 08:00–10:30 that Friday: Ada's 09:00 visit is in them, Kai's 14:00 is in regular hours.
    await ok(
      await w.frontDesk.post(exceptionsUrl(ben), {
        kind: 'extra_hours',
        date: friday,
        start: '08:00',
        end: '10:30',
        locationId: w.locationId,
      }),
      201,
    );
    const refused = await w.frontDesk.post(exceptionsUrl(ben), { kind: 'holiday', date: friday });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^1 booked appointment falls on this holiday/);
    expect(refused.json().error.details.appointments.map((a: { id: string }) => a.id)).toEqual([
      booked.fri14!.id,
    ]);
    const saved = await ok(
      await w.frontDesk.post(exceptionsUrl(ben), {
        kind: 'holiday',
        date: friday,
        acknowledgeBookedAppointments: true,
      }),
      201,
    );
    expect(saved.bookedAppointments.total).toBe(1);
  });

  it('shows when but not who to a caller who may not read appointments', async () => {
    const created = await ok(
      await w.owner.post(`/api/clinics/${w.clinicId}/tokens`, {
        name: 'Rota sync',
        scopes: ['schedule.manage'],
      }),
      201,
    );
    const integration = t.agent();
    integration.bearer = created.token;
    const refused = await integration.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
      startTime: '08:00',
      endTime: '09:30',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.appointments).toEqual([
      expect.objectContaining({ id: booked.tue9!.id, patientName: null }),
    ]);
    expect(refused.body).not.toContain('Janie');
  });

  it("refuses another clinic's caller, and never lists another clinic's appointments", async () => {
    const foreign = await other.owner.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).not.toContain(booked.tue9!.id);
    // Through their own clinic, our therapist is not theirs to schedule.
    const sideways = await other.owner.post(`/api/clinics/${other.clinicId}/therapists/${ana}/exceptions`, {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
    });
    expect(sideways.statusCode).toBe(400);
    expect(sideways.json().error.details[0].path).toBe('params.therapistId');
    expect(sideways.body).not.toContain(booked.tue9!.id);
    // A therapist does not manage the schedule, their own time off included.
    const therapist = w.therapists.find((x) => x.userId === ana)!.agent;
    expect(
      (await therapist.post(exceptionsUrl(ana), { kind: 'time_off', startDate: TUE, endDate: TUE }))
        .statusCode,
    ).toBe(403);
    const refusedAudit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.schedule.manage'), eq(auditLog.outcome, 'refused')));
    expect(refusedAudit.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 for bad input', async () => {
    const notBoolean = await w.frontDesk.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
      acknowledgeBookedAppointments: 'yes',
    });
    expect(notBoolean.statusCode).toBe(400);
    expect(notBoolean.json().error.details.map((d: { path: string }) => d.path)).toContain(
      'body.acknowledgeBookedAppointments',
    );
    const backwards = await w.frontDesk.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
      startTime: '15:00',
      endTime: '10:00',
      acknowledgeBookedAppointments: true,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([
      { path: 'body.endTime', message: 'must be after the start time on a one-day time off' },
    ]);
    const badDate = await w.frontDesk.post(exceptionsUrl(ana), {
      kind: 'time_off',
      startDate: '2026-02-30',
      endDate: TUE,
    });
    expect(badDate.statusCode).toBe(400);
  });

  it('needs no acknowledgement for extra hours', async () => {
    const saved = await ok(
      await secondDesk.post(exceptionsUrl(ana), {
        kind: 'extra_hours',
        date: TUE,
        start: '17:00',
        end: '19:00',
        locationId: w.locationId,
      }),
      201,
    );
    expect(saved.bookedAppointments).toEqual({ total: 0, appointments: [] });
  });
});
