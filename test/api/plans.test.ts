import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  treatmentPlanDrafts,
  treatmentPlanSignatures,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../src/db/schema/index.ts';
import { addDays, dayText } from '../../src/modules/patients/dates.ts';
import { planSignedContent } from '../../src/modules/plans/service.ts';
import { canonicalJson } from '../../src/modules/referrals/signature.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, PASSWORD } from '../helpers/fixtures.ts';
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

describe('saving a plan runs the contraindication screening', () => {
  it('blocks deep tissue on the left calf of a patient with a DVT there until a clearance is recorded', async () => {
    const { patientId, referralId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const body = planBody(w, referralId, {
      techniques: ['deep-tissue-massage'],
      regions: ['calf-left', 'low-back'],
    });
    const refused = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');
    const finding = refused.json().error.details.findings[0];
    expect(finding).toMatchObject({ ruleId: 'dvt-limb', severity: 'avoid-area' });
    expect(finding.conflicts[0]).toMatchObject({ technique: 'deep-tissue-massage', regions: ['calf-left'] });
    // Nothing half-written.
    expect(
      await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.patientId, patientId)),
    ).toEqual([]);

    const clearance = await w.therapist.agent.post(`${base(w, patientId)}/safety/clearances`, {
      ruleIds: ['dvt-limb'],
      physicianName: 'Dr. Helen Park',
      clearedOn: plusDays(t, -1),
      note: 'Clot resolved on ultrasound',
    });
    expect(clearance.statusCode, clearance.body).toBe(201);
    const saved = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().current.screening.clearanceIds).toEqual([clearance.json().id]);
  });

  it('makes the therapist acknowledge precautions by key, and keeps the acknowledgement', async () => {
    const { patientId, referralId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'osteoporosis' }] },
    });
    const body = planBody(w, referralId, { techniques: ['swedish-massage', 'myofascial-release'] });
    const unacknowledged = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(unacknowledged.statusCode, unacknowledged.body).toBe(422);
    expect(unacknowledged.json().error.code).toBe('precautions_unacknowledged');
    const keys = unacknowledged.json().error.details.findings.map((f: { key: string }) => f.key);
    expect(keys.some((k: string) => k.startsWith('osteoporosis-gentle'))).toBe(true);

    const wrongKey = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      acknowledgedPrecautions: ['something-else'],
    });
    expect(wrongKey.statusCode).toBe(422);
    const saved = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      acknowledgedPrecautions: keys,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().current.precautionsAcknowledged).toEqual(
      keys.map((key: string) =>
        expect.objectContaining({ key, ruleId: 'osteoporosis-gentle', acknowledgedBy: w.therapist.userId }),
      ),
    );
    const [stored] = await t.database.db
      .select()
      .from(treatmentPlanVersions)
      .where(eq(treatmentPlanVersions.planId, saved.json().id));
    expect(stored!.precautionsAcknowledged.map((a) => a.key)).toEqual(keys);

    // Deep tissue is ruled out for osteoporosis: blocked, with no clearance possible.
    const deep = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      techniques: ['deep-tissue-massage'],
      acknowledgedPrecautions: keys,
    });
    expect(deep.json().error.code).toBe('contraindicated');
  });

  it('answers bad plans with 4xx and a field path', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const other = await patientWithReferral(w);
    const post = (overrides: Record<string, unknown>) =>
      w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId, overrides));
    const cases: [Record<string, unknown>, number, string][] = [
      [{ sessionMinutes: 20 }, 400, 'body.sessionMinutes'],
      [{ sessionMinutes: 120 }, 400, 'body.sessionMinutes'],
      [{ techniques: ['reiki'] }, 400, 'body.techniques.0'],
      [{ regions: ['tail'] }, 400, 'body.regions.0'],
      [{ goals: [] }, 400, 'body.goals'],
      [{ homeCare: { exercises: [{ id: 'handstands' }] } }, 400, 'body.homeCare.exercises.0.id'],
      [{ referralId: other.referralId }, 422, 'body.referralId'],
      [{ reEvaluationDate: plusDays(t, -1) }, 422, 'body.reEvaluationDate'],
      [{ diagnosisCodes: ['M79.1'] }, 422, 'body.diagnosisCodes.0'],
      [
        {
          goals: [
            { kind: 'instrument', instrumentId: 'odi', baseline: 30, target: 40, dueDate: plusDays(t, 20) },
          ],
        },
        422,
        'body.goals.0.target',
      ],
      [
        {
          goals: [
            { kind: 'instrument', instrumentId: 'nprs', baseline: 14, target: 2, dueDate: plusDays(t, 20) },
          ],
        },
        422,
        'body.goals.0.baseline',
      ],
      [
        {
          goals: [
            {
              kind: 'rom',
              jointMotion: 'shoulder.flexion',
              baseline: 90,
              target: 150,
              dueDate: plusDays(t, 20),
            },
          ],
        },
        422,
        'body.goals.0.side',
      ],
    ];
    for (const [overrides, status, path] of cases) {
      const response = await post(overrides);
      expect(response.statusCode, JSON.stringify(overrides)).toBe(status);
      expect(
        response.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(overrides),
      ).toContain(path);
    }
    expect(
      await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.patientId, patientId)),
    ).toEqual([]);
  });
});

describe('versions and the physician signature', () => {
  it('keeps every version, signs one with a hash, and asks for recertification when the plan changes', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan.currentVersion).toBe(1);
    expect(plan.current.diagnoses.map((d: { code: string }) => d.code)).toEqual(['M54.50', 'M62.838']);
    expect(plan.current.homeCare.exercises[1]).toMatchObject({
      id: 'pelvic-tilt',
      dosage: '15 repetitions, once a day',
    });
    expect(plan.current.homeCare.exercises[0].instructions).toMatch(/knee/);
    expect(plan.certification).toMatchObject({ certified: false, certificationDueOn: plusDays(t, 30) });
    expect(plan.signatureWanted).toBe(true);
    // The chart reminds the therapist, the date written for people.
    const chart = (await w.therapist.agent.get(`${base(w, patientId)}/chart`)).json();
    const reminders = chart.sections.find((s: { id: string }) => s.id === 'clinical').data.reminders;
    expect(reminders.find((r: { kind: string }) => r.kind === 'certification_due').message).toBe(
      `Physician signature (certification) due ${dayText(plusDays(t, 30))}`,
    );
    const goalIds = plan.current.goals.map((g: { id: string }) => g.id);
    expect(goalIds.every((id: string) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);

    // Only the linked physician signs; the therapist and an unrelated physician are refused.
    const url = `${base(w, patientId)}/plans/${plan.id}/physician-signature`;
    expect((await w.therapist.agent.post(url, { typedName: 'Sam' })).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);

    // The linked physician's portal lists the plan as awaiting their signature; nobody else's does.
    const plansToSign = `/api/clinics/${w.clinicId}/physician/plans-to-sign`;
    const toSign = async (agent: typeof w.physician.agent) => {
      const listed = await agent.get(plansToSign);
      expect(listed.statusCode, listed.body).toBe(200);
      return listed.json().items.filter((i: { planId: string }) => i.planId === plan.id);
    };
    expect(await toSign(w.physician.agent)).toEqual([
      {
        planId: plan.id,
        patientId,
        patientName: expect.any(String),
        version: 1,
        reason: 'certification',
        dueOn: plusDays(t, 30),
      },
    ]);
    expect(await toSign(stranger.agent)).toEqual([]);
    expect((await w.therapist.agent.get(plansToSign)).statusCode).toBe(403);
    // Another clinic's list is refused; a malformed clinic id is a 400 in the one error shape.
    const other = await createOtherClinic(t);
    expect(
      (await w.physician.agent.get(`/api/clinics/${other.clinicId}/physician/plans-to-sign`)).statusCode,
    ).toBe(403);
    const malformed = await w.physician.agent.get('/api/clinics/not-a-clinic/physician/plans-to-sign');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'validation_failed' });
    const [listed] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'plan.physician_list'), eq(auditLog.actorUserId, w.physician.userId)));
    expect((listed!.details as { patientIds: string[] }).patientIds).toContain(patientId);
    expect((await stranger.agent.post(url, { typedName: 'Dr. Who' })).statusCode).toBe(403);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['plan.physician_sign:refused']);

    const before = t.clock.now();
    const signed = await w.physician.agent.post(url, { typedName: w.physician.name, version: 1 });
    expect(signed.statusCode, signed.body).toBe(201);
    const signature = signed.json().current.signature;
    expect(signature).toMatchObject({
      typedName: w.physician.name,
      physician: { userId: w.physician.userId },
    });
    const [planRow] = await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.id, plan.id));
    const [v1] = await t.database.db
      .select()
      .from(treatmentPlanVersions)
      .where(eq(treatmentPlanVersions.planId, plan.id));
    const expected = sha256(
      canonicalJson(
        planSignedContent(planRow!, v1!, {
          userId: w.physician.userId,
          typedName: w.physician.name,
          signedAt: new Date(signature.signedAt),
        }),
      ),
    );
    expect(signature.hash).toBe(expected);
    expect(new Date(signature.signedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    // A six-week plan ends before 90 days have passed: no recertification is due after its end.
    expect(signed.json().certification).toMatchObject({
      certified: true,
      signedVersion: 1,
      recertificationDueOn: null,
      recertificationReason: null,
      dischargedOn: null,
    });
    const again = await w.physician.agent.post(url, { typedName: w.physician.name });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      `This plan version is signed; the plan ends ${dayText(plusDays(t, 41))}, before a recertification is due`,
    );
    expect(await toSign(w.physician.agent)).toEqual([]);

    // A change is a new version; version 1 stays as it was, with its signature.
    const changed = await w.therapist.agent.put(`${base(w, patientId)}/plans/${plan.id}`, {
      ...planBody(w, referralId),
      goals: plan.current.goals.map(({ id, ...g }: { id: string }) => ({ id, ...g })),
      sessionMinutes: 45,
      changeReason: 'Shorter sessions tolerated better',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      currentVersion: 2,
      current: { sessionMinutes: 45, signature: null, changeReason: 'Shorter sessions tolerated better' },
      certification: { certified: true, signedVersion: 1, recertificationReason: 'plan-changed' },
    });
    expect(changed.json().current.goals.map((g: { id: string }) => g.id)).toEqual(goalIds);
    expect(await toSign(w.physician.agent)).toMatchObject([
      { version: 2, reason: 'plan-changed', dueOn: today(t) },
    ]);
    const v1Read = (await w.physician.agent.get(`${base(w, patientId)}/plans/${plan.id}/versions/1`)).json();
    expect(v1Read).toMatchObject({ version: 1, sessionMinutes: 60, signature: { hash: expected } });
    expect((await w.physician.agent.post(url, { typedName: w.physician.name, version: 1 })).statusCode).toBe(
      409,
    );
    const rows = await t.database.db
      .select()
      .from(treatmentPlanVersions)
      .where(eq(treatmentPlanVersions.planId, plan.id));
    expect(rows.map((r) => [r.version, r.sessionMinutes])).toEqual([
      [1, 60],
      [2, 45],
    ]);
    // The database refuses to overwrite or delete a version.
    expect(
      await dbRefusal(
        t.database.db.execute(
          sql`update treatment_plan_versions set session_minutes = 90 where plan_id = ${plan.id}`,
        ),
      ),
    ).toMatch(/UPDATE refused/);
    expect(
      await dbRefusal(
        t.database.db.execute(sql`delete from treatment_plan_versions where plan_id = ${plan.id}`),
      ),
    ).toMatch(/DELETE refused/);
    expect(
      (
        await w.therapist.agent.put(`${base(w, patientId)}/plans/${plan.id}`, {
          ...planBody(w, referralId),
          referralId: (await patientWithReferral(w)).referralId,
        })
      ).statusCode,
    ).toBe(422);
  });
});

describe("the physician's typed-name signature", () => {
  it('refuses a certification typed with any name but their own, leaving the plan uncertified; their name signs', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const plan = (
      await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId))
    ).json();
    const url = `${base(w, patientId)}/plans/${plan.id}/physician-signature`;
    for (const typedName of ['x', 'Dr. Carmen Ruiz, MD']) {
      const refused = await w.physician.agent.post(url, { typedName, version: 1 });
      expect(refused.statusCode, typedName).toBe(422);
      expect(refused.json().error).toEqual({
        code: 'unprocessable',
        message: 'Type your name as it appears on your account to sign',
        details: [{ path: 'body.typedName', message: 'Does not match your name' }],
      });
    }
    const unsigned = (await w.physician.agent.get(`${base(w, patientId)}/plans/${plan.id}`)).json();
    expect(unsigned.certification).toMatchObject({ certified: false, signedVersion: null });
    expect(unsigned.current.signature).toBeNull();
    expect(unsigned.signatureWanted).toBe(true);
    expect(
      await t.database.db
        .select()
        .from(treatmentPlanSignatures)
        .where(eq(treatmentPlanSignatures.planId, plan.id)),
    ).toEqual([]);

    // Their name as on their account, case and spacing aside, certifies the plan.
    const typedName = `  ${w.physician.name.toUpperCase()} `;
    const signed = await w.physician.agent.post(url, { typedName, version: 1 });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().certification).toMatchObject({ certified: true, signedVersion: 1 });
    expect(signed.json().current.signature).toMatchObject({
      typedName: w.physician.name.toUpperCase(),
      physician: { userId: w.physician.userId, name: w.physician.name },
    });
  });
});

describe('who sees plans', () => {
  it('shows the patient their own plan and home care in plain words, nothing else; refuses other clinics', async () => {
    const portal = await addMember(t, w.clinicId, ['patient']);
    const { patientId, referralId } = await patientWithReferral(w, { health: {}, userId: portal.userId });
    const otherPatient = await patientWithReferral(w, { health: {} });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(created.statusCode).toBe(201);
    const otherPlan = await w.therapist.agent.post(
      `${base(w, otherPatient.patientId)}/plans`,
      planBody(w, otherPatient.referralId),
    );
    expect(otherPlan.statusCode).toBe(201);

    const mine = await portal.agent.get(`${base(w, patientId)}/plans`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    const view = mine.json().items[0];
    expect(view.audience).toBe('patient');
    expect(view.techniques[0]).toMatchObject({ id: 'myofascial-release', name: 'Myofascial release' });
    expect(view).not.toHaveProperty('current');
    expect(view).not.toHaveProperty('precautionsAcknowledged');
    const homeCare = (await portal.agent.get(`${base(w, patientId)}/home-care`)).json();
    expect(homeCare.homeCare.exercises.map((e: { id: string }) => e.id)).toEqual([
      'knee-to-chest',
      'pelvic-tilt',
    ]);
    expect(homeCare.homeCare.advice[0]).toMatchObject({ id: 'hydration' });

    expect((await portal.agent.get(`${base(w, otherPatient.patientId)}/plans`)).statusCode).toBe(403);
    expect(
      (await portal.agent.get(`${base(w, otherPatient.patientId)}/plans/${otherPlan.json().id}`)).statusCode,
    ).toBe(403);
    // Therapist documentation is not the patient's to read here.
    expect((await portal.agent.get(`${base(w, patientId)}/notes`)).statusCode).toBe(403);
    expect((await portal.agent.get(`${base(w, patientId)}/assessments`)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, portal.userId)).toEqual([
      'plan.list:allowed',
      'plan.home_care.read:allowed',
      'session_note.list:refused',
      'assessment.list:refused',
    ]);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(w, patientId)}/plans`)).statusCode).toBe(403);
    expect((await other.owner.post(`${base(w, patientId)}/plans`, planBody(w, referralId))).statusCode).toBe(
      403,
    );
    const home = (await w.therapist.agent.get('/api/home-care-library')).json();
    expect(home.exercises.length).toBeGreaterThanOrEqual(10);
    expect(
      home.exercises.every((e: { instructions: string; dosage: string }) => e.instructions && e.dosage),
    ).toBe(true);
    expect(today(t)).toMatch(/^\d{4}-/);
  });
});

describe('drafts of a plan (autosaved as it is written)', () => {
  it('keeps each author’s draft until the plan is saved, for the patient’s writers only; audited', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const url = `${base(w, patientId)}/plan-draft`;
    const list = async (agent = w.therapist.agent) => {
      const response = await agent.get(`${base(w, patientId)}/plan-drafts`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as { planId: string | null; content: Record<string, unknown> }[];
    };
    expect(await list()).toEqual([]);

    // Half written: a draft holds the form as it stands, complete or not; a later save replaces it.
    const half = { referralId, problems: ['Low back pain when sitting', ''], frequencyPerWeek: null };
    expect((await w.therapist.agent.put(url, { content: half })).statusCode).toBe(200);
    const more = { ...half, techniques: ['myofascial-release'] };
    const saved = await w.therapist.agent.put(url, { content: more });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ planId: null, content: more });
    expect(await list()).toMatchObject([{ planId: null, content: more }]);
    // One row per author and plan, and the owner (another author) has no draft here.
    expect(
      await t.database.db
        .select()
        .from(treatmentPlanDrafts)
        .where(eq(treatmentPlanDrafts.patientId, patientId)),
    ).toHaveLength(1);
    expect(await list(w.owner)).toEqual([]);

    // Bad input is a 400 with the field named; too large a draft is refused.
    const bad = await w.therapist.agent.put(url, { content: 'not an object' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.content');
    const huge = await w.therapist.agent.put(url, { content: { notes: 'x'.repeat(100_001) } });
    expect(huge.statusCode).toBe(400);

    // Not the physician's, the patient's or another clinic's to read or write.
    const other = await createOtherClinic(t);
    expect((await w.physician.agent.get(`${base(w, patientId)}/plan-drafts`)).statusCode).toBe(403);
    expect((await other.owner.put(url, { content: half })).statusCode).toBe(403);

    // Saving the plan deletes its draft in the same transaction.
    const created = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(created.statusCode, created.body).toBe(201);
    expect(await list()).toEqual([]);

    // A draft of a new version names its plan (of this patient), and goes when that version is saved; the
    // draft of a new plan beside it stays.
    const planId = created.json().id as string;
    expect((await w.therapist.agent.put(url, { planId, content: { sessionMinutes: 45 } })).statusCode).toBe(
      200,
    );
    await w.therapist.agent.put(url, { content: half });
    expect((await list()).map((d) => d.planId).sort()).toEqual([planId, null].sort());
    const stranger = await patientWithReferral(w, { health: {} });
    expect(
      (await w.therapist.agent.put(`${base(w, stranger.patientId)}/plan-draft`, { planId, content: {} }))
        .statusCode,
    ).toBe(404);
    const changed = await w.therapist.agent.put(`${base(w, patientId)}/plans/${planId}`, {
      ...planBody(w, referralId),
      sessionMinutes: 45,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await list()).toMatchObject([{ planId: null, content: half }]);

    // Discarding: the author's own draft is deleted.
    expect((await w.therapist.agent.delete(url)).statusCode).toBe(204);
    expect(await list()).toEqual([]);

    // Merging two records that each hold this author's draft of a new plan keeps the survivor's, and moves
    // the duplicate's other drafts.
    const twin = await patientWithReferral(w, { health: {} });
    await w.therapist.agent.put(`${base(w, twin.patientId)}/plan-draft`, { content: { problems: ['twin'] } });
    await w.owner.put(`${base(w, twin.patientId)}/plan-draft`, { content: { problems: ['owner’s'] } });
    await w.therapist.agent.put(url, { content: { problems: ['survivor'] } });
    const merged = await w.owner.post(`${base(w, patientId)}/merge`, { duplicateId: twin.patientId });
    expect(merged.statusCode, merged.body).toBe(200);
    const drafts = await t.database.db
      .select()
      .from(treatmentPlanDrafts)
      .where(eq(treatmentPlanDrafts.patientId, patientId));
    expect(
      drafts.map((d) => d.content).sort((a, b) => String(a.problems).localeCompare(String(b.problems))),
    ).toEqual([{ problems: ['owner’s'] }, { problems: ['survivor'] }]);
    await w.therapist.agent.delete(url);

    const trail = await auditOf(w, patientId, w.therapist.userId);
    // Refused at the edge (400), the two bad saves touched nothing and are not in the trail.
    expect(trail.filter((a) => a.startsWith('plan.draft.'))).toEqual([
      'plan.draft.list:allowed',
      'plan.draft.save:allowed',
      'plan.draft.save:allowed',
      'plan.draft.list:allowed',
      'plan.draft.list:allowed',
      'plan.draft.save:allowed',
      'plan.draft.save:allowed',
      'plan.draft.list:allowed',
      'plan.draft.list:allowed',
      'plan.draft.discard:allowed',
      'plan.draft.list:allowed',
      'plan.draft.save:allowed',
      'plan.draft.discard:allowed',
    ]);
  });
});

describe('recertification every 90 days', () => {
  it('signs once when the physician clicks several times at once', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const plan = (
      await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId))
    ).json();
    const url = `${base(w, patientId)}/plans/${plan.id}/physician-signature`;
    // A newer plan for the patient is the one the portal asks to sign; the older one is history.
    const newer = (
      await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId))
    ).json();
    const listed = (await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/plans-to-sign`)).json();
    const mine = listed.items.filter((i: { patientId: string }) => i.patientId === patientId);
    expect(mine.map((i: { planId: string }) => i.planId)).toEqual([newer.id]);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => w.physician.agent.post(url, { typedName: w.physician.name })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const signatures = await t.database.db
      .select()
      .from(treatmentPlanSignatures)
      .where(eq(treatmentPlanSignatures.planId, plan.id));
    expect(signatures).toHaveLength(1);
  });

  it('lets the physician sign the same version again when its 90 days are near, and not before', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    // Sixteen weeks: the plan outlasts its first 90 days.
    const created = await w.therapist.agent.post(
      `${base(w, patientId)}/plans`,
      planBody(w, referralId, { durationWeeks: 16, plannedVisits: 32 }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    const url = `${base(w, patientId)}/plans/${plan.id}/physician-signature`;
    const sign = () => w.physician.agent.post(url, { typedName: w.physician.name });
    expect((await sign()).statusCode).toBe(201);
    const signedOn = today(t);
    const listed = async () =>
      (await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/plans-to-sign`))
        .json()
        .items.filter((i: { planId: string }) => i.planId === plan.id);

    // Signed today: nothing to sign, and a second signature is refused with the date it will be wanted.
    const early = await sign();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      `This plan version is signed; its recertification is due ${dayText(addDays(signedOn, 90))}`,
    );
    expect(await listed()).toEqual([]);

    // Six days before the 90-day mark the physician is asked again, and signs the same version.
    t.clock.advance(84 * 86_400_000);
    await w.physician.agent.signIn(w.physician.email, PASSWORD);
    expect(await listed()).toMatchObject([{ version: 1, reason: '90-days', dueOn: addDays(signedOn, 90) }]);
    const read = await w.physician.agent.get(`${base(w, patientId)}/plans/${plan.id}`);
    expect(read.json().signatureWanted).toBe(true);
    const again = await sign();
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().signatureWanted).toBe(false);
    // The next 90 days would end after the plan does (day 111): no recertification falls due after its end.
    expect(again.json().certification).toMatchObject({
      signedVersion: 1,
      recertificationDueOn: null,
      recertificationReason: null,
    });
    expect(again.json().current.endDate).toBe(addDays(signedOn, 111));
    expect(await listed()).toEqual([]);
    const signatures = await t.database.db
      .select()
      .from(treatmentPlanSignatures)
      .where(eq(treatmentPlanSignatures.planId, plan.id));
    expect(signatures.map((s) => s.version)).toEqual([1, 1]);
  });
});
