import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import { clinicalAddenda, clinicalAmendments } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { userNames } from '../intake/service.ts';
import { changedFields } from './access.ts';

export type RecordLink = { assessmentId: string } | { sessionNoteId: string };

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
