import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { clinicalAmendments } from '../../db/schema/index.ts';
import { applyAmendments } from './access.ts';

/**
 * Records (session notes or evaluations), each with `current`: its content as it reads now, every amendment
 * applied oldest first. One query for all the records' amendments. Every reader of a record's values outside
 * the record itself (progress charts, reports, the record export, FHIR) goes through this, so all show the
 * corrected values.
 */
export async function withAmendments<C, T extends { id: string; content: Record<string, unknown> }>(
  db: Executor,
  clinicId: string,
  link: 'sessionNoteId' | 'assessmentId',
  records: readonly T[],
): Promise<(T & { current: C })[]> {
  const byRecord = new Map<string, { changes: { field: string; after: unknown }[] }[]>();
  if (records.length > 0) {
    const rows = await db
      .select({ recordId: clinicalAmendments[link], changes: clinicalAmendments.changes })
      .from(clinicalAmendments)
      .where(
        and(
          eq(clinicalAmendments.clinicId, clinicId),
          inArray(
            clinicalAmendments[link],
            records.map((r) => r.id),
          ),
        ),
      )
      .orderBy(asc(clinicalAmendments.id));
    for (const row of rows) byRecord.set(row.recordId!, [...(byRecord.get(row.recordId!) ?? []), row]);
  }
  return records.map((r) => ({ ...r, current: applyAmendments(r.content, byRecord.get(r.id) ?? []) as C }));
}
