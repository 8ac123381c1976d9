import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { attachments, patients, users } from '../../db/schema/index.ts';
import { displayNameOf } from '../patients/repository.ts';

/**
 * A patient's documents with who added each: the uploader's name (the patient's, for what they sent through
 * their intake link), and whether it was the patient. Newest first; all of them without a `limit`.
 */
export async function listAttachments(
  db: Executor,
  clinicId: string,
  where: SQL | undefined,
  limit?: number,
) {
  const query = db
    .select({ row: attachments, uploaderName: users.displayName, patient: patients })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .innerJoin(
      patients,
      and(eq(patients.clinicId, attachments.clinicId), eq(patients.id, attachments.patientId)),
    )
    .where(and(eq(attachments.clinicId, clinicId), where))
    .orderBy(desc(attachments.id))
    .$dynamic();
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map(({ row, uploaderName, patient }) => ({
    id: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    kind: row.kind,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedByName: uploaderName ?? displayNameOf(patient),
    uploadedByPatient: row.intakeLinkId !== null || row.uploadedBy === patient.userId,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Where a document is downloaded (the route checks access and audits each download). */
export const attachmentDownloadPath = (clinicId: string, patientId: string, attachmentId: string) =>
  `/api/clinics/${clinicId}/patients/${patientId}/attachments/${attachmentId}/download`;
