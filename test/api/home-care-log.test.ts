import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, homeCareLogs } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
  plusDays,
  today,
} from './clinical-support.ts';
import { treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let patientUser: Awaited<ReturnType<typeof addMember>>;
let patientId: string;

// The plan (from clinical-support): knee-to-chest "…, twice a day" and pelvic-tilt overridden to "…, once a day".
beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  patientUser = await addMember(t, w.clinicId, ['patient']);
  const p = await patientWithReferral(w, { userId: patientUser.userId });
  patientId = p.patientId;
  const plan = await w.therapist.agent.post(
    `${base(w, patientId)}/plans`,
    planBody(w, p.referralId, { startDate: plusDays(t, -20) }),
  );
  expect(plan.statusCode, plan.body).toBe(201);
});
afterAll(() => t.close());

const log = (body: Record<string, unknown>, agent = patientUser.agent, patient = patientId) =>
  agent.post(`${base(w, patient)}/home-care/log`, body);
const view = async (query = '') => {
  const r = await patientUser.agent.get(`${base(w, patientId)}/home-care/log${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const undo = (entryId: string, agent = patientUser.agent, patient = patientId) =>
  agent.delete(`${base(w, patient)}/home-care/log/${entryId}`);

describe('the home-care log', () => {
  it('offers today in the clinic time zone, when the home care began and each exercise’s times a day', async () => {
    const v = await view();
    expect(v.today).toBe(today(t));
    expect(v.startedOn).toBe(plusDays(t, -20));
    expect(
      v.exercises.map((e: { id: string; timesPerDay: number; upTo: number }) => [
        e.id,
        e.timesPerDay,
        e.upTo,
      ]),
    ).toEqual([
      ['knee-to-chest', 2, 2],
      ['pelvic-tilt', 1, 1],
    ]);
  });

  it('logs today or one of the 6 days before, never the future, older days or before the home care began', async () => {
    for (const n of [0, -1, -6]) {
      const r = await log({ exerciseId: 'pelvic-tilt', done: true, performedOn: plusDays(t, n) });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({
        performedOn: plusDays(t, n),
        occurrence: 1,
        done: true,
        loggedBy: 'patient',
      });
    }
    const refused = async (performedOn: string, message: RegExp) => {
      const r = await log({ exerciseId: 'knee-to-chest', done: true, performedOn });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error).toMatchObject({
        code: 'unprocessable',
        details: [{ path: 'body.performedOn', message: expect.stringMatching(message) }],
      });
    };
    await refused(plusDays(t, 1), /future/);
    await refused(plusDays(t, -7), /More than 6 days ago/);
    await refused(plusDays(t, -19), /More than 6 days ago/);
    const bad = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');

    // A plan that began today: yesterday is before its home care.
    const newcomer = await addMember(t, w.clinicId, ['patient']);
    const fresh = await treatedPatient(w, { userId: newcomer.userId, sessions: 0 });
    const early = await log(
      { exerciseId: 'knee-to-chest', done: true, performedOn: plusDays(t, -1) },
      newcomer.agent,
      fresh.patientId,
    );
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().error.details).toEqual([
      { path: 'body.performedOn', message: `Before the home care began (${today(t)})` },
    ]);

    // Audited when it was logged, with the day it was done.
    const [written] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'home_care_log.written'))
      .orderBy(auditLog.id)
      .offset(1)
      .limit(1);
    expect(written!.details).toMatchObject({ performedOn: plusDays(t, -1), via: 'self' });
    expect(Math.abs(new Date(written!.at).getTime() - t.clock.now().getTime())).toBeLessThan(60_000);
  });

  it('logs an exercise as many times a day as prescribed, and counts adherence as times done of times prescribed', async () => {
    const day = plusDays(t, -2);
    const first = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: day });
    const second = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: day });
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect([first.json().occurrence, second.json().occurrence]).toEqual([1, 2]);
    const third = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: day });
    expect(third.statusCode).toBe(422);
    expect(third.json().error.details).toEqual([
      { path: 'body.done', message: 'Already logged twice that day' },
    ]);
    // Once a day: a second time that day is refused; another day is fine.
    expect((await log({ exerciseId: 'pelvic-tilt', done: true, performedOn: day })).statusCode).toBe(201);
    expect((await log({ exerciseId: 'pelvic-tilt', done: true, performedOn: day })).statusCode).toBe(422);

    // That day: 2 of 2 + 1 of 1. The day alone is 3 of 3.
    let v = await view(`?from=${day}&to=${day}`);
    expect(v.adherence).toMatchObject({ expected: 3, done: 3, percent: 100, daysLogged: 1 });
    // Two weeks (14 days, all after the plan began): 3 a day prescribed = 42; done: pelvic-tilt on 0, -1, -6
    // and the 3 times of day -2 = 6.
    v = await view();
    expect(v.adherence).toMatchObject({ expected: 42, done: 6, percent: 14, daysLogged: 4 });
    // The therapist's progress view counts the same way.
    const progress = await w.therapist.agent.get(`${base(w, patientId)}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().homeCare.adherence).toMatchObject({ expected: 42, done: 6, percent: 14 });
    expect(progress.json().homeCare.exercises.map((e: { timesPerDay: number }) => e.timesPerDay)).toEqual([
      2, 1,
    ]);

    // "Not done" stands for the whole day: it replaces that day's entries, and a time done replaces it.
    const other = plusDays(t, -3);
    await log({ exerciseId: 'knee-to-chest', done: true, performedOn: other });
    expect((await log({ exerciseId: 'knee-to-chest', done: false, performedOn: other })).statusCode).toBe(
      201,
    );
    v = await view(`?from=${other}&to=${other}`);
    expect(v.entries.map((e: { done: boolean }) => e.done)).toEqual([false]);
    expect(v.adherence.done).toBe(0);
    const again = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: other });
    expect(again.json()).toMatchObject({ done: true, occurrence: 1 });
    v = await view(`?from=${other}&to=${other}`);
    expect(v.entries.map((e: { done: boolean }) => e.done)).toEqual([true]);
  });

  it('undoes an entry the patient logged themselves; not someone else’s, another patient’s or an old one', async () => {
    const day = plusDays(t, -4);
    const mine = (await log({ exerciseId: 'knee-to-chest', done: true, performedOn: day })).json();
    const staff = await log({ exerciseId: 'pelvic-tilt', done: true, performedOn: day }, w.therapist.agent);
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json().loggedBy).toBe('staff');
    expect((await view(`?from=${day}&to=${day}`)).adherence.done).toBe(2);

    // Not what the therapist logged, and the therapist not the patient's.
    const notMine = await undo(staff.json().id);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('forbidden');
    expect((await undo(mine.id, w.therapist.agent)).statusCode).toBe(403);
    // A physician may not log or undo; another patient's log is refused.
    expect((await undo(mine.id, w.physician.agent)).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['patient']);
    const strangerPatient = await patientWithReferral(w, { userId: stranger.userId });
    expect((await undo(mine.id, stranger.agent)).statusCode).toBe(403);
    expect((await undo(mine.id, stranger.agent, strangerPatient.patientId)).statusCode).toBe(404);
    expect(
      (await log({ exerciseId: 'knee-to-chest', done: true }, stranger.agent, patientId)).statusCode,
    ).toBe(403);
    // Another clinic's owner.
    const elsewhere = await createOtherClinic(t);
    const cross = await undo(mine.id, elsewhere.owner);
    expect([403, 404]).toContain(cross.statusCode);
    expect(
      (await log({ exerciseId: 'knee-to-chest', done: true }, elsewhere.owner)).statusCode,
    ).toBeGreaterThanOrEqual(403);
    expect((await undo(uuidv7())).statusCode).toBe(404);
    expect((await undo('not-an-id')).statusCode).toBe(400);

    const gone = await undo(mine.id);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await undo(mine.id)).statusCode).toBe(404);
    let v = await view(`?from=${day}&to=${day}`);
    expect(v.entries.map((e: { id: string }) => e.id)).toEqual([staff.json().id]);
    expect(v.adherence.done).toBe(1);
    // The freed time can be logged again.
    const relogged = await log({ exerciseId: 'knee-to-chest', done: true, performedOn: day });
    expect(relogged.json().occurrence).toBe(1);
    v = await view(`?from=${day}&to=${day}`);
    expect(v.adherence.done).toBe(2);
    const [deleted] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'home_care_log.deleted'));
    expect(deleted).toMatchObject({ patientId, resourceId: mine.id });
    expect(deleted!.details).toMatchObject({ performedOn: day, exerciseId: 'knee-to-chest', via: 'self' });

    // An entry from before the last 7 days stays.
    const oldId = uuidv7();
    await t.database.db.insert(homeCareLogs).values({
      clinicId: w.clinicId,
      id: oldId,
      patientId,
      exerciseId: 'knee-to-chest',
      performedOn: plusDays(t, -8),
      done: true,
      loggedBy: patientUser.userId,
    });
    const old = await undo(oldId);
    expect(old.statusCode).toBe(422);
    expect(old.json().error.details).toEqual([{ path: 'params.entryId', message: 'More than 6 days ago' }]);
  });
});
