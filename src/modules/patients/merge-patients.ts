import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { patients, users } from '../../db/schema/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PatientAccess } from '../../platform/patient-access.ts';
import { moveChildRows } from './references.ts';
import { displayNameOf, type PatientRow } from './repository.ts';
import { linkAccountWarning } from './schemas.ts';

/** Fields of the survivor that, when empty, take the duplicate's value (nothing the duplicate knew is lost). */
const FILLABLE = [
  'preferredName',
  'pronouns',
  'sexAssignedAtBirth',
  'genderIdentity',
  'email',
  'phone',
  'contactPreferences',
  'emergencyContact',
  'address',
  'insurance',
  'guardian',
  'notes',
  'userId',
] as const satisfies readonly (keyof PatientRow)[];

/**
 * Merges `duplicateId` into `survivorId` in one transaction: every row of every patient-referencing table
 * moves to the survivor (src/modules/patients/references.ts), records merged earlier into the duplicate now
 * point at the survivor, the survivor's empty fields take the duplicate's values (notes are joined), and the
 * duplicate stays readable, marked `merged_into_id`. The audit row commits with the merge.
 *
 * When one record has an online account the other lacks (the survivor takes the duplicate's, or keeps its own and
 * gains the duplicate's history), that account then sees the whole merged chart: refused (422,
 * body.confirmIdentity) unless `confirmIdentity` says staff checked it is the same person (the duplicate check
 * matched name and date of birth only, which a relative or ex-partner can know).
 */
export async function mergePatients(
  request: FastifyRequest,
  access: PatientAccess,
  duplicateId: string,
  confirmIdentity = false,
): Promise<{ survivor: PatientRow; filledFields: string[]; moved: Record<string, number> }> {
  const { db, now } = request.server.deps;
  const clinicId = access.clinicId;
  const survivorId = access.patientId;
  if (survivorId === duplicateId) {
    throw new AppError('validation_failed', 'A record cannot be merged into itself', [
      { path: 'body.duplicateId', message: 'Same as the surviving record' },
    ]);
  }
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), sql`${patients.id} in (${survivorId}, ${duplicateId})`))
      .orderBy(patients.id)
      .for('update');
    const survivor = rows.find((r) => r.id === survivorId);
    const duplicate = rows.find((r) => r.id === duplicateId);
    if (!survivor || !duplicate) throw new AppError('not_found', 'Patient not found');
    if (survivor.mergedIntoId || duplicate.mergedIntoId) {
      throw new AppError('conflict', 'One of these records was already merged into another');
    }

    const fill: Partial<PatientRow> = {};
    const filledFields: string[] = [];
    for (const field of FILLABLE) {
      if (survivor[field] === null && duplicate[field] !== null) {
        (fill as Record<string, unknown>)[field] = duplicate[field];
        filledFields.push(field);
      }
    }
    if (survivor.notes && duplicate.notes && survivor.notes !== duplicate.notes) {
      fill.notes = `${survivor.notes}\n\n${duplicate.notes}`;
      filledFields.push('notes');
    }

    // The survivor's online account (its own, or the duplicate's it takes) then sees both records' history.
    const accountUserId = survivor.userId ?? duplicate.userId;
    const linkedAccount = survivor.userId !== duplicate.userId ? accountUserId : null;
    if (linkedAccount !== null && !confirmIdentity) {
      const [account] = await tx
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, linkedAccount));
      const [owner, other] =
        survivor.userId === linkedAccount ? [survivor, duplicate] : [duplicate, survivor];
      const message = linkAccountWarning(account?.email ?? owner.email, displayNameOf(other));
      throw new AppError('unprocessable', message, [{ path: 'body.confirmIdentity', message }]);
    }

    const ids = { clinicId, fromId: duplicateId, toId: survivorId };
    const moved = await moveChildRows(tx, ids);
    const repointed = await tx
      .update(patients)
      .set({ mergedIntoId: survivorId })
      .where(and(eq(patients.clinicId, clinicId), eq(patients.mergedIntoId, duplicateId)))
      .returning({ id: patients.id });
    if (repointed.length > 0) moved['patients.merged_into_id'] = repointed.length;

    const at = now();
    await tx
      .update(patients)
      .set({ mergedIntoId: survivorId, updatedAt: at })
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, duplicateId)));
    const [updated] = await tx
      .update(patients)
      .set({ ...fill, updatedAt: at })
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, survivorId)))
      .returning();

    const entry = {
      action: 'patient.merged',
      clinicId,
      actorUserId: access.principal.userId,
      actorRoles: access.roles,
      resourceType: 'patient',
      details: {
        survivorId,
        duplicateId,
        filledFields,
        moved,
        ...(linkedAccount ? { linkedAccountUserId: linkedAccount, identityConfirmed: true } : {}),
      },
      ip: request.ip,
      requestId: request.id,
    };
    await recordAudit(tx, { ...entry, patientId: survivorId, resourceId: survivorId });
    await recordAudit(tx, { ...entry, patientId: duplicateId, resourceId: duplicateId });
    return { survivor: updated!, filledFields, moved };
  });
}
