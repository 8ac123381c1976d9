import { and, eq, gt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../db/connection.ts';
import { authFailures } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';

/** Failed sign-ins allowed per account and per client address within the window before 429. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 20 } as const;

type Key = { keyType: 'email' | 'ip'; key: string };

async function failuresSince(db: Database, { keyType, key }: Key, since: Date) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${authFailures.at})` })
    .from(authFailures)
    .where(and(eq(authFailures.keyType, keyType), eq(authFailures.key, key), gt(authFailures.at, since)));
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** Throws 429 with Retry-After while the account or the address has too many recent failures. */
export async function assertNotThrottled(db: Database, email: string, ip: string, now: Date): Promise<void> {
  const windowMs = THROTTLE.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const checks: [Key, number][] = [
    [{ keyType: 'email', key: email }, THROTTLE.perAccount],
    [{ keyType: 'ip', key: ip }, THROTTLE.perAddress],
  ];
  for (const [key, limit] of checks) {
    const { count, oldest } = await failuresSince(db, key, since);
    if (count >= limit && oldest) {
      const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
      throw new AppError(
        'too_many_requests',
        'Too many failed sign-in attempts. Try again later.',
        { retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
  }
}

/** Records a failure; answers true when this failure is the one that locks the account (to notify its owner). */
export async function recordFailure(db: Database, email: string, ip: string, now: Date): Promise<boolean> {
  await db.insert(authFailures).values([
    { id: uuidv7(), keyType: 'email', key: email, at: now },
    { id: uuidv7(), keyType: 'ip', key: ip, at: now },
  ]);
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const { count } = await failuresSince(db, { keyType: 'email', key: email }, since);
  return count === THROTTLE.perAccount;
}

export async function clearFailures(db: Database, email: string): Promise<void> {
  await db.delete(authFailures).where(and(eq(authFailures.keyType, 'email'), eq(authFailures.key, email)));
}
