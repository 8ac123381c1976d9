import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  assessments,
  clinicalAddenda,
  clinicalAmendments,
  outcomeAdministrations,
  sessionNotes,
  type treatmentPlans,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { toPage } from '../../platform/pagination.ts';
import { userNames } from '../intake/service.ts';
import { changedFields } from './access.ts';

/** The clinical record tables listed per patient. */
type PatientRecordTable = typeof assessments | typeof sessionNotes | typeof treatmentPlans;

/**
 * A linked physician reads a clinician's notes and evaluations once signed: a draft is work in progress, listed
 * nowhere for them and answered 404 by id, as if absent. Staff read drafts too.
 */
export const signedForPhysician = (
  access: { via: string },
  table: typeof assessments | typeof sessionNotes,
) => (access.via === 'physician' ? eq(table.status, 'signed') : undefined);

/** The single-record side of `signedForPhysician`: 404 for a draft asked for by a physician. */
export function assertReadable(access: { via: string }, row: { status: string }, what: string): void {
  if (access.via === 'physician' && row.status !== 'signed') throw notFound(what);
}

/**
 * One page of a patient's records of one kind, newest first (`?cursor=<last id>&limit=`). The caller has
 * already authorized (and audited) the access; `access` is what `authorizeClinical` returned. `where` narrows
 * the rows further (e.g. what a physician may read).
 */
export async function patientRecordsPage<T extends PatientRecordTable>(
  db: Executor,
  table: T,
  access: { clinicId: string; patientId: string },
  query: { cursor?: string | undefined; limit: number },
  where?: SQL,
): Promise<{ items: T['$inferSelect'][]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(table as PatientRecordTable)
    .where(
      and(
        eq(table.clinicId, access.clinicId),
        eq(table.patientId, access.patientId),
        query.cursor ? lt(table.id, query.cursor) : undefined,
        where,
      ),
    )
    .orderBy(desc(table.id))
    .limit(query.limit + 1);
  return toPage(rows as T['$inferSelect'][], query.limit);
}

export type RecordLink = { assessmentId: string } | { sessionNoteId: string };

/**
 * Deletes a draft note or evaluation (the caller has checked it is a draft and the caller its author). Scores
 * given during it stay in the record, no longer tied to the discarded draft.
 */
export async function deleteDraft(
  tx: Executor,
  row: { clinicId: string; id: string },
  link: 'assessment' | 'sessionNote',
) {
  const linked =
    link === 'assessment' ? outcomeAdministrations.assessmentId : outcomeAdministrations.sessionNoteId;
  await tx
    .update(outcomeAdministrations)
    .set(link === 'assessment' ? { assessmentId: null } : { sessionNoteId: null })
    .where(and(eq(outcomeAdministrations.clinicId, row.clinicId), eq(linked, row.id)));
  const table = link === 'assessment' ? assessments : sessionNotes;
  await tx.delete(table).where(and(eq(table.clinicId, row.clinicId), eq(table.id, row.id)));
}

const linkWhere = (
  table: typeof clinicalAmendments | typeof clinicalAddenda,
  clinicId: string,
  link: RecordLink,
) =>
  and(
    eq(table.clinicId, clinicId),
    'assessmentId' in link
      ? eq(table.assessmentId, link.assessmentId)
      : eq(table.sessionNoteId, link.sessionNoteId),
  );

export async function amendmentsOf(db: Executor, clinicId: string, link: RecordLink) {
  const rows = await db
    .select()
    .from(clinicalAmendments)
    .where(linkWhere(clinicalAmendments, clinicId, link))
    .orderBy(asc(clinicalAmendments.id));
  const names = await userNames(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    id: r.id,
    author: { userId: r.authorId, name: names.get(r.authorId) ?? '' },
    at: r.at.toISOString(),
    reason: r.reason,
    changes: r.changes,
    /** A session note's corrected treatment given despite a contraindication (see session-notes). */
    contraindicationOverride: r.contraindicationOverride ?? null,
  }));
}

export async function addendaOf(db: Executor, clinicId: string, link: RecordLink) {
  const rows = await db
    .select()
    .from(clinicalAddenda)
    .where(linkWhere(clinicalAddenda, clinicId, link))
    .orderBy(asc(clinicalAddenda.id));
  const names = await userNames(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    id: r.id,
    author: { userId: r.authorId, name: names.get(r.authorId) ?? '' },
    at: r.at.toISOString(),
    text: r.text,
  }));
}

/** Records an amendment of a signed record: the changed fields with before (as it reads now) and after. */
export async function addAmendment(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    link: RecordLink;
    authorId: string;
    at: Date;
    reason: string;
    /** What the record says now (signed content with earlier amendments applied). */
    current: Record<string, unknown>;
    patch: Record<string, unknown>;
    /** The corrected treatment was given despite a contraindication: the override as recorded. */
    contraindicationOverride?: Record<string, unknown> | null;
  },
) {
  const changes = changedFields(input.current, input.patch);
  if (changes.length === 0)
    throw new AppError('unprocessable', 'The amendment changes nothing', [
      { path: 'body.changes', message: 'No field differs from the record' },
    ]);
  const id = uuidv7();
  await db.insert(clinicalAmendments).values({
    clinicId: input.clinicId,
    id,
    patientId: input.patientId,
    ...input.link,
    authorId: input.authorId,
    at: input.at,
    reason: input.reason,
    changes,
    contraindicationOverride: input.contraindicationOverride ?? null,
  });
  return { id, changes };
}

export async function addAddendum(
  db: Executor,
  input: { clinicId: string; patientId: string; link: RecordLink; authorId: string; at: Date; text: string },
) {
  const id = uuidv7();
  await db.insert(clinicalAddenda).values({
    clinicId: input.clinicId,
    id,
    patientId: input.patientId,
    ...input.link,
    authorId: input.authorId,
    at: input.at,
    text: input.text,
  });
  return { id };
}
