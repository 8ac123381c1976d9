import { and, eq, isNull, min, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.ts';
import { clinics, memberships, type Role, users } from '../../db/schema/index.ts';
import { STAFF_ROLES } from '../../platform/permissions.ts';
import type { Principal } from '../../platform/sessions.ts';
import type { Me } from './schemas.ts';

export const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;

/** The strictest idle timeout among the clinics the person belongs to (automatic logoff, HIPAA 164.312(a)(2)(iii)). */
export async function idleTimeoutFor(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ minutes: min(clinics.idleTimeoutMinutes) })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)));
  return row?.minutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
}

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return user;
}

export async function buildMe(db: Database, principal: Principal): Promise<Me> {
  const rows = await db
    .select({
      id: clinics.id,
      name: clinics.name,
      timeZone: clinics.timeZone,
      require2faForStaff: clinics.require2faForStaff,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(and(eq(memberships.userId, principal.userId), isNull(memberships.disabledAt)))
    .orderBy(clinics.name);
  const byClinic = new Map<string, Me['clinics'][number] & { require2fa: boolean }>();
  for (const row of rows) {
    if (principal.token && principal.token.clinicId !== row.id) continue;
    const entry = byClinic.get(row.id) ?? {
      id: row.id,
      name: row.name,
      timeZone: row.timeZone,
      roles: [] as Role[],
      mfaEnrollmentRequired: false,
      require2fa: row.require2faForStaff,
    };
    entry.roles.push(row.role);
    entry.mfaEnrollmentRequired =
      entry.require2fa && !principal.totpEnabled && entry.roles.some((r) => STAFF_ROLES.includes(r));
    byClinic.set(row.id, entry);
  }
  return {
    user: {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      totpEnabled: principal.totpEnabled,
    },
    clinics: [...byClinic.values()].map(({ require2fa: _, ...clinic }) => clinic),
    csrfToken: principal.session?.csrfToken ?? null,
    session: principal.session
      ? {
          expiresAt: principal.session.expiresAt.toISOString(),
          idleTimeoutMinutes: principal.session.idleTimeoutMinutes,
        }
      : null,
  };
}
