import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { intakeResponses } from '../../db/schema/index.ts';
import { submittedIntakesOf } from '../intake/service.ts';
import { localDate } from '../patients/dates.ts';
import { signedAssessmentsOf, signedNotesOf } from './amended.ts';
import { type BodyChartFinding, type bodyChartSource, findingsFromIntakePain } from './body-chart.ts';

export interface BodyChartSnapshot {
  source: z.infer<typeof bodyChartSource>;
  findings: BodyChartFinding[];
}

/**
 * Every signed body chart of the patient (assessments, notes — amendments applied — and intake pain maps),
 * oldest first. Used by the body-chart endpoints and the progress view.
 */
export async function bodyChartHistory(
  db: Executor,
  clinicId: string,
  patientId: string,
  timeZone: string,
): Promise<BodyChartSnapshot[]> {
  const snapshots: (BodyChartSnapshot & { order: string })[] = [];
  const evals = await signedAssessmentsOf(db, clinicId, patientId);
  for (const a of evals) {
    const chart = a.current.bodyChart as BodyChartFinding[] | undefined;
    if (chart)
      snapshots.push({
        source: { type: 'assessment', id: a.id, date: a.assessedOn },
        findings: chart,
        order: a.id,
      });
  }
  const notes = await signedNotesOf(db, clinicId, patientId);
  for (const n of notes) {
    const chart = n.current.objective?.bodyChart as BodyChartFinding[] | undefined;
    if (chart)
      snapshots.push({
        source: { type: 'session_note', id: n.id, date: n.visitDate },
        findings: chart,
        order: n.id,
      });
  }
  const intakes = await db.select().from(intakeResponses).where(submittedIntakesOf(clinicId, patientId));
  for (const i of intakes) {
    const pain = (i.answers as { pain?: { level?: number; regions?: string[] } }).pain;
    if (pain?.regions && i.submittedAt)
      snapshots.push({
        source: { type: 'intake', id: i.id, date: localDate(i.submittedAt, timeZone) },
        findings: findingsFromIntakePain(pain),
        order: i.id,
      });
  }
  return snapshots
    .sort((a, b) => a.source.date.localeCompare(b.source.date) || a.order.localeCompare(b.order))
    .map(({ source, findings }) => ({ source, findings }));
}
