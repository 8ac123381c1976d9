import { and, desc, eq, gte, isNull, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { auditLog, memberships, users } from '../../db/schema/index.ts';
import type { AuditEvent, auditQuery } from './schemas.ts';

/**
 * A clinic's audit trail: its own rows, plus account-level rows (sign-ins, two-factor changes) of people
 * who belong to the clinic. Newest first, paged by id (UUIDv7, so time-ordered).
 */
export async function queryAudit(
  db: Database,
  clinicId: string,
  filters: z.infer<typeof auditQuery>,
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
    filters.patientId ? eq(auditLog.patientId, filters.patientId) : undefined,
    filters.action ? like(auditLog.action, `${filters.action.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    filters.from ? gte(auditLog.at, new Date(filters.from)) : undefined,
    filters.to ? lte(auditLog.at, new Date(filters.to)) : undefined,
    pageOptions.cursor ? lt(auditLog.id, pageOptions.cursor) : undefined,
  ];
  const rows = await db
    .select({ event: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(pageOptions.limit);
  return rows.map(({ event, actorName }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actorName,
    actorRoles: event.actorRoles,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    patientId: event.patientId,
    outcome: event.outcome,
    ip: event.ip,
    details: event.details,
  }));
}
