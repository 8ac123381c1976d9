/**
 * Progress-report PDF benchmark. Run: `npx tsx bench/reports.ts` (or `npm run bench -- reports`).
 *
 * Seeds one patient on in-memory PGlite (or `BENCH_DATABASE_URL`) with `seedTreatedPatient` (referral, plan with
 * three goals and home care, 30 completed appointments each with a signed SOAP note (three treatment rows, pain
 * before/after, ROM, goal progress), 10 outcome administrations), generates and signs a progress report covering
 * all 30 sessions, then times `GET …/reports/{id}/pdf` through the whole app (`app.inject`: session lookup,
 * access check and audit, facts from the stored report, layout, PDF bytes) against a baseline measured in the
 * same run: pdfkit rendering a one-paragraph document. Target (issue 7): < 1 s. For reference it also times
 * generating a draft from the 30-session record.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { clinicalReports } from '../src/db/schema/index.ts';
import { renderReportPdf } from '../src/modules/reports/pdf.ts';
import { createDraft } from '../src/modules/reports/service.ts';
import { type Figure, ms, printFigures } from './report.ts';
import { day, median, SESSIONS, seedTreatedPatient, startBenchClinic } from './support.ts';

const TARGET_MS = 1000;
const RUNS = 15;

export interface ReportsBenchResult {
  medianMs: number;
  baselineMs: number;
  pdfBytes: number;
  figures: Figure[];
}

export async function runReportsBench(): Promise<ReportsBenchResult> {
  const clinic = await startBenchClinic();
  const { db, app, clinicId, cookie, close } = clinic;
  try {
    const { therapistId, patientId } = await seedTreatedPatient(clinic);
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
    printFigures(`Reports: progress-report PDF through the app (${clinic.databaseName})`, figures);
    return { medianMs, baselineMs, pdfBytes: pdf.length, figures };
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runReportsBench();
}
