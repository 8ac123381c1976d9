import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import type { Agent, TestApp } from '../helpers/app.ts';
import { createTestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  plusDays,
  serviceAndRoom,
  today,
  ZONE,
} from './clinical-support.ts';

/** GET /safety/flags: the safety flags of a therapist's patients on a day, for "Your day" on the home page. */
let t: TestApp;
let w: ClinicalWorld;
let place: Awaited<ReturnType<typeof serviceAndRoom>>;
let colleague: { agent: Agent; userId: string };
const ids = { fever: '', cleared: '', quiet: '', cancelled: '', tomorrow: '', colleagues: '' };

const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toJSDate();
const url = (query = '') => `/api/clinics/${w.clinicId}/safety/flags${query}`;

async function session(
  patientId: string,
  date: string,
  time: string,
  extra: { status?: 'booked' | 'cancelled' | 'checked_in'; therapistId?: string } = {},
) {
  const startAt = at(date, time);
  return insertAppointment(w, place, {
    patientId,
    startAt,
    endAt: new Date(startAt.getTime() + 3_600_000),
    status: extra.status ?? 'booked',
    ...(extra.status === 'cancelled' ? { cancelledAt: startAt } : {}),
    ...(extra.status === 'checked_in' ? { checkedInAt: startAt } : {}),
    ...(extra.therapistId ? { therapistId: extra.therapistId } : {}),
  });
}

async function auditRows(action: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.action, action)));
}

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  place = await serviceAndRoom(w);
  colleague = await addMember(t, w.clinicId, ['therapist']);
  const day = today(t);
  ids.fever = (
    await patientWithReferral(w, { health: { conditions: [{ code: 'fever', onset: plusDays(t, -1) }] } })
  ).patientId;
  ids.cleared = (
    await patientWithReferral(w, {
      health: {
        conditions: [{ code: 'lymphoedema', site: ['arm-left'] }, { code: 'heart-failure-controlled' }],
      },
    })
  ).patientId;
  const clearance = await w.therapist.agent.post(
    `/api/clinics/${w.clinicId}/patients/${ids.cleared}/safety/clearances`,
    { ruleIds: ['heart-failure-controlled-mld'], physicianName: 'Dr. Amal Chen', clearedOn: plusDays(t, -2) },
  );
  expect(clearance.statusCode, clearance.body).toBe(201);
  ids.quiet = (await patientWithReferral(w, { health: {} })).patientId;
  ids.cancelled = (
    await patientWithReferral(w, { health: { conditions: [{ code: 'fever', onset: plusDays(t, -1) }] } })
  ).patientId;
  ids.tomorrow = (await patientWithReferral(w, {})).patientId;
  ids.colleagues = (await patientWithReferral(w, {})).patientId;
  // The therapist's day, out of time order in the database: the quiet patient comes last, twice.
  await session(ids.quiet, day, '15:00');
  await session(ids.cleared, day, '11:00', { status: 'checked_in' });
  await session(ids.fever, day, '09:00');
  await session(ids.quiet, day, '16:30');
  await session(ids.cancelled, day, '13:00', { status: 'cancelled' });
  await session(ids.tomorrow, plusDays(t, 1), '09:00');
  await session(ids.colleagues, day, '13:30', { therapistId: colleague.userId });
});
afterAll(() => t.close());

describe("the safety flags of a therapist's day", () => {
  it('lists each patient of the day once, in session order, with their flags as the chart has them', async () => {
    const response = await w.therapist.agent.get(url());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ date: today(t), therapistId: w.therapist.userId });
    // Not the cancelled session, not tomorrow's, not the colleague's.
    expect(body.items.map((i: { patientId: string }) => i.patientId)).toEqual([
      ids.fever,
      ids.cleared,
      ids.quiet,
    ]);
    const [fever, cleared, quiet] = body.items;
    expect(fever).toMatchObject({ hasHealthHistory: true, highestSeverity: 'defer' });
    expect(fever.flags[0]).toMatchObject({
      ruleId: 'systemic-illness-defer',
      severity: 'defer',
      clearance: null,
    });
    // The clearance on file shows on the flag it lifts; no clearance is still needed.
    expect(
      cleared.flags.find((f: { ruleId: string }) => f.ruleId === 'heart-failure-controlled-mld'),
    ).toMatchObject({ severity: 'clearance', clearance: 'on-file', clearanceLimits: null });
    expect(cleared.clearancesNeeded).toEqual([]);
    // A patient with nothing in the health history is listed, with no flags.
    expect(quiet).toMatchObject({
      hasHealthHistory: true,
      highestSeverity: null,
      flags: [],
      clearancesNeeded: [],
    });

    // The same flags, in the same order, as each chart's safety view.
    type ChartFlag = {
      ruleId: string;
      severity: string;
      subject: string;
      restriction: string;
      acknowledged: boolean;
      clearance: { limits: string | null } | null;
    };
    type DayFlag = Omit<ChartFlag, 'acknowledged' | 'clearance'> & { clearance: string | null };
    for (const item of body.items) {
      const chart = (
        await w.therapist.agent.get(`/api/clinics/${w.clinicId}/patients/${item.patientId}/safety`)
      ).json();
      expect(item.flags.map((f: DayFlag) => [f.ruleId, f.severity, f.subject, f.restriction])).toEqual(
        chart.flags.map((f: ChartFlag) => [f.ruleId, f.severity, f.subject, f.restriction]),
      );
      expect(item.flags.map((f: DayFlag) => f.clearance === 'on-file')).toEqual(
        chart.flags.map((f: ChartFlag) => f.acknowledged),
      );
      expect(item).toMatchObject({
        highestSeverity: chart.highestSeverity,
        clearancesNeeded: chart.clearancesNeeded,
        allergies: chart.allergies,
      });
    }
  });

  it('says so when a patient has no health history, and screens another day as of that day', async () => {
    const response = await w.therapist.agent.get(url(`?date=${plusDays(t, 1)}`));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      date: plusDays(t, 1),
      therapistId: w.therapist.userId,
      items: [
        {
          patientId: ids.tomorrow,
          hasHealthHistory: false,
          highestSeverity: null,
          flags: [],
          clearancesNeeded: [],
          allergies: [],
        },
      ],
    });
    // A day without sessions: an empty list.
    expect((await w.therapist.agent.get(url(`?date=${plusDays(t, 30)}`))).json().items).toEqual([]);
  });

  it('audits the read with every patient listed, so each patient’s access history finds it', async () => {
    const before = (await auditRows('safety.day_flags.read')).length;
    await w.therapist.agent.get(url());
    const rows = await auditRows('safety.day_flags.read');
    expect(rows).toHaveLength(before + 1);
    const row = rows.sort((a, b) => a.id.localeCompare(b.id)).at(-1)!;
    expect(row).toMatchObject({
      outcome: 'allowed',
      actorUserId: w.therapist.userId,
      resourceType: 'patient',
      patientId: null,
      details: {
        date: today(t),
        therapistId: w.therapist.userId,
        patientIds: [ids.fever, ids.cleared, ids.quiet],
      },
    });
    // One patient listed: the row names them in the patient column too.
    await w.therapist.agent.get(url(`?date=${plusDays(t, 1)}`));
    const [latest] = (await auditRows('safety.day_flags.read')).sort((a, b) => b.id.localeCompare(a.id));
    expect(latest).toMatchObject({ patientId: ids.tomorrow, details: { patientIds: [ids.tomorrow] } });
  });

  it("lets the owner read a therapist's day, and a therapist only their own", async () => {
    const owners = await w.owner.get(url(`?therapistId=${colleague.userId}`));
    expect(owners.statusCode, owners.body).toBe(200);
    expect(owners.json().items.map((i: { patientId: string }) => i.patientId)).toEqual([ids.colleagues]);

    const before = (await auditRows('safety.day_flags.read')).filter((r) => r.outcome === 'refused').length;
    const theirs = await colleague.agent.get(url(`?therapistId=${w.therapist.userId}`));
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error.code).toBe('forbidden');
    const refused = (await auditRows('safety.day_flags.read')).filter((r) => r.outcome === 'refused');
    expect(refused).toHaveLength(before + 1);
    expect(refused.at(-1)).toMatchObject({ actorUserId: colleague.userId, patientId: null });
    // Their own day is fine.
    const own = await colleague.agent.get(url());
    expect(own.json().items.map((i: { patientId: string }) => i.patientId)).toEqual([ids.colleagues]);
  });

  it('refuses the front desk, a physician and a patient: the flags are for the clinicians who treat', async () => {
    const desk = await addMember(t, w.clinicId, ['front_desk']);
    const deskResponse = await desk.agent.get(url(`?therapistId=${w.therapist.userId}`));
    expect(deskResponse.statusCode).toBe(403);
    expect(deskResponse.json().error.code).toBe('forbidden');
    const [deskRefusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, desk.userId), eq(auditLog.action, 'access.clinical.read')));
    expect(deskRefusal).toMatchObject({ outcome: 'refused', clinicId: w.clinicId });

    const physician = await w.physician.agent.get(url(`?therapistId=${w.therapist.userId}`));
    expect(physician.statusCode).toBe(403);
    const patient = await addMember(t, w.clinicId, ['patient']);
    expect((await patient.agent.get(url(`?therapistId=${w.therapist.userId}`))).statusCode).toBe(403);
    // No allowed read by any of them.
    const allowed = (await auditRows('safety.day_flags.read')).filter(
      (r) =>
        r.outcome === 'allowed' &&
        [desk.userId, w.physician.userId, patient.userId].includes(r.actorUserId ?? ''),
    );
    expect(allowed).toEqual([]);
  });

  it("refuses another clinic's owner, and bad dates", async () => {
    const other = await createOtherClinic(t);
    const response = await other.owner.get(url(`?therapistId=${w.therapist.userId}`));
    expect(response.statusCode).toBe(403);
    expect(JSON.stringify(response.json())).not.toContain(ids.fever);
    for (const date of ['tomorrow', '2026-02-30', '2026-13-01']) {
      const bad = await w.therapist.agent.get(url(`?date=${date}`));
      expect(bad.statusCode, date).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    }
  });
});
