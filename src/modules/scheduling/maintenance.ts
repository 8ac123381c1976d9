import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/connection.ts';
import { enqueueJob, type JobHandler } from './jobs.ts';

/**
 * Database upkeep for the embedded PGlite, which runs no autovacuum: every few hours, `VACUUM (ANALYZE)`
 * reclaims the space of updated and deleted rows (job runs, sessions, stored openings) and gives the planner
 * table statistics, which it otherwise never has. PostgreSQL proper does this itself, so the job is only queued
 * on PGlite. VACUUM cannot run inside a transaction: it runs after the job's transaction commits.
 */
export const MAINTENANCE_JOB = 'db.maintenance';
export const MAINTENANCE_PERIOD_MS = 6 * 3_600_000;

/** Queues the run of the period after `now` (once per period, however many servers start). */
export function queueMaintenance(db: Executor, now: Date) {
  const due = (Math.floor(now.getTime() / MAINTENANCE_PERIOD_MS) + 1) * MAINTENANCE_PERIOD_MS;
  return enqueueJob(db, {
    kind: MAINTENANCE_JOB,
    dedupeKey: `${MAINTENANCE_JOB}:${new Date(due).toISOString()}`,
    runAt: new Date(due),
    payload: {},
  });
}

export function maintenanceHandlers(db: Database): Record<string, JobHandler> {
  return {
    [MAINTENANCE_JOB]: async (tx, _job, now) => {
      await queueMaintenance(tx, now);
      return { status: 'done', after: () => db.execute(sql`vacuum (analyze)`).then(() => undefined) };
    },
  };
}
