import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import type { WorkingTimeDto } from '../../src/modules/scheduling/schemas.ts';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { addPatient, buildWorld, local, ok, type SchedulingWorld, setNow } from './scheduling-support.ts';

/** The calendar's shading: each therapist's working time, with breaks, time off and holidays named. */
let t: TestApp;
let w: SchedulingWorld;
let ana: string;
let ben: string;
let other: { owner: Agent; clinicId: string };
let therapistAgent: Agent;
let patientAgent: Agent;
let physicianAgent: Agent;
const TUE = '2026-03-03';
const WED = '2026-03-04';

const url = (query: string) => `/api/clinics/${w.clinicId}/working-time?${query}`;
const byTherapist = (body: WorkingTimeDto, id: string) => body.therapists.find((x) => x.therapistId === id);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  [ana, ben] = w.therapists.map((x) => x.userId) as [string, string];
  therapistAgent = w.therapists[0]!.agent;
  other = await createOtherClinic(t);
  patientAgent = (await addPatient(t, w.clinicId, { withAccount: true })).agent!;
  // Everyone signs in before the clock moves back to the week shown.
  physicianAgent = (await addMember(t, w.clinicId, ['physician'])).agent;
  setNow(t, '2026-03-01T12:00:00Z');
  const exceptions = (therapistId: string) =>
    `/api/clinics/${w.clinicId}/therapists/${therapistId}/exceptions`;
  await ok(
    await w.frontDesk.post(exceptions(ana), {
      kind: 'time_off',
      startDate: TUE,
      endDate: TUE,
      startTime: '14:00',
      endTime: '16:00',
    }),
    201,
  );
  await ok(await w.frontDesk.post(exceptions(ben), { kind: 'holiday', date: WED }), 201);
  await ok(
    await w.frontDesk.post(exceptions(ben), {
      kind: 'extra_hours',
      date: WED,
      start: '18:00',
      end: '20:00',
      locationId: w.locationId,
    }),
    201,
  );
});
afterAll(() => t.close());

describe('working time for the calendar', () => {
  it('gives each therapist’s hours with the break and time off named, in UTC', async () => {
    const body = await ok(await w.frontDesk.get(url(`from=${TUE}&to=${WED}`)));
    expect(body.timeZone).toBe('America/Los_Angeles');
    expect(body.therapists.map((x: { therapistId: string }) => x.therapistId)).toEqual([ana, ben]);
    expect(byTherapist(body, ana)).toEqual({
      therapistId: ana,
      working: [{ start: local(`${TUE}T09:00`), end: local(`${TUE}T17:00`), locationId: w.locationId }],
      away: [
        { start: local(`${TUE}T12:00`), end: local(`${TUE}T12:30`), kind: 'break' },
        { start: local(`${TUE}T14:00`), end: local(`${TUE}T16:00`), kind: 'time_off' },
      ],
    });
    // Ben has only his break that day.
    expect(byTherapist(body, ben)!.away).toEqual([
      { start: local(`${TUE}T12:00`), end: local(`${TUE}T12:30`), kind: 'break' },
    ]);
  });

  it('on a holiday keeps only the extra hours; what it says is what booking refuses', async () => {
    const body = await ok(await therapistAgent.get(url(`from=${WED}&to=2026-03-05`)));
    const wed = byTherapist(body, ben)!;
    expect(wed.working).toEqual([
      { start: local(`${WED}T18:00`), end: local(`${WED}T20:00`), locationId: w.locationId },
    ]);
    expect(wed.away.filter((a: { kind: string }) => a.kind === 'holiday')).toEqual([
      { start: local(`${WED}T00:00`), end: local(`${WED}T18:00`), kind: 'holiday' },
      { start: local(`${WED}T20:00`), end: local('2026-03-05T00:00'), kind: 'holiday' },
    ]);
    const { patientId } = await addPatient(t, w.clinicId);
    const refused = await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
      patientId,
      serviceId: w.serviceId,
      therapistId: ben,
      start: local(`${WED}T10:00`),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('That time is outside the therapist’s working hours');
    await ok(
      await w.frontDesk.post(`/api/clinics/${w.clinicId}/appointments`, {
        patientId,
        serviceId: w.serviceId,
        therapistId: ben,
        start: local(`${WED}T18:00`),
      }),
      201,
    );
  });

  it('covers a week in one call', async () => {
    const body = await ok(await w.frontDesk.get(url('from=2026-03-02&to=2026-03-09')));
    // Seven days of hours, less Ben's holiday (its extra hours instead).
    expect(byTherapist(body, ana)!.working).toHaveLength(7);
    expect(byTherapist(body, ben)!.working).toHaveLength(7);
    expect(byTherapist(body, ana)!.away.filter((a: { kind: string }) => a.kind === 'break')).toHaveLength(7);
  });

  it('is for staff only: patients, and other clinics, are refused (and the refusal audited)', async () => {
    expect((await patientAgent.get(url(`from=${TUE}&to=${WED}`))).statusCode).toBe(403);
    expect((await other.owner.get(url(`from=${TUE}&to=${WED}`))).statusCode).toBe(403);
    expect((await physicianAgent.get(url(`from=${TUE}&to=${WED}`))).statusCode).toBe(403);
    const refusals = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.clinicId, w.clinicId),
          eq(auditLog.action, 'access.appointments.manage'),
          eq(auditLog.outcome, 'refused'),
        ),
      );
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it('answers bad ranges with 400', async () => {
    for (const query of [
      `from=${WED}&to=${TUE}`,
      `from=${TUE}&to=${TUE}`,
      'from=2026-03-01&to=2026-06-01',
      'from=2026-02-30&to=2026-03-02',
      `from=${TUE}`,
    ]) {
      const response = await w.frontDesk.get(url(query));
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});
