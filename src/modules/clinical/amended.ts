import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { assessments, clinicalAmendments, sessionNotes } from '../../db/schema/index.ts';
import type { AssessmentContent } from '../assessments/schemas.ts';
import type { NoteContent } from '../session-notes/schemas.ts';
import { applyAmendments } from './access.ts';

/** One amendment of a record, oldest first: what it changed, and a note's override recorded with it. */
export interface AmendmentTrail {
  id: string;
  at: string;
  changes: { field: string; after: unknown }[];
  contraindicationOverride: unknown;
}

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
): Promise<(T & { current: C; amendments: AmendmentTrail[] })[]> {
  const byRecord = new Map<string, AmendmentTrail[]>();
  if (records.length > 0) {
    const rows = await db
      .select({
        recordId: clinicalAmendments[link],
        id: clinicalAmendments.id,
        at: clinicalAmendments.at,
        changes: clinicalAmendments.changes,
        contraindicationOverride: clinicalAmendments.contraindicationOverride,
      })
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
    for (const { recordId, at, ...row } of rows)
      byRecord.set(recordId!, [...(byRecord.get(recordId!) ?? []), { ...row, at: at.toISOString() }]);
  }
  return records.map((r) => {
    const amendments = byRecord.get(r.id) ?? [];
    return { ...r, current: applyAmendments(r.content, amendments) as C, amendments };
  });
}

/** The patient's signed session notes (up to a day, when given), oldest first, amendments applied. */
export async function signedNotesOf(db: Executor, clinicId: string, patientId: string, until?: string) {
  const rows = await db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.patientId, patientId),
        eq(sessionNotes.status, 'signed'),
        until ? lte(sessionNotes.visitDate, until) : undefined,
      ),
    )
    .orderBy(asc(sessionNotes.visitDate), asc(sessionNotes.id));
  return withAmendments<NoteContent, (typeof rows)[number]>(db, clinicId, 'sessionNoteId', rows);
}

/** The patient's signed evaluations (up to a day, when given), oldest first, amendments applied. */
export async function signedAssessmentsOf(db: Executor, clinicId: string, patientId: string, until?: string) {
  const rows = await db
    .select()
    .from(assessments)
    .where(
      and(
        eq(assessments.clinicId, clinicId),
        eq(assessments.patientId, patientId),
        eq(assessments.status, 'signed'),
        until ? lte(assessments.assessedOn, until) : undefined,
      ),
    )
    .orderBy(asc(assessments.assessedOn), asc(assessments.id));
  return withAmendments<AssessmentContent, (typeof rows)[number]>(db, clinicId, 'assessmentId', rows);
}
