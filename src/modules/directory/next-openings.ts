import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Executor, rowsOf, type Transaction } from '../../db/connection.ts';
import {
  clinicProfiles,
  jobs,
  memberships,
  therapistNextOpenings,
  therapistProfiles,
} from '../../db/schema/index.ts';
import { enqueueJob, type JobHandler, type JobRow } from '../scheduling/jobs.ts';
import {
  type ClinicStarts,
  COMPLETE_TTL_MS,
  computeOpenings,
  NO_STARTS,
  type Opening,
  openingFrom,
  STARTS_KEPT,
  type TherapistStarts,
} from './openings.ts';

/**
 * Stored next openings (`therapist_next_openings`): computed in the background by the job below, read by search
 * and the therapist page.
 *
 * - **Stale**: database triggers (migration `directory_next_openings_triggers`) mark rows stale in the statement
 *   that books, cancels or moves an appointment (only rows the change can move) or changes the set-up.
 * - **Expired**: a row is usable until `fresh_until` (its last start minus the minimum notice; a complete list
 *   for `COMPLETE_TTL_MS`), and the job recomputes it from `refresh_at` (half its starts used), ahead of that.
 * - **Races**: the triggers hold the clinic's advisory lock (shared) until their transaction ends; a refresh
 *   takes it exclusively, without waiting (a clinic in the middle of a change is skipped and retried). So a
 *   refresh never overwrites a stale mark with data read before the change that set it.
 */
export const REFRESH_JOB = 'directory.next-openings';
/** A run every 30 s at most (the worker polls every 15 s): a stale row is recomputed within about a minute. */
export const REFRESH_PERIOD_MS = 30_000;
/** With no public therapist anywhere, the job looks again every ten minutes instead (search computes inline). */
export const IDLE_PERIOD_MS = 600_000;
/** Clinics per run: one load and a few milliseconds of engine time, so PGlite's one connection is never held long. */
const CLINICS_PER_RUN = 5;

/**
 * SQL over a stored row aliased `o` (null when there is none): `usable` (not stale, not expired) and
 * `nextStart`, the first stored start at or after now + the minimum notice (JSON, ISO 8601).
 */
export const storedColumns = (now: Date) => {
  const at = sql`${now.toISOString()}::timestamptz`;
  return {
    usable: sql`coalesce(not o.stale and o.fresh_until > ${at}, false)`,
    nextStart: sql`to_json((select min(x) from unnest(o.openings) x
      where x >= ${at} + make_interval(mins => o.min_notice_minutes)))`,
  };
};

/** The next opening a stored row gives; undefined when the row is missing, stale or expired (compute it). */
export function storedOpening(
  row: { usable: boolean; nextStart: string | null },
  timeZone: string,
  now: Date,
): Opening | null | undefined {
  if (!row.usable) return undefined;
  // nextStart already honours the notice; the window (7 days from now) is checked here.
  return openingFrom(row.nextStart ? [row.nextStart] : [], 0, timeZone, now);
}

/** The next opening from a fresh computation (therapists without a bookable service have none). */
export function computedOpening(
  computed: Map<string, ClinicStarts>,
  clinicId: string,
  therapistId: string,
  now: Date,
): Opening | null {
  const clinic = computed.get(clinicId);
  const starts = clinic?.therapists.get(therapistId);
  if (!clinic || !starts) return null;
  return openingFrom(starts.starts, clinic.minNoticeMinutes, clinic.timeZone, now);
}

/** One therapist's next opening: the stored row when usable, else computed now (one clinic, one therapist). */
export async function nextOpeningOf(
  db: Executor,
  clinicId: string,
  therapistId: string,
  timeZone: string,
  now: Date,
): Promise<Opening | null> {
  const { usable, nextStart } = storedColumns(now);
  const result = await db.execute(sql`select ${usable} as usable, ${nextStart} as "nextStart"
    from ${therapistNextOpenings} o where o.clinic_id = ${clinicId} and o.therapist_id = ${therapistId}`);
  const row = rowsOf<{ usable: boolean; nextStart: unknown }>(result)[0];
  const stored = row
    ? storedOpening({ usable: row.usable, nextStart: jsonText(row.nextStart) }, timeZone, now)
    : undefined;
  if (stored !== undefined) return stored;
  const computed = await computeOpenings(db, [clinicId], now, [therapistId]);
  return computedOpening(computed, clinicId, therapistId, now);
}

/** A json value holding a string, as the drivers answer it (parsed, or the JSON text). */
const jsonText = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string' && value.startsWith('"')
      ? JSON.parse(value)
      : String(value);

/** text[] as the drivers answer it: an array, or PostgreSQL's `{…}` text. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.length > 2) return value.slice(1, -1).split(',');
  return [];
}

/** When a computed list must no longer be read, and when the job should recompute it (ahead of that). */
function lifetime(starts: TherapistStarts, clinic: ClinicStarts, now: Date) {
  const notice = clinic.minNoticeMinutes * 60_000;
  if (starts.complete) {
    // Every start up to the horizon is listed (maybe none): right until the 7-day window moves past the
    // horizon, or the local date changes (the patient limit "max days ahead" counts local dates).
    const midnight = DateTime.fromJSDate(now, { zone: clinic.timeZone }).plus({ days: 1 }).startOf('day');
    const until = new Date(Math.min(now.getTime() + COMPLETE_TTL_MS, midnight.toMillis()));
    return { freshUntil: until, refreshAt: until };
  }
  const last = Date.parse(starts.starts[starts.starts.length - 1]!);
  const middle = Date.parse(starts.starts[Math.floor(STARTS_KEPT / 2)]!);
  return {
    freshUntil: new Date(last - notice),
    refreshAt: new Date(Math.max(now.getTime(), middle - notice)),
  };
}

const uuidList = (ids: readonly string[]) => {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error('not a uuid');
  return sql.raw(`'{${ids.join(',')}}'::uuid[]`);
};

/**
 * Recomputes and stores the rows of the given therapists (per clinic), in the caller's transaction. A clinic
 * whose lock another transaction holds (a booking or set-up change not yet committed) is skipped: its rows stay
 * as they are (stale) for the next run. Answers the clinics refreshed.
 */
export async function refreshStoredOpenings(
  tx: Transaction,
  wanted: Map<string, string[]>,
  now: Date,
): Promise<string[]> {
  if (wanted.size === 0) return [];
  const locked = rowsOf<{ clinicId: string }>(
    await tx.execute(sql`select c as "clinicId" from unnest(${uuidList([...wanted.keys()].sort())}) as c
      where pg_try_advisory_xact_lock(palpa_next_openings_lock_key(c))`),
  ).map((r) => r.clinicId);
  if (locked.length === 0) return [];
  const therapistIds = [...new Set(locked.flatMap((c) => wanted.get(c) ?? []))];
  const computed = await computeOpenings(tx, locked, now, therapistIds);
  const rows = [];
  for (const clinicId of locked) {
    const clinic = computed.get(clinicId);
    if (!clinic) continue; // no such clinic
    for (const therapistId of wanted.get(clinicId) ?? []) {
      const starts = clinic.therapists.get(therapistId) ?? NO_STARTS;
      const { freshUntil, refreshAt } = lifetime(starts, clinic, now);
      rows.push({
        clinic_id: clinicId,
        therapist_id: therapistId,
        openings: starts.starts,
        complete: starts.complete,
        span_start: starts.spanStart,
        span_end: starts.spanEnd,
        min_notice_minutes: clinic.minNoticeMinutes,
        computed_at: now.toISOString(),
        refresh_at: refreshAt.toISOString(),
        fresh_until: freshUntil.toISOString(),
      });
    }
  }
  if (rows.length > 0) {
    await tx.execute(sql`insert into ${therapistNextOpenings} (clinic_id, therapist_id, openings, complete,
        span_start, span_end, min_notice_minutes, computed_at, refresh_at, fresh_until, stale)
      select v.clinic_id, v.therapist_id, v.openings, v.complete, v.span_start, v.span_end, v.min_notice_minutes,
        v.computed_at, v.refresh_at, v.fresh_until, false
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(clinic_id uuid, therapist_id uuid,
        openings timestamptz[], complete boolean, span_start timestamptz, span_end timestamptz,
        min_notice_minutes integer, computed_at timestamptz, refresh_at timestamptz, fresh_until timestamptz)
      on conflict (clinic_id, therapist_id) do update set openings = excluded.openings,
        complete = excluded.complete, span_start = excluded.span_start, span_end = excluded.span_end,
        min_notice_minutes = excluded.min_notice_minutes, computed_at = excluded.computed_at,
        refresh_at = excluded.refresh_at, fresh_until = excluded.fresh_until, stale = false`);
  }
  return locked;
}

/**
 * Public therapists whose row is missing, stale or due for a refresh, grouped by clinic, for at most `limit`
 * clinics: clinics with a missing or stale row first, then the earliest due.
 */
async function dueForRefresh(db: Executor, now: Date, limit: number): Promise<Map<string, string[]>> {
  const result =
    await db.execute(sql`select d.clinic_id as "clinicId", array_agg(d.user_id::text) as "therapistIds"
    from (
      select tp.clinic_id, tp.user_id, (o.clinic_id is null or o.stale) as urgent, o.refresh_at
      from ${therapistProfiles} tp
      join ${clinicProfiles} cp on cp.clinic_id = tp.clinic_id and cp.published
      join ${memberships} m on m.clinic_id = tp.clinic_id and m.user_id = tp.user_id and m.role = 'therapist'
        and m.disabled_at is null
      left join ${therapistNextOpenings} o on o.clinic_id = tp.clinic_id and o.therapist_id = tp.user_id
      where tp.published and (o.clinic_id is null or o.stale or o.refresh_at <= ${now.toISOString()}::timestamptz)
    ) d
    group by d.clinic_id
    order by bool_or(d.urgent) desc, min(d.refresh_at), d.clinic_id
    limit ${limit}`);
  const rows = rowsOf<{ clinicId: string; therapistIds: unknown }>(result);
  return new Map(rows.map((r) => [r.clinicId, parseTextArray(r.therapistIds)]));
}

async function anyPublicTherapist(db: Executor): Promise<boolean> {
  const result = await db.execute(sql`select 1 from ${therapistProfiles} tp
    join ${clinicProfiles} cp on cp.clinic_id = tp.clinic_id and cp.published
    where tp.published limit 1`);
  return rowsOf(result).length > 0;
}

const bucketOf = (ms: number) => Math.floor(ms / REFRESH_PERIOD_MS) * REFRESH_PERIOD_MS;
const refreshKey = (bucket: number, pass: number) =>
  `${REFRESH_JOB}:${new Date(bucket).toISOString()}:${pass}`;

/**
 * Queues a refresh run. The dedupe key names the period (bucket) and the pass within it, so however many
 * servers start or runs finish, a period's run is queued once: `start` queues the current period's first pass
 * (server start), `next` the next period's, `continue` the next pass of the same period, due at once (more
 * rows are due than one run takes).
 */
export async function queueRefresh(
  db: Executor,
  now: Date,
  mode: { start: true } | { next: true; idle?: boolean } | { continue: JobRow },
): Promise<boolean> {
  if ('continue' in mode) {
    const bucket = Number(mode.continue.payload.bucket);
    const pass = Number(mode.continue.payload.pass) + 1;
    return enqueueJob(db, {
      kind: REFRESH_JOB,
      dedupeKey: refreshKey(bucket, pass),
      runAt: now,
      payload: { bucket, pass },
    });
  }
  const bucket =
    'start' in mode
      ? bucketOf(now.getTime())
      : bucketOf(now.getTime() + (mode.idle ? IDLE_PERIOD_MS : REFRESH_PERIOD_MS));
  return enqueueJob(db, {
    kind: REFRESH_JOB,
    dedupeKey: refreshKey(bucket, 0),
    runAt: 'start' in mode ? now : new Date(bucket),
    payload: { bucket, pass: 0 },
  });
}

/** One run: refresh the most urgent clinics, then queue the next pass (more due) or the next period. */
async function runRefresh(tx: Transaction, job: JobRow, now: Date): Promise<void> {
  const due = await dueForRefresh(tx, now, CLINICS_PER_RUN + 1);
  const batch = new Map([...due].slice(0, CLINICS_PER_RUN));
  const refreshed = await refreshStoredOpenings(tx, batch, now);
  // Skipped clinics (locked by a change in progress) wait for the next period rather than spinning.
  const more = due.size > CLINICS_PER_RUN && refreshed.length > 0;
  if (more) await queueRefresh(tx, now, { continue: job });
  else await queueRefresh(tx, now, { next: true, idle: due.size === 0 && !(await anyPublicTherapist(tx)) });
  // This job's own history: one row per run is plenty to keep for an hour.
  await tx.execute(sql`delete from ${jobs} where ${jobs.kind} = ${REFRESH_JOB} and ${jobs.status} in ('done', 'skipped')
    and ${jobs.doneAt} < ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz`);
}

/** The job handler, registered with the worker (src/modules/scheduling/routes.ts). */
export function directoryJobHandlers(): Record<string, JobHandler> {
  return {
    [REFRESH_JOB]: async (tx, job, now) => {
      await runRefresh(tx, job, now);
      return { status: 'done' };
    },
  };
}
