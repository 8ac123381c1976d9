import { and, desc, eq, inArray } from 'drizzle-orm';
import { intakeResponses } from '../../../db/schema/index.ts';
import type { IntakeAnswers } from '../../intake/schemas.ts';
import { type LoadQuery, memoised } from '../model.ts';

export type IntakeRow = typeof intakeResponses.$inferSelect;
export const answersOf = (row: IntakeRow) => row.answers as IntakeAnswers;

/** Every intake (drafts and submitted versions) of the query's patients, or the one a read names. */
export function loadIntakes(q: LoadQuery): Promise<IntakeRow[]> {
  return memoised(q, 'intakes', () => readIntakes(q));
}

function readIntakes(q: LoadQuery): Promise<IntakeRow[]> {
  return q.db
    .select()
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, q.clinicId),
        q.patientIds ? inArray(intakeResponses.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(intakeResponses.id, q.rowId) : undefined,
      ),
    )
    .orderBy(desc(intakeResponses.version));
}

/**
 * The health history the allergies and medications come from: per patient, the latest submitted version (for a
 * read, the version the id names, so an id stays readable after a newer version).
 */
export async function latestSubmitted(q: LoadQuery): Promise<IntakeRow[]> {
  const rows = (await loadIntakes(q)).filter((r) => r.status === 'submitted');
  if (q.rowId) return rows;
  const latest = new Map<string, IntakeRow>();
  for (const row of rows) {
    const seen = latest.get(row.patientId);
    if (!seen || (row.version ?? 0) > (seen.version ?? 0)) latest.set(row.patientId, row);
  }
  return [...latest.values()];
}
