/**
 * FHIR `$everything` benchmark. Run: `npx tsx bench/fhir.ts` (or `npm run bench -- fhir`).
 * Seeds one patient with a realistic record on in-memory PGlite — referral with two diagnoses, intake with
 * allergies, medications and consent, a plan with goals, an assessment with ROM, 30 completed appointments each
 * with a signed SOAP note (3 treatment rows, pain before/after, ROM, goal progress) and 10 outcome
 * administrations — then times `GET /fhir/R4/Patient/{id}/$everything` through the whole app (`app.inject`:
 * sign-in lookup, access check, audit row, mapping, JSON) against a baseline measured in the same run: the
 * plain SQL reads of the same rows (one `select` per table the bundle is made from). Target (issue 7): < 200 ms.
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
  rooms,
  services,
  sessionNotes,
  therapistHours,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../src/db/schema/index.ts';
import { type Figure, ms, printFigures } from './report.ts';
import { median, startBenchClinic } from './support.ts';

const TARGET_MS = 200;
const SESSIONS = 30;
const RUNS = 40;

export interface FhirBenchResult {
  medianMs: number;
  baselineMs: number;
  entries: number;
  figures: Figure[];
}

export async function runFhirBench(): Promise<FhirBenchResult> {
  const { db, app, clinicId, cookie, ownerId, close } = await startBenchClinic();
  const [location] = await db.select().from(locations).where(eq(locations.clinicId, clinicId));
  const therapistId = uuidv7();
  await db
    .insert(users)
    .values({ id: therapistId, email: 'therapist@palpa.test', displayName: 'Theo Therapist' });
  await db.insert(memberships).values({ clinicId, userId: therapistId, role: 'therapist' });
  for (const weekday of [1, 2, 3, 4, 5])
    await db.insert(therapistHours).values({
      clinicId,
      id: uuidv7(),
      therapistId,
      locationId: location!.id,
      weekday,
      startTime: '09:00',
      endTime: '17:00',
    });

  // The record.
  const patientId = uuidv7();
  await db.insert(patients).values({
    clinicId,
    id: patientId,
    legalFirstName: 'Ana',
    legalLastName: 'López',
    dateOfBirth: '1980-03-14',
    email: 'ana@example.test',
  });
  const referralId = uuidv7();
  const diagnoses = [
    { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
    { code: 'M62.838', description: 'Other muscle spasm', laterality: null },
  ];
  const first = new Date(Date.now() - (SESSIONS * 3 + 10) * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await db.insert(referrals).values({
    clinicId,
    id: referralId,
    patientId,
    source: 'paper',
    referralDate: day(first),
    diagnoses,
    techniques: ['myofascial-release', 'swedish-massage'],
    bodyRegions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 16,
    sessionMinutes: 60,
    validFrom: day(first),
    createdBy: ownerId,
  });
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
  const planId = uuidv7();
  const goalIds = [uuidv7(), uuidv7(), uuidv7()];
  await db
    .insert(treatmentPlans)
    .values({ clinicId, id: planId, patientId, referralId, createdBy: therapistId });
  await db.insert(treatmentPlanVersions).values({
    clinicId,
    planId,
    version: 1,
    content: {
      diagnoses,
      problems: ['Sitting limited to 20 minutes'],
      goals: [
        {
          id: goalIds[0],
          kind: 'instrument',
          instrumentId: 'odi',
          baseline: 44,
          target: 24,
          dueDate: day(new Date()),
        },
        {
          id: goalIds[1],
          kind: 'rom',
          jointMotion: 'lumbar.flexion',
          baseline: 35,
          target: 55,
          dueDate: day(new Date()),
        },
        {
          id: goalIds[2],
          kind: 'functional',
          patientWords: 'Sit through a meeting',
          dueDate: day(new Date()),
        },
      ],
      homeCare: { exercises: [{ id: 'knee-to-chest' }], advice: [] },
    },
    techniques: ['myofascial-release', 'swedish-massage'],
    regions: ['low-back'],
    frequencyPerWeek: 2,
    durationWeeks: 16,
    plannedVisits: 32,
    sessionMinutes: 60,
    startDate: day(first),
    reEvaluationDate: day(new Date(first.getTime() + 30 * 86_400_000)),
    screening: {},
    precautionsAcknowledged: [],
    createdBy: therapistId,
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
  const serviceId = uuidv7();
  const roomId = uuidv7();
  await db
    .insert(services)
    .values({ clinicId, id: serviceId, name: 'Medical massage 60', durationMinutes: 60, kind: 'follow_up' });
  await db.insert(rooms).values({ clinicId, id: roomId, locationId: location!.id, name: 'Room 1' });
  const rows = [
    { techniqueId: 'myofascial-release', region: 'low-back', minutes: 20, pressure: 'moderate' },
    { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 15, pressure: 'moderate' },
    { techniqueId: 'trigger-point-therapy', region: 'gluteal-right', minutes: 10, pressure: 'firm' },
  ];
  const noteIds: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const startAt = new Date(first.getTime() + (i * 3 + 5) * 86_400_000);
    const endAt = new Date(startAt.getTime() + 3_600_000);
    const appointmentId = uuidv7();
    await db.insert(appointments).values({
      clinicId,
      id: appointmentId,
      patientId,
      serviceId,
      therapistId,
      roomId,
      locationId: location!.id,
      startAt,
      endAt,
      blockedStart: startAt,
      blockedEnd: endAt,
      status: 'completed',
      completedAt: endAt,
      bookedBy: ownerId,
      bookedVia: 'staff',
      referralId,
    });
    const noteId = uuidv7();
    noteIds.push(noteId);
    await db.insert(sessionNotes).values({
      clinicId,
      id: noteId,
      patientId,
      planId,
      appointmentId,
      authorId: therapistId,
      status: 'signed',
      visitDate: day(startAt),
      content: {
        subjective: { complaint: 'Stiff low back', painToday: 6 },
        objective: {
          findings: 'Hypertonic paraspinals',
          rom: [{ jointMotion: 'lumbar.flexion', value: 35 + (i % 20) }],
        },
        treatment: { rows },
        assessment: { goalProgress: [{ goalId: goalIds[0], progress: 'progressing' }] },
        pain: { before: 6, after: 3 },
      },
      totalMinutes: 45,
      timedMinutesByCpt: { '97140': 30, '97124': 15 },
      billing: { totalUnits: 3 },
      signedAt: endAt,
      signatureTypedName: 'Theo Therapist',
    });
    if (i % 3 === 0)
      await db.insert(outcomeAdministrations).values({
        clinicId,
        id: uuidv7(),
        patientId,
        instrumentId: 'ndi',
        instrumentVersion: '1',
        answers: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`q${k + 1}`, 2])),
        score: 20,
        missingItems: [],
        method: 'sum',
        administeredOn: day(startAt),
        administeredBy: therapistId,
        sessionNoteId: noteId,
      });
  }

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
  printFigures('FHIR Patient/$everything', figures);
  return { medianMs, baselineMs, entries, figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFhirBench();
