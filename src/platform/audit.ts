import { uuidv7 } from 'uuidv7';
import type { Executor } from '../db/connection.ts';
import { auditLog } from '../db/schema/index.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'allowed' | 'refused' | 'failed';
  clinicId?: string | null;
  actorUserId?: string | null;
  actorRoles?: string[] | null;
  resourceType?: string;
  resourceId?: string;
  patientId?: string | null;
  details?: Record<string, unknown>;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/**
 * The one call every capability uses to audit. Pass the transaction that wrote the data so the audit row
 * commits (or rolls back) with it. Never put health data in `details`: ids and field names only.
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await auditInsert(db, entry);
}

/**
 * The patient part of the audit of a read that listed patients: every id listed (once) in `details.patientIds`,
 * and the patient column when the list held exactly one, so that patient's access history finds the read.
 */
export function listedPatients(
  patientIds: Iterable<string>,
  details: Record<string, unknown> = {},
): Pick<AuditEntry, 'patientId' | 'details'> {
  const ids = [...new Set(patientIds)];
  return { patientId: ids.length === 1 ? ids[0] : null, details: { ...details, patientIds: ids } };
}

/** The audit row's INSERT, not yet run: for a statement that writes the effect and its audit together. */
export function auditInsert(db: Executor, entry: AuditEntry) {
  return db.insert(auditLog).values({
    id: uuidv7(),
    at: new Date(),
    outcome: entry.outcome ?? 'allowed',
    action: entry.action,
    clinicId: entry.clinicId ?? null,
    actorUserId: entry.actorUserId ?? null,
    actorRoles: entry.actorRoles ?? null,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    details: entry.details ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
    requestId: entry.requestId ?? null,
  });
}
