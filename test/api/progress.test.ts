import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeCareLogs, patients } from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
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
import { type TreatedPatient, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let p: TreatedPatient;
let patientUser: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  patientUser = await addMember(t, w.clinicId, ['patient']);
  p = await treatedPatient(w, { userId: patientUser.userId, missed: true });
});
afterAll(() => t.close());

describe('the progress view', () => {
  it('gives each measure over time with the MCID band around the baseline, pain, ROM, goals, visits and home care', async () => {
    const response = await w.therapist.agent.get(`${base(w, p.patientId)}/progress`);
    expect(response.statusCode, response.body).toBe(200);
    const v = response.json();
    const nprs = v.outcomes.find((o: { instrumentId: string }) => o.instrumentId === 'nprs');
    // NPRS MCID (Ostelo 2008): 2 points or 30 %; 7 → 3 meets 2 points: band 5–9 around the baseline 7.
    expect(nprs).toMatchObject({
      baseline: { score: 7 },
      mcid: { value: 2, unit: 'points' },
      band: { low: 5, high: 9 },
      points: [
        { score: 7, classification: null },
        { score: 3, classification: 'improved' },
      ],
    });
    const odi = v.outcomes.find((o: { instrumentId: string }) => o.instrumentId === 'odi');
    expect(odi).toMatchObject({
      band: { low: 34, high: 54 },
      points: [{ score: 44 }, { score: 40, classification: 'no-meaningful-change' }],
    });
    expect(v.pain).toEqual([
      { date: today(t), before: 6, after: 3 },
      { date: today(t), before: 5, after: 2 },
    ]);
    expect(v.rom).toEqual([
      expect.objectContaining({
        jointMotion: 'lumbar.flexion',
        normal: expect.any(Number),
        points: [{ date: today(t), value: 50 }],
      }),
    ]);
    // Goals as people read them: the due date written out, range of motion in degrees.
    const due = dayText(plusDays(t, 42));
    expect(v.goals.map((g: { description: string }) => g.description)).toEqual([
      `ODI from 44 to 24 by ${due}`,
      `lumbar spine flexion from 35° to 55° by ${due}`,
      'Sit through a two-hour meeting',
    ]);
    expect(v.visits).toEqual({ used: 2, authorized: 12, planned: 12, attended: 2, missed: 2 });
    expect(v.homeCare.exercises.map((e: { id: string }) => e.id)).toEqual(['knee-to-chest', 'pelvic-tilt']);
    // knee-to-chest twice a day, pelvic-tilt once: 3 times prescribed today.
    expect(v.homeCare.adherence).toMatchObject({ exercises: 2, expected: 3, done: 0, percent: 0 });
  });

  it('compares the clinicians’ body charts with each other, and shows the patient’s own pain map apart', async () => {
    const { patientId, referralId } = await patientWithReferral(w);
    // The chart, and so the progress page, names the patient by the name they use.
    const [row] = await t.database.db
      .update(patients)
      .set({ legalFirstName: 'María Guadalupe', preferredName: 'Lupe' })
      .where(eq(patients.id, patientId))
      .returning();
    const url = base(w, patientId);
    expect((await w.therapist.agent.post(`${url}/plans`, planBody(w, referralId))).statusCode).toBe(201);
    const signed = async (path: string, body: Record<string, unknown>) => {
      const draft = await w.therapist.agent.post(`${url}/${path}`, body);
      expect(draft.statusCode, draft.body).toBe(201);
      const sign = await w.therapist.agent.post(`${url}/${path}/${draft.json().id}/sign`, {
        typedName: w.therapist.name,
      });
      expect(sign.statusCode, sign.body).toBe(200);
      return draft.json().id as string;
    };
    const evaluationId = await signed('assessments', {
      kind: 'initial',
      assessedOn: plusDays(t, -12),
      content: {
        bodyChart: [
          { region: 'low-back', kind: 'pain', intensity: 6 },
          { region: 'shoulder-right', kind: 'pain', intensity: 5 },
        ],
      },
    });
    const noteId = await signed('notes', {
      visitDate: plusDays(t, -4),
      content: {
        objective: {
          bodyChart: [
            { region: 'low-back', kind: 'pain', intensity: 3 },
            { region: 'shoulder-right', kind: 'pain', intensity: 5 },
          ],
        },
      },
    });
    // Today the patient sends their health history again: the pain map names the right shoulder only.
    const intake = (await w.therapist.agent.post(`${url}/intakes`, {})).json();
    const submitted = await w.therapist.agent.post(`${url}/intakes/${intake.id}/submit`, {
      answers: {
        conditions: checklistWith(),
        medications: [],
        allergies: [],
        surgeries: [],
        pregnancy: { pregnant: false },
        implants: [],
        pain: { level: 6, regions: ['shoulder-right'] },
        goals: 'Lift my grandson',
        pressurePreference: 'moderate',
        consent: {
          agreed: true,
          typedName: 'Lupe Hernández',
          textVersion: w.consent.version,
          textHash: w.consent.textHash,
        },
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const response = await w.physician.agent.get(`${url}/progress`);
    expect(response.statusCode, response.body).toBe(200);
    const v = response.json();
    expect(v.patient.name).toBe(`Lupe ${row!.legalLastName}`);
    expect(v.bodyChart.first.source).toEqual({
      type: 'assessment',
      id: evaluationId,
      date: plusDays(t, -12),
    });
    expect(v.bodyChart.latest.source).toEqual({ type: 'session_note', id: noteId, date: plusDays(t, -4) });
    // The low back got better between the two examinations; the questionnaire resolves nothing.
    expect(v.bodyChart.regions.map((r: { region: string; change: string }) => [r.region, r.change])).toEqual([
      ['low-back', 'better'],
      ['shoulder-right', 'unchanged'],
    ]);
    expect(v.bodyChart.patientReport).toEqual({
      source: { type: 'intake', id: intake.id, date: today(t) },
      findings: [{ region: 'shoulder-right', kind: 'pain', intensity: 6 }],
    });
  });

  it('is for staff and the linked physician: not the patient (who has the portal), strangers or other clinics', async () => {
    expect((await w.physician.agent.get(`${base(w, p.patientId)}/progress`)).statusCode).toBe(200);
    expect((await patientUser.agent.get(`${base(w, p.patientId)}/progress`)).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.get(`${base(w, p.patientId)}/progress`)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(w, p.patientId)}/progress`)).statusCode).toBe(403);
  });
});

describe('the patient portal', () => {
  it('shows the patient their progress in plain words', async () => {
    const response = await patientUser.agent.get(`${base(w, p.patientId)}/portal/progress`);
    expect(response.statusCode, response.body).toBe(200);
    const v = response.json();
    expect(v.firstName).toBe('Ana');
    const nprs = v.measures.find((m: { name: string }) => m.name === 'NPRS');
    // The measure is named in plain words before its acronym, and the sentence under it needs neither.
    expect(nprs.what).toBe('Pain rating (NPRS, 0–10)');
    expect(nprs.plain).toBe(
      'Your score went from 7 to 3. Lower is better. That is a real, noticeable improvement.',
    );
    expect(v.measures.find((m: { name: string }) => m.name === 'ODI').what).toBe(
      'How much back pain limits your day (ODI, 0–100)',
    );
    // What the portal's chart draws: every score, on the instrument's own scale.
    expect(nprs.range).toEqual({ min: 0, max: 10 });
    expect(nprs.points.map((x: { score: number }) => x.score)).toEqual([7, 3]);
    expect(v.painSummary).toBe('On average your pain was 5.5 out of 10 before a session and 2.5 after.');
    expect(v.visits.plain).toBe('You have had 2 of 12 visits.');
    expect(v.goals.map((g: { plain: string }) => g.plain)).toContain('You are getting closer to this goal.');
    // Goals without the therapist's own words are said plainly, the due date as people write it.
    const due = dayText(plusDays(t, 42));
    expect(v.goals.map((g: { description: string }) => g.description)).toEqual([
      `How much back pain limits your day (ODI, 0–100): from 44 to 24 by ${due}`,
      `Lumbar spine flexion: from 35° to 55° by ${due}`,
      'Sit through a two-hour meeting',
    ]);
    const other = await treatedPatient(w, { sessions: 0 });
    expect((await patientUser.agent.get(`${base(w, other.patientId)}/portal/progress`)).statusCode).toBe(403);
  });

  it('lets the patient log the exercises they did (own only); adherence is computed from the log', async () => {
    const log = (agent = patientUser.agent, body: Record<string, unknown>, patientId = p.patientId) =>
      agent.post(`${base(w, patientId)}/home-care/log`, body);
    const first = await log(undefined, {
      exerciseId: 'knee-to-chest',
      done: true,
      sets: 2,
      note: 'Easy today',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      exerciseId: 'knee-to-chest',
      performedOn: today(t),
      done: true,
      sets: 2,
      loggedBy: 'patient',
    });
    let view = (await patientUser.agent.get(`${base(w, p.patientId)}/home-care/log`)).json();
    expect(view.adherence).toMatchObject({ expected: 3, done: 1, percent: 33, daysLogged: 1 });
    // "Not done" for the same exercise and day replaces the day's entries.
    expect((await log(undefined, { exerciseId: 'knee-to-chest', done: false })).statusCode).toBe(201);
    view = (await patientUser.agent.get(`${base(w, p.patientId)}/home-care/log`)).json();
    expect(view.entries).toHaveLength(1);
    expect(view.adherence).toMatchObject({ done: 0, percent: 0 });
    // Staff may log for the patient.
    const staff = await log(w.therapist.agent, { exerciseId: 'pelvic-tilt', done: true });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().loggedBy).toBe('staff');
    expect((await log(undefined, { exerciseId: 'knee-to-chest', done: true })).statusCode).toBe(201);
    view = (await patientUser.agent.get(`${base(w, p.patientId)}/home-care/log`)).json();
    expect(view.adherence).toMatchObject({ done: 2, percent: 67 });
    const rows = await t.database.db
      .select()
      .from(homeCareLogs)
      .where(eq(homeCareLogs.patientId, p.patientId));
    expect(rows).toHaveLength(2);

    // Refusals and bad input.
    expect((await log(undefined, { exerciseId: 'chin-tuck', done: true })).statusCode).toBe(422);
    expect(
      (await log(undefined, { exerciseId: 'knee-to-chest', done: true, performedOn: plusDays(t, 1) }))
        .statusCode,
    ).toBe(422);
    expect((await log(undefined, { exerciseId: 'knee-to-chest', done: 'yes' })).statusCode).toBe(400);
    expect((await log(undefined, { exerciseId: 'knee-to-chest', done: true, sets: 99 })).statusCode).toBe(
      400,
    );
    expect((await log(w.physician.agent, { exerciseId: 'knee-to-chest', done: true })).statusCode).toBe(403);
    const other = await treatedPatient(w, { sessions: 0 });
    expect(
      (await log(undefined, { exerciseId: 'knee-to-chest', done: true }, other.patientId)).statusCode,
    ).toBe(403);
    expect((await patientUser.agent.get(`${base(w, other.patientId)}/home-care/log`)).statusCode).toBe(403);
    expect(
      (
        await patientUser.agent.get(
          `${base(w, p.patientId)}/home-care/log?from=${plusDays(t, 1)}&to=${today(t)}`,
        )
      ).statusCode,
    ).toBe(400);
  });
});
