import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  patients,
  referrals,
  referralVisits,
  sessionNotes,
  treatmentPlans,
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
  today,
} from './clinical-support.ts';
import { expectValidFhir, fhir } from './fhir-support.ts';

/**
 * Plans of care for clients who came on their own (self-pay, no physician referral): no diagnoses, no
 * certification, never shown to physicians; screened, versioned and audited like every plan.
 */
let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

/** A valid plan body without a referral. */
const selfReferredBody = (overrides: Record<string, unknown> = {}) => {
  const { referralId: _none, ...body } = planBody(w, '', overrides);
  return body;
};

describe('a plan for a client who came on their own', () => {
  it('is screened exactly as a referred plan: a ruled-out technique is refused with the same findings', async () => {
    const { patientId, referralId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }] },
    });
    const risky = { techniques: ['deep-tissue-massage'], regions: ['calf-left', 'low-back'] };
    const referred = await w.therapist.agent.post(
      `${base(w, patientId)}/plans`,
      planBody(w, referralId, risky),
    );
    expect(referred.statusCode, referred.body).toBe(422);
    for (const body of [selfReferredBody(risky), { ...selfReferredBody(risky), referralId: null }]) {
      const refused = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe('contraindicated');
      expect(refused.json().error.details).toEqual(referred.json().error.details);
      expect(refused.json().error.details.findings[0]).toMatchObject({ ruleId: 'dvt-limb' });
    }
    expect(
      await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.patientId, patientId)),
    ).toEqual([]);
  });

  it('asks for the same precautions to be acknowledged', async () => {
    const { patientId } = await patientWithReferral(w, {
      health: { conditions: [{ code: 'osteoporosis' }] },
    });
    const body = selfReferredBody({ techniques: ['swedish-massage'] });
    const unacknowledged = await w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    expect(unacknowledged.statusCode, unacknowledged.body).toBe(422);
    expect(unacknowledged.json().error.code).toBe('precautions_unacknowledged');
    const keys = unacknowledged.json().error.details.findings.map((f: { key: string }) => f.key);
    const saved = await w.therapist.agent.post(`${base(w, patientId)}/plans`, {
      ...body,
      acknowledgedPrecautions: keys,
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().current.precautionsAcknowledged.map((a: { key: string }) => a.key)).toEqual(keys);
  });

  it('has no diagnoses and needs no certification; it keeps versions, stays without a referral, is audited', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/plans`, selfReferredBody());
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({
      referralId: null,
      selfReferred: true,
      certification: null,
      signatureWanted: false,
      currentVersion: 1,
      current: { diagnoses: [], problems: planBody(w, '').problems, signature: null },
    });
    const [row] = await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.id, plan.id));
    expect(row!.referralId).toBeNull();

    // No certification, progress-report or referral-visit reminders: no physician or payer asks for them.
    const chart = (await w.therapist.agent.get(`${base(w, patientId)}/chart`)).json();
    const clinical = chart.sections.find((s: { id: string }) => s.id === 'clinical').data;
    expect(clinical.activePlanId).toBe(plan.id);
    const kinds = clinical.reminders.map((r: { kind: string }) => r.kind);
    for (const kind of ['certification_due', 'recertification_due', 'progress_report_due', 'visits_left'])
      expect(kinds).not.toContain(kind);

    // A new version, screened like the first; a self-referred plan does not take a referral later.
    const changed = await w.therapist.agent.put(`${base(w, patientId)}/plans/${plan.id}`, {
      ...selfReferredBody(),
      goals: plan.current.goals,
      sessionMinutes: 45,
      changeReason: 'Shorter sessions suit her better',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      currentVersion: 2,
      certification: null,
      signatureWanted: false,
      current: { sessionMinutes: 45, changeReason: 'Shorter sessions suit her better' },
    });
    const attached = await w.therapist.agent.put(`${base(w, patientId)}/plans/${plan.id}`, {
      ...selfReferredBody(),
      referralId,
    });
    expect(attached.statusCode, attached.body).toBe(422);
    expect(attached.json().error).toMatchObject({
      code: 'unprocessable',
      details: [{ path: 'body.referralId', message: 'The plan has no referral' }],
    });
    expect(await auditOf(w, patientId, w.therapist.userId)).toEqual(
      expect.arrayContaining(['plan.create:allowed', 'plan.created:allowed', 'plan.version_added:allowed']),
    );
  });

  it('answers bad input with a 4xx in the one error shape', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const other = await patientWithReferral(w);
    // A referral of another clinic's patient.
    const elsewhere = await createOtherClinic(t);
    const strangerPatient = uuidv7();
    const strangerReferral = uuidv7();
    await t.database.db.insert(patients).values({
      clinicId: elsewhere.clinicId,
      id: strangerPatient,
      legalFirstName: 'Eve',
      legalLastName: 'Elsewhere',
      dateOfBirth: '1975-01-01',
    });
    await t.database.db.insert(referrals).values({
      clinicId: elsewhere.clinicId,
      id: strangerReferral,
      patientId: strangerPatient,
      source: 'paper',
      referralDate: plusDays(t, -3),
      diagnoses: [{ code: 'M54.50', description: 'Low back pain, unspecified', laterality: null }],
      techniques: [],
      bodyRegions: [],
      validFrom: plusDays(t, -3),
      createdBy: w.ownerId,
    });
    const post = (body: Record<string, unknown>) =>
      w.therapist.agent.post(`${base(w, patientId)}/plans`, body);
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...selfReferredBody(), referralId: other.referralId }, 422, 'unprocessable', 'body.referralId'],
      [{ ...selfReferredBody(), referralId: strangerReferral }, 422, 'unprocessable', 'body.referralId'],
      [{ ...selfReferredBody(), referralId: 'not-a-referral' }, 400, 'validation_failed', 'body.referralId'],
      [selfReferredBody({ diagnosisCodes: ['M54.50'] }), 422, 'unprocessable', 'body.diagnosisCodes'],
      [selfReferredBody({ problems: [] }), 400, 'validation_failed', 'body.problems'],
    ];
    for (const [body, status, code, path] of cases) {
      const response = await post(body);
      const what = JSON.stringify({ referralId: body.referralId, diagnosisCodes: body.diagnosisCodes });
      expect(response.statusCode, `${what} ${response.body}`).toBe(status);
      expect(response.json().error, what).toMatchObject({ code, message: expect.any(String) });
      expect(
        response.json().error.details.map((d: { path: string }) => d.path),
        what,
      ).toContain(path);
    }
    expect(
      await t.database.db.select().from(treatmentPlans).where(eq(treatmentPlans.patientId, patientId)),
    ).toEqual([]);
  });
});

describe('who sees a self-referred plan', () => {
  it('is no physician’s to sign or read, not even the patient’s linked one; other clinics are refused', async () => {
    // The patient has a referral (and so a linked physician) for another episode; this plan is self-referred.
    const { patientId } = await patientWithReferral(w, { health: {} });
    const plan = (await w.therapist.agent.post(`${base(w, patientId)}/plans`, selfReferredBody())).json();
    const planUrl = `${base(w, patientId)}/plans/${plan.id}`;

    const toSign = async (agent: typeof w.physician.agent) => {
      const listed = await agent.get(`/api/clinics/${w.clinicId}/physician/plans-to-sign`);
      expect(listed.statusCode, listed.body).toBe(200);
      return listed.json().items.filter((i: { patientId: string }) => i.patientId === patientId);
    };
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect(await toSign(w.physician.agent)).toEqual([]);
    expect(await toSign(stranger.agent)).toEqual([]);

    // The linked physician reaches the patient, not this plan.
    const listed = await w.physician.agent.get(`${base(w, patientId)}/plans`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items).toEqual([]);
    for (const url of [planUrl, `${planUrl}/versions/1`]) {
      const read = await w.physician.agent.get(url);
      expect(read.statusCode, url).toBe(404);
      expect(read.json().error.code).toBe('not_found');
    }
    const signed = await w.physician.agent.post(`${planUrl}/physician-signature`, {
      typedName: w.physician.name,
    });
    expect(signed.statusCode, signed.body).toBe(404);
    expect((await w.physician.agent.get(`${base(w, patientId)}/home-care`)).json()).toEqual({
      planId: null,
      homeCare: null,
    });
    const chart = (await w.physician.agent.get(`${base(w, patientId)}/chart`)).json();
    const clinical = chart.sections.find((s: { id: string }) => s.id === 'clinical');
    expect(clinical.data).toMatchObject({ activePlanId: null, reminders: [] });

    // An unrelated physician and another clinic do not reach the patient at all.
    expect((await stranger.agent.get(`${base(w, patientId)}/plans`)).statusCode).toBe(403);
    expect((await stranger.agent.get(planUrl)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(w, patientId)}/plans`)).statusCode).toBe(403);
    expect((await other.owner.get(planUrl)).statusCode).toBe(403);
    expect((await other.owner.post(`${base(w, patientId)}/plans`, selfReferredBody())).statusCode).toBe(403);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['plan.list:refused', 'plan.read:refused']);

    // The therapist still reads it.
    expect((await w.therapist.agent.get(planUrl)).json()).toMatchObject({ id: plan.id, selfReferred: true });
  });

  it('is a FHIR CarePlan with no referral behind it, which physicians do not see', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const plan = (await w.therapist.agent.post(`${base(w, patientId)}/plans`, selfReferredBody())).json();
    const read = await fhir(w.therapist.agent, `CarePlan/${plan.id}`);
    expect(read.statusCode, read.body).toBe(200);
    const carePlan = read.json();
    expectValidFhir(carePlan);
    expect(carePlan).toMatchObject({ resourceType: 'CarePlan', id: plan.id, status: 'active' });
    expect(carePlan.basedOn).toBeUndefined();
    expect(carePlan.supportingInfo).toBeUndefined();
    expect(carePlan.addresses).toBeUndefined();
    expect(carePlan.goal).toHaveLength(3);

    expect((await fhir(w.physician.agent, `CarePlan/${plan.id}`)).statusCode).toBe(404);
    const searched = await fhir(w.physician.agent, `CarePlan?patient=${patientId}`);
    expect(searched.statusCode, searched.body).toBe(200);
    expect(searched.json().total).toBe(0);
    const goalId = plan.current.goals[0].id;
    expect((await fhir(w.therapist.agent, `Goal/${goalId}`)).statusCode).toBe(200);
    expect((await fhir(w.physician.agent, `Goal/${goalId}`)).statusCode).toBe(404);
  });
});

describe('working under a self-referred plan', () => {
  it('signs notes, shows progress, writes reports for the record and lists the client to rebook', async () => {
    const { patientId } = await patientWithReferral(w, { health: {} });
    const plan = (await w.therapist.agent.post(`${base(w, patientId)}/plans`, selfReferredBody())).json();

    // One completed visit today, documented by a signed note written under the plan (no referral counts it).
    const place = await serviceAndRoom(w);
    const now = t.clock.now();
    await insertAppointment(w, place, {
      patientId,
      startAt: new Date(now.getTime() - 60_000),
      endAt: new Date(now.getTime() + 59 * 60_000),
      status: 'completed',
      completedAt: now,
    });
    const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      visitDate: today(t),
      content: {
        subjective: { painToday: 5 },
        treatment: {
          rows: [
            { techniqueId: 'myofascial-release', region: 'low-back', minutes: 30, pressure: 'moderate' },
          ],
        },
        pain: { before: 5, after: 3 },
      },
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().planId).toBe(plan.id);
    const signedNote = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signedNote.statusCode, signedNote.body).toBe(200);
    const [noteRow] = await t.database.db
      .select()
      .from(sessionNotes)
      .where(eq(sessionNotes.id, note.json().id));
    expect(noteRow!.referralVisitId).toBeNull();
    expect(
      await t.database.db.select().from(referralVisits).where(eq(referralVisits.sourceId, note.json().id)),
    ).toEqual([]);

    // Progress: the visits attended, none authorised.
    const progress = await w.therapist.agent.get(`${base(w, patientId)}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({
      planId: plan.id,
      visits: { used: 1, authorized: null, planned: 12, attended: 1 },
    });

    // The front desk's rebook list: the plan runs with visits left and nothing booked.
    const rebook = await w.owner.get(`/api/clinics/${w.clinicId}/rebook`);
    expect(rebook.statusCode, rebook.body).toBe(200);
    expect(rebook.json().items.find((i: { patientId: string }) => i.patientId === patientId)).toMatchObject({
      referralId: null,
      visitsLeft: 11,
    });

    // A progress report is written for the record: no referral, no physician to deliver it to.
    const report = await w.therapist.agent.post(`${base(w, patientId)}/reports`, { kind: 'progress_report' });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ referralId: null, planId: plan.id, facts: { referral: null } });
    const signedReport = await w.therapist.agent.post(
      `${base(w, patientId)}/reports/${report.json().id}/sign`,
      {
        typedName: w.therapist.name,
      },
    );
    expect(signedReport.statusCode, signedReport.body).toBe(200);
    expect(signedReport.json()).toMatchObject({ status: 'signed', deliveries: [] });
    const html = await w.therapist.agent.get(`${base(w, patientId)}/reports/${report.json().id}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('self-referred');
    // The linked physician does not see it.
    const theirs = await w.physician.agent.get(`${base(w, patientId)}/reports`);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().items).toEqual([]);
    expect(
      (await w.physician.agent.get(`${base(w, patientId)}/reports/${report.json().id}`)).statusCode,
    ).toBe(404);
    const portal = await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/reports`);
    expect(portal.json().items.map((i: { id: string }) => i.id)).not.toContain(report.json().id);
  });
});
