import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, outcomeAdministrations, sessionNotes } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  dbRefusal,
  patientWithReferral,
  planBody,
  plusDays,
  today,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

describe('initial evaluation', () => {
  it('autosaves a draft without losing earlier fields and shows ROM against the reference values', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/assessments`;
    const created = await w.therapist.agent.post(url, {
      kind: 'initial',
      referralId,
      content: { posture: 'Forward head, elevated right shoulder', palpation: { tone: 'hypertonic' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const put = (content: unknown) => w.therapist.agent.put(`${url}/${id}`, { content });
    expect((await put({ palpation: { tenderness: 'Grade 2 over L4-L5 paraspinals' } })).statusCode).toBe(200);
    expect((await put({ gait: 'Antalgic, shortened right stance' })).statusCode).toBe(200);
    const saved = await put({
      bodyChart: [
        { region: 'low-back', kind: 'pain', intensity: 6, note: 'Worse after sitting' },
        { region: 'gluteal-right', kind: 'trigger_point', intensity: 5 },
      ],
      palpation: {
        triggerPoints: [
          { region: 'gluteal-right', muscle: 'gluteus medius', referralPattern: 'Down the lateral thigh' },
        ],
      },
      rom: [
        { jointMotion: 'cervical.rotation', side: 'left', value: 60 },
        { jointMotion: 'lumbar.flexion', value: 58 },
        { jointMotion: 'tmj.opening', value: 28 },
        { jointMotion: 'knee.extension', side: 'right', value: -10 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json();
    expect(view.content).toMatchObject({
      posture: 'Forward head, elevated right shoulder',
      gait: 'Antalgic, shortened right stance',
      palpation: {
        tone: 'hypertonic',
        tenderness: 'Grade 2 over L4-L5 paraspinals',
        triggerPoints: [{ region: 'gluteal-right', referralPattern: 'Down the lateral thigh' }],
      },
    });
    const rom = new Map(view.rom.map((r: { jointMotion: string }) => [r.jointMotion, r]));
    expect(rom.get('cervical.rotation')).toMatchObject({
      side: 'left',
      unit: 'deg',
      normal: 80,
      normalSource: '38 CFR 4.71a (VA)',
      sourceKey: 'R37',
      percentOfNormal: 75,
      status: 'limited',
    });
    expect(rom.get('lumbar.flexion')).toMatchObject({ normal: 60, status: 'within-normal' });
    expect(rom.get('tmj.opening')).toMatchObject({ unit: 'mm', status: 'impaired' });
    expect(rom.get('knee.extension')).toMatchObject({ percentOfNormal: null, status: 'limited' });

    const bad = [
      { rom: [{ jointMotion: 'shoulder.flexion', value: 150 }] },
      { rom: [{ jointMotion: 'lumbar.flexion', side: 'left', value: 50 }] },
      { rom: [{ jointMotion: 'shoulder.flexion', side: 'left', value: -20 }] },
      { rom: [{ jointMotion: 'elbow.wiggle', value: 10 }] },
      { bodyChart: [{ region: 'wing-left', kind: 'pain', intensity: 3 }] },
      { bodyChart: [{ region: 'low-back', kind: 'scar', intensity: 3 }] },
      {
        bodyChart: [
          { region: 'low-back', kind: 'pain', intensity: 3 },
          { region: 'low-back', kind: 'pain', intensity: 4 },
        ],
      },
      { palpation: { tone: 'squishy' } },
    ];
    for (const content of bad) expect((await put(content)).statusCode, JSON.stringify(content)).toBe(400);
    expect((await w.therapist.agent.post(url, { kind: 'discharge' })).statusCode).toBe(400);
    const other = await patientWithReferral(w);
    expect(
      (await w.therapist.agent.post(url, { kind: 'initial', referralId: other.referralId })).statusCode,
    ).toBe(422);

    // Outcome measures administered within the evaluation show with it.
    const ndi = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'ndi',
      answers: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, 2])),
      assessmentId: id,
    });
    expect(ndi.statusCode, ndi.body).toBe(201);
    const read = (await w.therapist.agent.get(`${url}/${id}`)).json();
    // A linked physician reads evaluations once signed: this draft is listed nowhere for them and answers 404.
    expect((await w.physician.agent.get(`${url}/${id}`)).statusCode).toBe(404);
    const physicianList = (await w.physician.agent.get(url)).json().items.map((a: { id: string }) => a.id);
    expect(physicianList).not.toContain(id);
    expect(read.outcomes.map((o: { id: string; score: number }) => [o.id, o.score])).toEqual([
      [ndi.json().id, 20],
    ]);
  });

  it('signs (author only) and locks; corrections are amendments shown with the original', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/assessments`;
    const a = (
      await w.therapist.agent.post(url, {
        kind: 'initial',
        content: { posture: 'Level shoulders', gait: 'Normal' },
      })
    ).json();
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    expect(
      (await colleague.agent.post(`${url}/${a.id}/sign`, { typedName: colleague.email.split('@')[0] }))
        .statusCode,
    ).toBe(403);
    expect(await auditOf(w, patientId, colleague.userId)).toContain('assessment.sign:refused');
    const signed = await w.therapist.agent.post(`${url}/${a.id}/sign`, { typedName: w.therapist.name });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().status).toBe('signed');
    const locked = await w.therapist.agent.put(`${url}/${a.id}`, { content: { gait: 'Limping' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('record_signed');
    expect(
      (
        await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
          instrumentId: 'nprs',
          answers: { pain: 2 },
          assessmentId: a.id,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      await dbRefusal(
        t.database.db.execute(sql`update assessments set content = '{}'::jsonb where id = ${a.id}`),
      ),
    ).toMatch(/UPDATE refused/);
    const amended = await w.therapist.agent.post(`${url}/${a.id}/amendments`, {
      reason: 'Gait observed again at the end of the session',
      changes: { gait: 'Slight limp on the right' },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json()).toMatchObject({
      content: { gait: 'Normal' },
      current: { gait: 'Slight limp on the right', posture: 'Level shoulders' },
      amendments: [
        {
          reason: 'Gait observed again at the end of the session',
          changes: [{ field: 'gait', before: 'Normal', after: 'Slight limp on the right' }],
        },
      ],
    });
    const [row] = await t.database.db.select().from(assessments).where(eq(assessments.id, a.id));
    expect(row!.content).toEqual({ posture: 'Level shoulders', gait: 'Normal' });
    expect(await auditOf(w, patientId, w.therapist.userId)).toEqual(
      expect.arrayContaining([
        'assessment.sign:allowed',
        'assessment.signed:allowed',
        'assessment.amended:allowed',
      ]),
    );
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${url}/${a.id}`)).statusCode).toBe(403);
  });
});

describe('clearing a draft field', () => {
  it('clears a field sent as null (it stays empty after reload); a signed evaluation still refuses', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/assessments`;
    const created = await w.therapist.agent.post(url, {
      kind: 'initial',
      content: {
        chiefComplaint: 'Low back pain',
        posture: 'Level shoulders',
        gait: 'Antalgic',
        palpation: { tone: 'hypertonic', tenderness: 'Grade 2 over L4-L5' },
        bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 6 }],
        rom: [{ jointMotion: 'lumbar.flexion', value: 40 }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const cleared = await w.therapist.agent.put(`${url}/${id}`, {
      content: { gait: null, palpation: { tone: null }, bodyChart: null, rom: null },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().rom).toEqual([]);

    const reloaded = (await w.therapist.agent.get(`${url}/${id}`)).json();
    expect(reloaded.content).toEqual({
      chiefComplaint: 'Low back pain',
      posture: 'Level shoulders',
      palpation: { tenderness: 'Grade 2 over L4-L5' },
    });
    const [row] = await t.database.db.select().from(assessments).where(eq(assessments.id, id));
    expect(row!.content).toEqual(reloaded.content);
    expect((await w.therapist.agent.put(`${url}/${id}`, { content: { palpation: null } })).statusCode).toBe(
      400,
    );

    const signed = await w.therapist.agent.post(`${url}/${id}/sign`, { typedName: w.therapist.name });
    expect(signed.statusCode, signed.body).toBe(200);
    const locked = await w.therapist.agent.put(`${url}/${id}`, { content: { posture: null } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('record_signed');
    expect(
      (
        await w.therapist.agent.post(`${url}/${id}/amendments`, {
          reason: 'Clear it',
          changes: { posture: null },
        })
      ).statusCode,
    ).toBe(400);
    const [after] = await t.database.db.select().from(assessments).where(eq(assessments.id, id));
    expect(after!.content).toEqual(reloaded.content);
  });
});

describe('outcome questionnaires begun in a draft evaluation', () => {
  it('autosaves the answers so far, refuses to sign until scored, and records only the scored one', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/assessments`;
    const created = await w.therapist.agent.post(url, { kind: 'initial', content: { posture: 'Level' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const put = (content: unknown) => w.therapist.agent.put(`${url}/${id}`, { content });

    const odi = { instrumentId: 'odi', answers: { q1: 3, q2: 2, q3: 1 } };
    const saved = await put({ questionnaires: [{ ...odi, answers: { ...odi.answers, q4: null } }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().content.questionnaires).toEqual([odi]);
    expect((await put({ gait: 'Antalgic' })).statusCode).toBe(200);
    expect((await w.therapist.agent.get(`${url}/${id}`)).json().content).toEqual({
      posture: 'Level',
      gait: 'Antalgic',
      questionnaires: [odi],
    });
    const outOfRange = await put({ questionnaires: [{ instrumentId: 'odi', answers: { q1: 6 } }] });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details).toEqual([
      { path: 'body.content.questionnaires.0.answers.q1', message: expect.stringContaining('not allowed') },
    ]);

    const refused = await w.therapist.agent.post(`${url}/${id}/sign`, { typedName: w.therapist.name });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'unscored_questionnaire',
      message:
        'ODI is started but not scored, so not recorded: score it or clear its answers before signing.',
    });
    expect(
      await t.database.db
        .select()
        .from(outcomeAdministrations)
        .where(eq(outcomeAdministrations.patientId, patientId)),
    ).toEqual([]);

    const answers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, 1]));
    const scored = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'odi',
      answers,
      assessmentId: id,
    });
    expect(scored.statusCode, scored.body).toBe(201);
    const [row] = await t.database.db.select().from(assessments).where(eq(assessments.id, id));
    expect(row!.content).toEqual({ posture: 'Level', gait: 'Antalgic' });
    const signed = await w.therapist.agent.post(`${url}/${id}/sign`, { typedName: w.therapist.name });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().outcomes.map((o: { instrumentId: string }) => o.instrumentId)).toEqual(['odi']);
    expect(
      (
        await w.therapist.agent.post(`${url}/${id}/amendments`, {
          reason: 'Add one',
          changes: { questionnaires: [odi] },
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('discarding a draft evaluation', () => {
  it('lets its author discard a draft (scores given during it stay); never a signed one; audited', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/assessments`;
    const draft = (
      await w.therapist.agent.post(url, { kind: 'initial', content: { posture: 'Level' } })
    ).json();
    const score = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'nprs',
      answers: { pain: 6 },
      assessmentId: draft.id,
    });
    expect(score.statusCode, score.body).toBe(201);
    // Not the owner's to discard (another author), nor another clinic's.
    expect((await w.owner.delete(`${url}/${draft.id}`)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, w.ownerId)).toContain('assessment.delete:refused');
    expect((await (await createOtherClinic(t)).owner.delete(`${url}/${draft.id}`)).statusCode).toBe(403);
    expect((await w.therapist.agent.delete(`${url}/${draft.id}`)).statusCode).toBe(204);
    expect(await t.database.db.select().from(assessments).where(eq(assessments.id, draft.id))).toEqual([]);
    const [kept] = await t.database.db
      .select()
      .from(outcomeAdministrations)
      .where(eq(outcomeAdministrations.id, score.json().id));
    expect(kept).toMatchObject({ patientId, assessmentId: null });
    expect((await w.therapist.agent.delete(`${url}/${draft.id}`)).statusCode).toBe(404);

    const signed = (
      await w.therapist.agent.post(url, { kind: 'initial', content: { posture: 'Level' } })
    ).json();
    await w.therapist.agent.post(`${url}/${signed.id}/sign`, { typedName: w.therapist.name });
    const refused = await w.therapist.agent.delete(`${url}/${signed.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('record_signed');
    expect(await auditOf(w, patientId, w.therapist.userId)).toContain('assessment.discarded:allowed');
  });
});

describe('body chart over time', () => {
  it('compares two dates region by region (intake pain map, signed evaluation, signed note)', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const evaluation = (
      await w.therapist.agent.post(`${base(w, patientId)}/assessments`, {
        kind: 'initial',
        assessedOn: plusDays(t, 1),
        content: {
          bodyChart: [
            { region: 'low-back', kind: 'pain', intensity: 4 },
            { region: 'calf-left', kind: 'tension', intensity: 3 },
          ],
        },
      })
    ).json();
    await w.therapist.agent.post(`${base(w, patientId)}/assessments/${evaluation.id}/sign`, {
      typedName: w.therapist.name,
    });
    const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(plan.statusCode).toBe(201);
    const note = (
      await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
        visitDate: plusDays(t, 8),
        content: { objective: { bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 2 }] } },
      })
    ).json();
    await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.id}/sign`, {
      typedName: w.therapist.name,
    });
    // A draft's chart does not count.
    await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      visitDate: plusDays(t, 9),
      content: { objective: { bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 9 }] } },
    });

    const compare = async (from: string, to: string, kind?: string) => {
      const r = await w.therapist.agent.get(
        `${base(w, patientId)}/body-chart/compare?from=${from}&to=${to}${kind ? `&kind=${kind}` : ''}`,
      );
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    // Like with like: the patient's own pain map (the intake) is never compared with an examination.
    const first = await compare(today(t), plusDays(t, 1));
    expect(first.from.source).toBeNull();
    expect(first.to.source).toMatchObject({ type: 'assessment', id: evaluation.id });
    const painMaps = await compare(today(t), plusDays(t, 10), 'patient');
    expect(painMaps.from.source).toMatchObject({ type: 'intake' });
    expect(painMaps.to.source).toMatchObject({ type: 'intake' });
    expect(painMaps.regions.map((r: { change: string }) => r.change)).toEqual(
      painMaps.regions.map(() => 'unchanged'),
    );
    expect(painMaps.regions.length).toBeGreaterThan(0);
    const second = await compare(plusDays(t, 1), plusDays(t, 10));
    expect(second.to.source).toMatchObject({ type: 'session_note', id: note.id });
    expect(second.regions).toEqual([
      expect.objectContaining({ region: 'low-back', painBefore: 4, painAfter: 2, change: 'better' }),
      expect.objectContaining({ region: 'calf-left', label: 'Left calf', change: 'resolved' }),
    ]);
    const history = (await w.physician.agent.get(`${base(w, patientId)}/body-chart/history`)).json();
    expect(history.items.map((i: { source: { type: string } }) => i.source.type)).toEqual([
      'intake',
      'assessment',
      'session_note',
    ]);
    expect(
      (
        await w.therapist.agent.get(
          `${base(w, patientId)}/body-chart/compare?from=${plusDays(t, 2)}&to=${today(t)}`,
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await w.therapist.agent.get(`${base(w, patientId)}/body-chart/compare?from=soon&to=later`)).statusCode,
    ).toBe(400);
    expect(
      (
        await w.therapist.agent.get(
          `${base(w, patientId)}/body-chart/compare?from=${today(t)}&to=${today(t)}&kind=questionnaire`,
        )
      ).statusCode,
    ).toBe(400);
  });
});

describe('progress reports and merging', () => {
  it('makes the progress-report interval configurable per referral, and a report resets it', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const settingsUrl = `/api/clinics/${w.clinicId}/referrals/${referralId}/clinical-settings`;
    expect((await w.therapist.agent.get(settingsUrl)).json()).toMatchObject({
      progressEveryVisits: 10,
      progressEveryDays: 30,
      isDefault: true,
    });
    expect(
      (await w.therapist.agent.put(settingsUrl, { progressEveryVisits: 0, progressEveryDays: 30 }))
        .statusCode,
    ).toBe(400);
    const set = await w.therapist.agent.put(settingsUrl, { progressEveryVisits: 2, progressEveryDays: 60 });
    expect(set.json()).toMatchObject({ progressEveryVisits: 2, isDefault: false });
    const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(plan.statusCode).toBe(201);
    const reminders = async () => {
      const chart = (await w.therapist.agent.get(`${base(w, patientId)}/chart`)).json();
      return chart.sections.find((s: { id: string }) => s.id === 'clinical').data.reminders as {
        kind: string;
        message: string;
      }[];
    };
    expect((await reminders()).map((r) => r.kind)).not.toContain('progress_report_due');
    for (const day of [0, 3]) {
      const n = (
        await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
          visitDate: plusDays(t, day),
          content: {
            treatment: { rows: [{ techniqueId: 'myofascial-release', region: 'low-back', minutes: 30 }] },
          },
        })
      ).json();
      expect(
        (
          await w.therapist.agent.post(`${base(w, patientId)}/notes/${n.id}/sign`, {
            typedName: w.therapist.name,
          })
        ).statusCode,
      ).toBe(200);
    }
    const due = (await reminders()).find((r) => r.kind === 'progress_report_due');
    expect(due?.message).toMatch(/2 visits since the last report/);
    expect((await reminders()).find((r) => r.kind === 'visits_left')?.message).toBe(
      '10 of 12 visits left on the referral',
    );
    const report = (
      await w.therapist.agent.post(`${base(w, patientId)}/assessments`, {
        kind: 'progress_report',
        assessedOn: plusDays(t, 4),
      })
    ).json();
    await w.therapist.agent.post(`${base(w, patientId)}/assessments/${report.id}/sign`, {
      typedName: w.therapist.name,
    });
    expect((await reminders()).map((r) => r.kind)).not.toContain('progress_report_due');
  });

  it('moves signed clinical records with a patient merge', async () => {
    const survivor = await patientWithReferral(w);
    const duplicate = await patientWithReferral(w, { health: {} });
    const note = (
      await w.therapist.agent.post(`${base(w, duplicate.patientId)}/notes`, {
        content: { pain: { before: 5 } },
      })
    ).json();
    await w.therapist.agent.post(`${base(w, duplicate.patientId)}/notes/${note.id}/sign`, {
      typedName: w.therapist.name,
    });
    await w.therapist.agent.post(`${base(w, duplicate.patientId)}/notes/${note.id}/amendments`, {
      reason: 'typo',
      changes: { pain: { before: 4 } },
    });
    await w.therapist.agent.post(`${base(w, duplicate.patientId)}/outcomes`, {
      instrumentId: 'nprs',
      answers: { pain: 5 },
    });
    const merged = await w.owner.post(`${base(w, survivor.patientId)}/merge`, {
      duplicateId: duplicate.patientId,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({
      session_notes: 1,
      clinical_amendments: 1,
      outcome_administrations: 1,
    });
    const [moved] = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.id, note.id));
    expect(moved).toMatchObject({
      patientId: survivor.patientId,
      status: 'signed',
      content: { pain: { before: 5 } },
    });
    const outcomes = await t.database.db
      .select()
      .from(outcomeAdministrations)
      .where(eq(outcomeAdministrations.patientId, survivor.patientId));
    expect(outcomes).toHaveLength(1);
  });
});
