/**
 * Merging two patient records moves the duplicate's questionnaires to the survivor without losing any:
 * - its submitted health-history versions are renumbered after the survivor's (their content, signature,
 *   who and when stay as they were; the database allows the number to change only with the patient);
 * - its open draft moves too, or, when the survivor also has one, fills the answers the survivor's draft
 *   lacks (the survivor's answers win) and its personal links then open the survivor's draft.
 * Links, confirmations and clearances follow by the default move (their patient_id column).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/connection.ts';
import { rowsOf } from '../../db/connection.ts';
import { intakeLinks, intakeResponses } from '../../db/schema/index.ts';
import { type MergeIds, registerPatientReference } from '../patients/references.ts';

async function moveIntakes(tx: Transaction, ids: MergeIds): Promise<number> {
  const draftOf = async (patientId: string) =>
    (
      await tx
        .select()
        .from(intakeResponses)
        .where(
          and(
            eq(intakeResponses.clinicId, ids.clinicId),
            eq(intakeResponses.patientId, patientId),
            eq(intakeResponses.status, 'draft'),
          ),
        )
        .for('update')
    )[0];
  const duplicateDraft = await draftOf(ids.fromId);
  const survivorDraft = await draftOf(ids.toId);
  let moved = 0;
  if (duplicateDraft && survivorDraft) {
    await tx
      .update(intakeResponses)
      .set({
        answers: sql`${JSON.stringify(duplicateDraft.answers)}::jsonb || ${intakeResponses.answers}`,
        savedAt: sql`greatest(${intakeResponses.savedAt}, ${duplicateDraft.savedAt.toISOString()}::timestamptz)`,
      })
      .where(and(eq(intakeResponses.clinicId, ids.clinicId), eq(intakeResponses.id, survivorDraft.id)));
    await tx
      .update(intakeLinks)
      .set({ intakeId: survivorDraft.id, patientId: ids.toId })
      .where(and(eq(intakeLinks.clinicId, ids.clinicId), eq(intakeLinks.intakeId, duplicateDraft.id)));
    await tx
      .delete(intakeResponses)
      .where(and(eq(intakeResponses.clinicId, ids.clinicId), eq(intakeResponses.id, duplicateDraft.id)));
    moved++;
  }
  const renumbered = rowsOf(
    await tx.execute(sql`
      update intake_responses r
         set patient_id = ${ids.toId},
             version = (select coalesce(max(version), 0) from intake_responses
                         where clinic_id = ${ids.clinicId} and patient_id = ${ids.toId}) + n.rn
        from (select id, row_number() over (order by version) as rn
                from intake_responses
               where clinic_id = ${ids.clinicId} and patient_id = ${ids.fromId} and status = 'submitted') n
       where r.clinic_id = ${ids.clinicId} and r.id = n.id
      returning 1`),
  );
  const rest = rowsOf(
    await tx.execute(sql`
      update intake_responses set patient_id = ${ids.toId}
       where clinic_id = ${ids.clinicId} and patient_id = ${ids.fromId}
      returning 1`),
  );
  return moved + renumbered.length + rest.length;
}

registerPatientReference({ table: 'intake_responses', column: 'patient_id', move: moveIntakes });
