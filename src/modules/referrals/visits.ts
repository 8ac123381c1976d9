import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import { referralVisits } from '../../db/schema/index.ts';

/**
 * Counts a visit against a referral: scheduling calls it when an appointment is completed, session notes when
 * one is signed, and staff can record a visit by hand. Pass the caller's transaction so the visit commits with
 * what caused it.
 */
export async function recordReferralVisit(
  db: Executor,
  input: {
    clinicId: string;
    referralId: string;
    visitDate: string;
    sourceType: string;
    sourceId?: string;
    recordedBy?: string;
  },
): Promise<{ id: string }> {
  const id = uuidv7();
  await db.insert(referralVisits).values({
    clinicId: input.clinicId,
    id,
    referralId: input.referralId,
    visitDate: input.visitDate,
    sourceType: input.sourceType,
    sourceId: input.sourceId ?? null,
    recordedBy: input.recordedBy ?? null,
  });
  return { id };
}

/** Visits used per referral (0 when none recorded). */
export async function visitsUsed(
  db: Executor,
  clinicId: string,
  referralIds: string[],
): Promise<Map<string, number>> {
  const counts = new Map(referralIds.map((id) => [id, 0]));
  if (referralIds.length === 0) return counts;
  const rows = await db
    .select({ referralId: referralVisits.referralId, n: sql<number>`count(*)::int` })
    .from(referralVisits)
    .where(and(eq(referralVisits.clinicId, clinicId), inArray(referralVisits.referralId, referralIds)))
    .groupBy(referralVisits.referralId);
  for (const row of rows) counts.set(row.referralId, Number(row.n));
  return counts;
}
