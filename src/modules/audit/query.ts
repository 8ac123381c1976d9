import { and, type Column, desc, eq, gte, isNull, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/connection.ts';
import { auditLog, memberships, patients, users } from '../../db/schema/index.ts';
import { displayNameOf } from '../patients/repository.ts';
import { AUDIT_ACTION_KINDS, type AuditEvent, type AuditFilters } from './schemas.ts';

/** `column LIKE 'prefix%'` with the prefix taken literally (its `_` and `%` are not wildcards). */
const startsWith = (column: Column, prefix: string) => like(column, `${prefix.replace(/[\\%_]/g, '\\$&')}%`);

/**
 * Rows about a patient: those of their record, and list reads that showed them (a list read names the patients
 * it showed in details.patientIds; see listedPatients). Both halves are indexed.
 */
export const aboutPatient = (patientId: string) =>
  or(
    eq(auditLog.patientId, patientId),
    sql`${auditLog.details} -> 'patientIds' @> ${JSON.stringify([patientId])}::jsonb`,
  );

/**
 * A clinic's audit trail: its own rows, plus account-level rows (sign-ins, two-factor changes) of people
 * who belong to the clinic. Newest first, paged by id (UUIDv7, so time-ordered). Each row about a patient
 * carries the patient's name as it is now, looked up in this clinic's records only (the log itself holds ids).
 */
export async function queryAudit(
  db: Database,
  clinicId: string,
  filters: AuditFilters,
  pageOptions: { cursor?: string; limit: number },
): Promise<AuditEvent[]> {
  const members = db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.clinicId, clinicId));
  const conditions: (SQL | undefined)[] = [
    or(
      eq(auditLog.clinicId, clinicId),
      and(isNull(auditLog.clinicId), sql`${auditLog.actorUserId} in ${members}`),
    ),
    filters.actorUserId ? eq(auditLog.actorUserId, filters.actorUserId) : undefined,
    filters.patientId ? aboutPatient(filters.patientId) : undefined,
    filters.kind
      ? or(...AUDIT_ACTION_KINDS[filters.kind].prefixes.map((prefix) => startsWith(auditLog.action, prefix)))
      : undefined,
    filters.action ? startsWith(auditLog.action, filters.action) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    filters.from ? gte(auditLog.at, new Date(filters.from)) : undefined,
    filters.to ? lte(auditLog.at, new Date(filters.to)) : undefined,
    pageOptions.cursor ? lt(auditLog.id, pageOptions.cursor) : undefined,
  ];
  const rows = await db
    .select({
      event: auditLog,
      actorName: users.displayName,
      // Flat, not a nested object: Drizzle nulls a left-joined object whose first column is null.
      preferredName: patients.preferredName,
      legalFirstName: patients.legalFirstName,
      legalLastName: patients.legalLastName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(patients, and(eq(patients.clinicId, clinicId), eq(patients.id, auditLog.patientId)))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(pageOptions.limit);
  return rows.map(({ event, actorName, preferredName, legalFirstName, legalLastName }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actorName,
    actorRoles: event.actorRoles,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    patientId: event.patientId,
    patientName:
      legalFirstName !== null && legalLastName !== null
        ? displayNameOf({ preferredName, legalFirstName, legalLastName })
        : null,
    outcome: event.outcome,
    ip: event.ip,
    details: event.details,
  }));
}
