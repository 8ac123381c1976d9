import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { memberships, users } from '../../db/schema/index.ts';

/**
 * The clinic's active therapists (membership and account both enabled), by name; `ids` narrows to those of them.
 * One definition of "who practises here now" for the directory, the schedule and the licence alerts.
 */
export function activeTherapists(db: Executor, clinicId: string, ids?: readonly string[]) {
  return db
    .select({ id: memberships.userId, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.clinicId, clinicId),
        eq(memberships.role, 'therapist'),
        isNull(memberships.disabledAt),
        isNull(users.disabledAt),
        ids ? inArray(memberships.userId, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(users.displayName));
}
