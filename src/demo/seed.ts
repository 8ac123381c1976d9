import { eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connection.ts';
import {
  authFailures,
  clinics,
  installation,
  locations,
  memberships,
  sessions,
  users,
} from '../db/schema/index.ts';
import { applicationTables } from '../db/tables.ts';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword } from '../platform/crypto.ts';
import { DEMO_CLINIC, DEMO_LOCATIONS, DEMO_PEOPLE } from './accounts.ts';

export class DemoRefusal extends Error {}

export interface DemoResult {
  clinicId: string;
  refreshed: boolean;
  people: { email: string; roles: string[] }[];
}

/** Tables never emptied by a refresh: the audit trail is append-only, and people are global. */
const KEEP = new Set(['audit_log', 'users']);

/**
 * Creates the demo clinic, or refreshes it: its clinic data is removed and seeded again, the demo accounts
 * get the demo password back. Refuses to touch a database that holds any clinic that is not the demo.
 */
export async function seedDemo(db: Database, options: { password: string; now: Date }): Promise<DemoResult> {
  const existing = await db
    .select({ id: clinics.id, isDemo: clinics.isDemo, name: clinics.name })
    .from(clinics);
  const real = existing.filter((c) => !c.isDemo);
  if (real.length > 0) {
    throw new DemoRefusal(
      `This database holds a real clinic (${real.map((c) => c.name).join(', ')}); the demo only runs on an empty or demo-only database.`,
    );
  }
  const previous = existing.find((c) => c.isDemo);
  const passwordHash = await hashPassword(options.password);
  const clinicId = await db.transaction(async (tx) => {
    if (previous) await removeClinicData(tx as unknown as Database, previous.id);
    const clinicId = previous?.id ?? uuidv7();
    if (!previous) await tx.insert(clinics).values({ id: clinicId, ...DEMO_CLINIC, isDemo: true });
    await tx.insert(installation).values({ id: 1 }).onConflictDoNothing();
    await tx.insert(locations).values(DEMO_LOCATIONS.map((l) => ({ clinicId, id: uuidv7(), ...l })));
    for (const person of DEMO_PEOPLE) {
      const [found] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${person.email}`);
      const userId = found?.id ?? uuidv7();
      if (found) {
        await tx
          .update(users)
          .set({
            passwordHash,
            displayName: person.displayName,
            disabledAt: null,
            totpSecret: null,
            totpEnabledAt: null,
          })
          .where(eq(users.id, userId));
        await tx.update(sessions).set({ revokedAt: options.now }).where(eq(sessions.userId, userId));
      } else {
        await tx
          .insert(users)
          .values({ id: userId, email: person.email, displayName: person.displayName, passwordHash });
      }
      await tx.insert(memberships).values(person.roles.map((role) => ({ clinicId, userId, role })));
    }
    await tx.delete(authFailures).where(
      inArray(
        authFailures.key,
        DEMO_PEOPLE.map((p) => p.email),
      ),
    );
    await recordAudit(tx, { action: previous ? 'demo.refreshed' : 'demo.created', clinicId });
    return clinicId;
  });
  return {
    clinicId,
    refreshed: Boolean(previous),
    people: DEMO_PEOPLE.map((p) => ({ email: p.email, roles: p.roles })),
  };
}

/** Deletes every row of one clinic from clinic-scoped tables, children first (the audit log stays). */
async function removeClinicData(db: Database, clinicId: string): Promise<void> {
  const tables = applicationTables().reverse();
  for (const table of tables) {
    if (KEEP.has(table.name) || !('clinic_id' in table.columnTypes) || table.name === 'clinics') continue;
    await db.execute(sql`delete from ${sql.identifier(table.name)} where clinic_id = ${clinicId}`);
  }
}
