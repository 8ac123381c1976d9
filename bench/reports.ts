/**
 * Progress-report PDF benchmark. Run: `npx tsx bench/reports.ts` (or `npm run bench -- reports`).
 * Seeds one patient on in-memory PGlite — referral, plan with three goals and home care, 30 signed SOAP notes (three
 * treatment rows, pain before/after, ROM, goal progress), 10 outcome administrations — generates and signs a
 * progress report covering all 30 sessions, then times `GET …/reports/{id}/pdf` through the whole app
 * (`app.inject`: session lookup, access check and audit, facts from the stored report, layout, PDF bytes) against a
 * baseline measured in the same run: pdfkit rendering a one-paragraph document. Target (issue 7): < 1 s. For reference
 * it also times generating a draft from the 30-session record.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  clinicalReports,
  memberships,
  outcomeAdministrations,
  patients,
  referrals,
  sessionNotes,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../src/db/schema/index.ts';
import { renderReportPdf } from '../src/modules/reports/pdf.ts';
import { createDraft } from '../src/modules/reports/service.ts';
import { type Figure, ms, printFigures } from './report.ts';
import { median, startBenchClinic } from './support.ts';

const TARGET_MS = 1000;
const SESSIONS = 30;
const RUNS = 15;

export interface ReportsBenchResult {
  medianMs: number;
  baselineMs: number;
  pdfBytes: number;
  figures: Figure[];
}

export async function runReportsBench(): Promise<ReportsBenchResult> {
  const { db, app, clinicId, cookie, ownerId, close } = await startBenchClinic();
  try {
    const therapistId = uuidv7();
    await db
      .insert(users)
      .values({ id: therapistId, email: 'therapist@palpa.test', displayName: 'Theo Therapist' });
    await db.insert(memberships).values({ clinicId, userId: therapistId, role: 'therapist' });

    const day = (d: Date) => d.toISOString().slice(0, 10);
    const first = new Date(Date.now() - (SESSIONS * 3 + 10) * 86_400_000);
    const patientId = uuidv7();
    await db.insert(patients).values({
      clinicId,
      id: patientId,
      legalFirstName: 'Ana',
      legalLastName: 'López',
      dateOfBirth: '1980-03-14',
    });
    const referralId = uuidv7();
    const diagnoses = [
      { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
      { code: 'M62.838', description: 'Other muscle spasm', laterality: null },
    ];
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
        problems: ['Sitting limited to 20 minutes', 'Hypertonic lumbar paraspinals'],
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
        homeCare: { exercises: [{ id: 'knee-to-chest' }, { id: 'pelvic-tilt' }], advice: ['hydration'] },
      },
      techniques: ['myofascial-release', 'swedish-massage'],
      regions: ['low-back'],
      frequencyPerWeek: 2,
      durationWeeks: 16,
      plannedVisits: 32,
      sessionMinutes: 60,
      startDate: day(first),
      reEvaluationDate: day(new Date(first.getTime() + 30 * 86_400_000)),
      screening: { onDate: day(first), status: 'clear', findingKeys: [], clearanceIds: [] },
      precautionsAcknowledged: [],
      createdBy: therapistId,
    });
    for (let i = 0; i < SESSIONS; i++) {
      const visitDate = day(new Date(first.getTime() + (i * 3 + 1) * 86_400_000));
      const signedAt = new Date(first.getTime() + (i * 3 + 1) * 86_400_000 + 3_600_000);
      await db.insert(sessionNotes).values({
        clinicId,
        id: uuidv7(),
        patientId,
        planId,
        authorId: therapistId,
        status: 'signed',
        visitDate,
        content: {
          subjective: {
            painToday: Math.max(1, 7 - Math.floor(i / 5)),
            complaint: 'Low back pain when sitting',
          },
          objective: {
            findings: 'Hypertonic paraspinals',
            rom: [{ jointMotion: 'lumbar.flexion', value: 35 + i }],
          },
          treatment: {
            rows: [
              { techniqueId: 'myofascial-release', region: 'low-back', minutes: 25, pressure: 'moderate' },
              { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 20, pressure: 'moderate' },
              { techniqueId: 'hot-therapy', region: 'low-back', minutes: 10 },
            ],
          },
          assessment: {
            goalProgress: [{ goalId: goalIds[2], progress: 'progressing' }],
            interpretation: 'Improving',
          },
          plan: { nextFocus: 'Gluteals' },
          pain: { before: Math.max(1, 7 - Math.floor(i / 5)), after: Math.max(0, 4 - Math.floor(i / 6)) },
        },
        totalMinutes: 55,
        timedMinutesByCpt: { '97140': 25, '97124': 20 },
        billing: {},
        signedAt,
        signatureTypedName: 'Theo Therapist',
      });
      if (i % 3 === 0)
        await db.insert(outcomeAdministrations).values({
          clinicId,
          id: uuidv7(),
          patientId,
          instrumentId: 'nprs',
          instrumentVersion: '1',
          answers: { pain: Math.max(1, 7 - Math.floor(i / 5)) },
          score: Math.max(1, 7 - Math.floor(i / 5)),
          missingItems: [],
          method: 'bench',
          administeredOn: visitDate,
          administeredBy: therapistId,
        });
    }
    const draft = await createDraft(db, {
      clinicId,
      patientId,
      kind: 'progress_report',
      periodEnd: day(new Date()),
      authorId: therapistId,
      timeZone: 'America/Los_Angeles',
      now: new Date(),
    });
    await db
      .update(clinicalReports)
      .set({ status: 'signed', signedAt: new Date(), signatureTypedName: 'Theo Therapist' })
      .where(eq(clinicalReports.id, draft.id));
    const sessions = (draft.content as { facts: { treatment: { sessions: number } } }).facts.treatment
      .sessions;
    if (sessions !== SESSIONS) throw new Error(`the report covers ${sessions} sessions, not ${SESSIONS}`);

    const url = `/api/clinics/${clinicId}/patients/${patientId}/reports/${draft.id}/pdf`;
    const fetchPdf = async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200)
        throw new Error(`report.pdf answered ${response.statusCode}: ${response.body}`);
      return response.rawPayload;
    };
    const pdf = await fetchPdf(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await fetchPdf();
      times.push(performance.now() - start);
    }
    const baseline: number[] = [];
    const tiny = {
      title: 'Baseline',
      letterhead: { name: 'Bench Clinic', lines: [] },
      patient: { name: 'Ana López', dateOfBirth: '1980-03-14' },
      meta: [],
      sections: [{ heading: 'One', paragraphs: ['One paragraph.'] }],
      signature: 'Signed',
    };
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await renderReportPdf(tiny);
      baseline.push(performance.now() - start);
    }
    // Generating a draft from the record (30 notes, outcomes, ROM, goals), for reference.
    const generation: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await createDraft(db, {
        clinicId,
        patientId,
        kind: 'discharge_summary',
        periodEnd: day(new Date()),
        authorId: therapistId,
        timeZone: 'America/Los_Angeles',
        now: new Date(),
      });
      generation.push(performance.now() - start);
    }
    const medianMs = median(times);
    const baselineMs = median(baseline);
    const figures: Figure[] = [
      {
        name: `progress report PDF, ${SESSIONS} sessions (median of ${RUNS})`,
        value: ms(medianMs),
        target: `< ${ms(TARGET_MS)}`,
        ok: medianMs < TARGET_MS,
      },
      {
        name: 'baseline: one-paragraph PDF (pdfkit alone)',
        value: ms(baselineMs),
        target: 'reference',
        ok: true,
      },
      {
        name: 'generate the draft from the record (median of 5)',
        value: ms(median(generation)),
        target: 'reference',
        ok: true,
      },
      { name: 'PDF size', value: `${(pdf.length / 1024).toFixed(1)} KiB`, target: 'reference', ok: true },
    ];
    printFigures('Reports: progress-report PDF through the app (PGlite)', figures);
    return { medianMs, baselineMs, pdfBytes: pdf.length, figures };
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runReportsBench();
}
