import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/connection.ts';
import { jobs } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/scheduling/jobs.ts';
import {
  MAINTENANCE_JOB,
  MAINTENANCE_PERIOD_MS,
  maintenanceHandlers,
  queueMaintenance,
} from '../../src/modules/scheduling/maintenance.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** -1 until VACUUM or ANALYZE has looked at the table (PostgreSQL 14+). */
const reltuples = async (table: string) =>
  Number(
    rowsOf<{ n: number }>(
      await t.database.db.execute(sql`select reltuples as n from pg_class where relname = ${table}`),
    )[0]!.n,
  );

describe('database maintenance (PGlite has no autovacuum)', () => {
  it('runs VACUUM (ANALYZE) once per period and queues the next period', async () => {
    await t.database.db.execute(sql`create table maintenance_probe (x int)`);
    await t.database.db.execute(sql`insert into maintenance_probe select generate_series(1, 10)`);
    expect(await reltuples('maintenance_probe')).toBe(-1);

    const now = t.clock.now();
    expect(await queueMaintenance(t.database.db, now)).toBe(true);
    expect(await queueMaintenance(t.database.db, now)).toBe(false); // once per period
    const worker = { workerId: 'm', now: t.clock.now, handlers: maintenanceHandlers(t.database.db) };
    expect(await runDueJobs(t.database.db, worker)).toBe(0); // not due before its period
    t.clock.advance(MAINTENANCE_PERIOD_MS);
    expect(await runDueJobs(t.database.db, worker)).toBe(1);

    expect(await reltuples('maintenance_probe')).toBe(10);
    const queued = await t.database.db.select().from(jobs).where(eq(jobs.kind, MAINTENANCE_JOB));
    expect(queued.map((j) => j.status).sort()).toEqual(['done', 'pending']);
    const next = queued.find((j) => j.status === 'pending')!;
    expect(next.runAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(next.runAt.getTime()).toBeLessThanOrEqual(t.clock.now().getTime() + MAINTENANCE_PERIOD_MS);
  });
});
