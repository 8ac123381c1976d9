/**
 * What the referring physician reads and signs in their portal: the plan screened against today's safety flags,
 * their own name however they type it, and no certification asked once the patient is discharged.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { physicianPatientLinks, treatmentPlanSignatures, users } from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
  plusDays,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
}, 120_000);
afterAll(() => t?.close());

/** A newer health history for the patient (the intake submitted again). */
async function submitHealth(patientId: string, health: Record<string, unknown>) {
  const intake = (await w.therapist.agent.post(`${base(w, patientId)}/intakes`, {})).json();
  const response = await w.therapist.agent.post(`${base(w, patientId)}/intakes/${intake.id}/submit`, {
    answers: {
      conditions: checklistWith(),
      medications: [],
      allergies: [],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 6, regions: ['low-back'] },
      goals: 'Sit through work',
      pressurePreference: 'moderate',
      ...health,
      consent: {
        agreed: true,
        typedName: 'Ana Lopez',
        textVersion: w.consent.version,
        textHash: w.consent.textHash,
      },
    },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function planFor(patientId: string, referralId: string, overrides: Record<string, unknown> = {}) {
  const created = await w.therapist.agent.post(
    `${base(w, patientId)}/plans`,
    planBody(w, referralId, overrides),
  );
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

const plansToSign = async () =>
  (await w.physician.agent.get(`/api/clinics/${w.clinicId}/physician/plans-to-sign`)).json().items;

describe('the plan the physician signs is screened against today’s safety flags', () => {
  it('marks trigger point work for a patient now on a blood thinner, and still lets the physician sign', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    // Written before the blood thinner was reported: it screened clear then.
    const plan = await planFor(patientId, referralId);
    expect(plan.current.techniques).toContain('trigger-point-therapy');
    await submitHealth(patientId, { medications: [{ class: 'anticoagulant', name: 'Apixaban' }] });

    const url = `${base(w, patientId)}/plans/${plan.id}/screening`;
    const screening = await w.physician.agent.get(url);
    expect(screening.statusCode, screening.body).toBe(200);
    expect(screening.json()).toMatchObject({ status: 'blocked', blocked: true });
    const blocking = screening.json().findings.filter((f: { blocking: boolean }) => f.blocking);
    expect(blocking.map((f: { ruleId: string }) => f.ruleId)).toEqual(['bleeding-light-pressure']);
    expect(blocking[0].restriction).toMatch(/light pressure only/);
    expect(blocking[0].conflicts).toContainEqual(
      expect.objectContaining({
        technique: 'trigger-point-therapy',
        regions: ['low-back', 'gluteal-right'],
        because: 'technique',
      }),
    );

    // Their judgement: the physician may sign the plan as written.
    const signed = await w.physician.agent.post(
      `${base(w, patientId)}/plans/${plan.id}/physician-signature`,
      {
        typedName: w.physician.name,
      },
    );
    expect(signed.statusCode, signed.body).toBe(201);
    expect(await auditOf(w, patientId, w.physician.userId)).toContain('plan.screening.read:allowed');
  });

  it('is read by the linked physician and staff only', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const plan = await planFor(patientId, referralId);
    const url = `${base(w, patientId)}/plans/${plan.id}/screening`;
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.get(url)).statusCode).toBe(403);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['plan.screening.read:refused']);
    const clear = await w.therapist.agent.get(url);
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({ status: 'clear', findings: [] });
    expect((await w.physician.agent.get(`${base(w, patientId)}/plans/not-a-plan/screening`)).statusCode).toBe(
      400,
    );
  });
});

describe("the physician's typed name", () => {
  it('signs with their name written with or without titles, credentials and punctuation; their name is still required', async () => {
    const carmen = await addMember(t, w.clinicId, ['physician']);
    await t.database.db
      .update(users)
      .set({ displayName: 'Dr. Carmen Ruiz, MD' })
      .where(eq(users.id, carmen.userId));
    const sign = async (typedName: string) => {
      const { patientId, referralId } = await patientWithReferral(w, { health: {}, linkPhysician: false });
      await t.database.db
        .insert(physicianPatientLinks)
        .values({ clinicId: w.clinicId, patientId, userId: carmen.userId, reason: 'referral' });
      const plan = await planFor(patientId, referralId);
      return carmen.agent.post(`${base(w, patientId)}/plans/${plan.id}/physician-signature`, { typedName });
    };
    for (const typedName of ['Carmen Ruiz, MD', 'Dr Carmen Ruiz MD', 'carmen ruiz']) {
      const signed = await sign(typedName);
      expect(signed.statusCode, typedName).toBe(201);
      expect(signed.json().current.signature.typedName).toBe(typedName);
    }
    for (const typedName of ['Carmen, MD', 'Dr. Ruiz', 'Dr. Carmen Ruiz, MD, and Owen Hale']) {
      const refused = await sign(typedName);
      expect(refused.statusCode, typedName).toBe(422);
      expect(refused.json().error.details).toEqual([
        { path: 'body.typedName', message: 'Does not match your name' },
      ]);
    }
  });
});

describe('a discharged patient', () => {
  it('is not asked for: no plan to sign, nothing overdue, and a signature is refused with the reason', async () => {
    const { patientId, referralId } = await patientWithReferral(w, { health: {} });
    const plan = await planFor(patientId, referralId);
    expect((await plansToSign()).map((p: { planId: string }) => p.planId)).toContain(plan.id);
    const before = (await w.therapist.agent.get(`${base(w, patientId)}/chart`)).json();
    expect(
      before.sections
        .find((s: { id: string }) => s.id === 'clinical')
        .data.reminders.map((r: { kind: string }) => r.kind),
    ).toContain('certification_due');

    const draft = await w.therapist.agent.post(`${base(w, patientId)}/reports`, {
      kind: 'discharge_summary',
      referralId,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const signed = await w.therapist.agent.post(`${base(w, patientId)}/reports/${draft.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);

    expect((await plansToSign()).map((p: { planId: string }) => p.planId)).not.toContain(plan.id);
    // Nor is the therapist reminded of a certification due.
    const chart = (await w.therapist.agent.get(`${base(w, patientId)}/chart`)).json();
    const reminders = chart.sections.find((s: { id: string }) => s.id === 'clinical').data.reminders;
    expect(reminders.map((r: { kind: string }) => r.kind)).not.toContain('certification_due');
    const read = (await w.physician.agent.get(`${base(w, patientId)}/plans/${plan.id}`)).json();
    expect(read.signatureWanted).toBe(false);
    expect(read.certification).toMatchObject({
      certified: false,
      certificationDueOn: null,
      dischargedOn: plusDays(t, 0),
    });
    const refused = await w.physician.agent.post(
      `${base(w, patientId)}/plans/${plan.id}/physician-signature`,
      { typedName: w.physician.name },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      `The patient was discharged on ${dayText(plusDays(t, 0))}: this plan needs no more signatures`,
    );
    expect(
      await t.database.db
        .select()
        .from(treatmentPlanSignatures)
        .where(eq(treatmentPlanSignatures.planId, plan.id)),
    ).toEqual([]);

    // A new plan after the discharge is a new episode: the physician certifies it.
    const next = await planFor(patientId, referralId, { startDate: plusDays(t, 1) });
    expect((await plansToSign()).map((p: { planId: string }) => p.planId)).toContain(next.id);
  });
});
