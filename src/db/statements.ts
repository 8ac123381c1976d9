import { type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from './connection.ts';

/**
 * Runs data-modifying statements (INSERT/UPDATE/DELETE builders, not yet awaited) as ONE SQL statement, each
 * a common table expression: atomic without BEGIN/COMMIT, and one round trip instead of one per statement.
 * Every constraint is checked as usual; a violation anywhere leaves nothing written. All parts see the same
 * snapshot, so no part may depend on another's effect (use RETURNING within one part for that).
 */
export async function executeTogether(db: Executor, statements: (SQLWrapper | undefined)[]): Promise<void> {
  const parts = statements.filter((s): s is SQLWrapper => s !== undefined);
  if (parts.length === 0) return;
  if (parts.length === 1) {
    await db.execute(parts[0]!.getSQL());
    return;
  }
  const ctes = parts.map((part, i) => sql`${sql.raw(`part_${i}`)} as (${part.getSQL()})`);
  await db.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
}
