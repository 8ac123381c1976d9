/**
 * FHIR `$everything` benchmark. Run: `npx tsx bench/fhir.ts` (or `npm run bench -- fhir`).
 *
 * Seeds one patient with a realistic record on in-memory PGlite (or `BENCH_DATABASE_URL`): the treated record
 * of `seedTreatedPatient` (referral with two diagnoses, a plan with goals, 30 completed appointments each with a
 * signed SOAP note (3 treatment rows, pain before/after, ROM, goal progress) and 10 outcome administrations),
 * plus an intake with allergies, medications and consent and an assessment with ROM. Then it times
 * `GET /fhir/R4/Patient/{id}/$everything` through the whole app (`app.inject`: sign-in lookup, access check,
 * audit row, mapping, JSON) against a baseline measured in the same run: the plain SQL reads of the same rows
 * (one `select` per table the bundle is made from). Target (issue 7): < 200 ms.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  appointments,
  assessments,
  clinicalAmendments,
  clinics,
  intakeResponses,
  locations,
  memberships,
  outcomeAdministrations,
  patients,
  referrals,
  sessionNotes,
  therapistHours,
  treatmentPlans,
  treatmentPlanVersions,
} from '../src/db/schema/index.ts';
import { type Figure, ms, printFigures } from './report.ts';
import { day, median, SESSIONS, seedTreatedPatient, startBenchClinic } from './support.ts';

const TARGET_MS = 200;
const RUNS = 40;

export interface FhirBenchResult {
  medianMs: number;
  baselineMs: number;
  entries: number;
  figures: Figure[];
}

export async function runFhirBench(): Promise<FhirBenchResult> {
  const clinic = await startBenchClinic();
  const { db, app, clinicId, cookie, ownerId, close } = clinic;
  const { therapistId, locationId, patientId, planId, noteIds, first } = await seedTreatedPatient(clinic);
  for (const weekday of [1, 2, 3, 4, 5])
    await db.insert(therapistHours).values({
      clinicId,
      id: uuidv7(),
      therapistId,
      locationId,
      weekday,
      startTime: '09:00',
      endTime: '17:00',
    });
  // What a FHIR export has on top of the treated record: the intake and the initial assessment.
  await db.insert(intakeResponses).values({
    clinicId,
    id: uuidv7(),
    patientId,
    questionnaireVersion: 1,
    kind: 'intake',
    status: 'submitted',
    version: 1,
    answers: {
      conditions: [],
      medications: [{ class: 'blood-pressure', name: 'Lisinopril 10 mg' }],
      allergies: [{ kind: 'latex' }, { kind: 'massage-oils', detail: 'Coconut oil' }],
      pain: { level: 6, regions: ['low-back'] },
      goals: 'Sit through work',
    },
    savedAt: first,
    submittedAt: first,
    submittedVia: 'staff',
    submittedBy: ownerId,
    consentTypedName: 'Ana López',
    consentSignedAt: first,
    consentTextVersion: 'v1',
    consentTextHash: 'a'.repeat(64),
  });
  await db.insert(assessments).values({
    clinicId,
    id: uuidv7(),
    patientId,
    kind: 'initial',
    status: 'signed',
    assessedOn: day(first),
    content: {
      rom: [
        { jointMotion: 'lumbar.flexion', value: 35 },
        { jointMotion: 'tmj.opening', value: 38 },
      ],
    },
    authorId: therapistId,
    signedAt: first,
    signatureTypedName: 'Theo Therapist',
  });

  const url = `/fhir/R4/Patient/${patientId}/$everything`;
  const everything = () => app.inject({ method: 'GET', url, headers: { cookie } });
  const check = await everything();
  if (check.statusCode !== 200) throw new Error(`$everything failed: ${check.body}`);
  const entries = (check.json().entry as unknown[]).length;

  // Baseline: plain reads of the rows the bundle is made from, one select per table.
  const baseline = async () => {
    await db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
    await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId)));
    await db
      .select()
      .from(intakeResponses)
      .where(and(eq(intakeResponses.clinicId, clinicId), eq(intakeResponses.patientId, patientId)));
    await db
      .select()
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, clinicId), eq(sessionNotes.patientId, patientId)));
    await db
      .select()
      .from(clinicalAmendments)
      .where(
        and(eq(clinicalAmendments.clinicId, clinicId), inArray(clinicalAmendments.sessionNoteId, noteIds)),
      );
    await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId)));
    await db
      .select()
      .from(outcomeAdministrations)
      .where(
        and(eq(outcomeAdministrations.clinicId, clinicId), eq(outcomeAdministrations.patientId, patientId)),
      );
    await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.clinicId, clinicId), eq(assessments.patientId, patientId)));
    await db
      .select()
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)));
    await db
      .select()
      .from(treatmentPlanVersions)
      .where(and(eq(treatmentPlanVersions.clinicId, clinicId), eq(treatmentPlanVersions.planId, planId)));
    await db.select().from(clinics).where(eq(clinics.id, clinicId));
    await db.select().from(locations).where(eq(locations.clinicId, clinicId));
    await db.select().from(memberships).where(eq(memberships.clinicId, clinicId));
  };

  const timed: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 5; i++) {
    await everything();
    await baseline();
  }
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const response = await everything();
    timed.push(performance.now() - t0);
    if (response.statusCode !== 200) throw new Error(`$everything failed: ${response.body}`);
    t0 = performance.now();
    await baseline();
    base.push(performance.now() - t0);
  }
  await close();

  const medianMs = median(timed);
  const baselineMs = median(base);
  const figures: Figure[] = [
    {
      name: `$everything, ${SESSIONS} sessions (${entries} entries), median of ${RUNS}`,
      value: ms(medianMs),
      target: `< ${TARGET_MS} ms`,
      ok: medianMs < TARGET_MS,
    },
    {
      name: 'baseline: plain SQL reads of the same rows',
      value: `${ms(baselineMs)} (× ${(medianMs / baselineMs).toFixed(1)})`,
      target: 'reference',
      ok: true,
    },
  ];
  printFigures(`FHIR Patient/$everything (${clinic.databaseName})`, figures);
  return { medianMs, baselineMs, entries, figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFhirBench();
