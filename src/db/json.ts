import { type SQL, sql } from 'drizzle-orm';

/** Both drivers hand json columns over parsed; be tolerant of text all the same. */
export const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * A `json_agg(…)` sub-select as a column of the outer query, `[]` when it finds no rows. Loading several
 * small tables as json columns of ONE query saves a round trip per table (PGlite serves one query at a time,
 * so round trips are what its throughput is made of).
 */
export const jsonList = <T>(subquery: SQL) =>
  sql<T[]>`coalesce((${subquery}), '[]'::json)`.mapWith((value) => parseJson<T[] | null>(value) ?? []);
