import { and, eq, isNull, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
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

/** Who is signed in, built from the principal (its memberships came with the session lookup: no query). */
export function buildMe(principal: Principal): Me {
  const byClinic = new Map<string, Me['clinics'][number]>();
  for (const m of principal.memberships) {
    const entry = byClinic.get(m.clinicId) ?? {
      id: m.clinicId,
      name: m.clinicName,
      timeZone: m.timeZone,
      roles: [] as Role[],
      mfaEnrollmentRequired: false,
      patientId: null as string | null,
    };
    entry.patientId ??= m.patientId;
    entry.roles.push(m.role);
    entry.mfaEnrollmentRequired =
      m.require2faForStaff && !principal.totpEnabled && entry.roles.some((r) => STAFF_ROLES.includes(r));
    byClinic.set(m.clinicId, entry);
  }
  return {
    user: {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      totpEnabled: principal.totpEnabled,
    },
    clinics: [...byClinic.values()],
    csrfToken: principal.session?.csrfToken ?? null,
    session: principal.session
      ? {
          expiresAt: principal.session.expiresAt.toISOString(),
          idleTimeoutMinutes: principal.session.idleTimeoutMinutes,
        }
      : null,
  };
}
