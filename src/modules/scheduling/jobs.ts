import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Database, type Executor, rowsOf, type Transaction } from '../../db/connection.ts';
import { jobs } from '../../db/schema/index.ts';

/**
 * A durable job queue in the database (the `jobs` table).
 *
 * - **Enqueue** with a `dedupeKey` (unique): the same reminder can never be queued twice; enqueue in the
 *   transaction that caused it, so a rolled-back booking leaves no job.
 * - **Claim** takes a lease: `locked_until = now + lease`, `attempts + 1`, chosen with
 *   `FOR UPDATE SKIP LOCKED` so concurrent workers on PostgreSQL never take the same job. (PGlite has one
 *   connection; the same SQL runs there and the claim is simply serial.)
 * - **Run** happens in ONE transaction that re-reads the job `FOR UPDATE`, still `pending` and still leased
 *   to this worker, performs the effect (e.g. writes the e-mail to the outbox) and sets `status = 'done'`.
 *   A worker killed between claim and commit leaves nothing behind: the lease runs out and the job is run
 *   again. A job's effect therefore happens exactly once.
 * - **Failures** roll the effect back and reschedule with exponential back-off until `max_attempts`.
 * - Work that cannot be in a transaction (SMTP delivery) runs after commit (`after`), at most once per job.
 */

export type JobRow = typeof jobs.$inferSelect;
export type JobResult = { status: 'done' | 'skipped'; after?: () => Promise<void> };
export type JobHandler = (tx: Transaction, job: JobRow, now: Date) => Promise<JobResult>;

export interface NewJob {
  kind: string;
  dedupeKey: string;
  runAt: Date;
  payload: Record<string, unknown>;
  clinicId?: string | null;
}

export async function enqueueJob(db: Executor, job: NewJob): Promise<boolean> {
  const inserted = await jobsInsert(db, [job]).returning({ id: jobs.id });
  return inserted.length > 0;
}

/** The INSERT of several jobs, not yet run (a job already queued under its `dedupeKey` is skipped). */
export function jobsInsert(db: Executor, list: NewJob[]) {
  return db
    .insert(jobs)
    .values(
      list.map((job) => ({
        id: uuidv7(),
        clinicId: job.clinicId ?? null,
        kind: job.kind,
        dedupeKey: job.dedupeKey,
        runAt: job.runAt,
        payload: job.payload,
      })),
    )
    .onConflictDoNothing({ target: jobs.dedupeKey });
}

export const BACKOFF_BASE_MS = 30_000;
/** 30 s, 1 min, 2 min, 4 min… capped at 1 h. */
export const backoffMs = (attempts: number) =>
  Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), 3_600_000);

export interface WorkerOptions {
  workerId: string;
  now: () => Date;
  handlers: Record<string, JobHandler>;
  leaseMs?: number;
  /** Test hook: runs between claim and the job's transaction (throw to simulate a crash there). */
  afterClaim?: (job: JobRow) => Promise<void> | void;
  /** Test hook: runs inside the job's transaction after the effect, before commit (throw to simulate a crash). */
  beforeCommit?: (job: JobRow) => Promise<void> | void;
}

export async function claimNextJob(db: Database, options: WorkerOptions): Promise<JobRow | null> {
  const now = options.now();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const result = await db.execute(sql`
    update jobs set locked_until = ${leaseUntil.toISOString()}::timestamptz, locked_by = ${options.workerId},
      attempts = attempts + 1
    where id = (
      select id from jobs
      where status = 'pending' and run_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until <= ${now.toISOString()}::timestamptz)
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id`);
  const id = rowsOf<{ id: string }>(result)[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

/** Runs one claimed job to completion (or schedules its retry). Answers what happened. */
export async function runClaimedJob(
  db: Database,
  claimed: JobRow,
  options: WorkerOptions,
): Promise<'done' | 'skipped' | 'retry' | 'failed' | 'lost'> {
  const handler = options.handlers[claimed.kind];
  const now = options.now();
  let after: (() => Promise<void>) | undefined;
  try {
    if (!handler) throw new Error(`no handler for job kind ${claimed.kind}`);
    const outcome = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.id, claimed.id), eq(jobs.status, 'pending'), eq(jobs.lockedBy, options.workerId)))
        .for('update');
      if (!job) return 'lost' as const;
      const result = await handler(tx, job, now);
      await tx
        .update(jobs)
        .set({ status: result.status, doneAt: now, lockedUntil: null, lastError: null })
        .where(eq(jobs.id, job.id));
      await options.beforeCommit?.(job);
      after = result.after;
      return result.status;
    });
    if (after) await after().catch(() => undefined);
    return outcome;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const failed = claimed.attempts >= claimed.maxAttempts;
    await db
      .update(jobs)
      .set({
        status: failed ? 'failed' : 'pending',
        lastError: message,
        runAt: new Date(now.getTime() + backoffMs(claimed.attempts)),
        lockedUntil: null,
        lockedBy: null,
      })
      .where(and(eq(jobs.id, claimed.id), eq(jobs.status, 'pending'), eq(jobs.lockedBy, options.workerId)));
    return failed ? 'failed' : 'retry';
  }
}

/** Runs due jobs until none is left (or `max`). Answers how many were taken. */
export async function runDueJobs(db: Database, options: WorkerOptions & { max?: number }): Promise<number> {
  let taken = 0;
  const max = options.max ?? 500;
  while (taken < max) {
    const job = await claimNextJob(db, options);
    if (!job) break;
    taken++;
    await options.afterClaim?.(job);
    await runClaimedJob(db, job, options);
  }
  return taken;
}

/** A polling worker. `stop()` waits for the job in hand to finish. */
export function startWorker(db: Database, options: WorkerOptions & { intervalMs?: number }) {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runDueJobs(db, options)
      .catch(() => 0)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 15_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
