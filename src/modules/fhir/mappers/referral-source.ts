import { and, eq, inArray } from 'drizzle-orm';
import { referrals } from '../../../db/schema/index.ts';
import { referralViews } from '../../referrals/repository.ts';
import type { Referral } from '../../referrals/schemas.ts';
import { type LoadQuery, memoised } from '../model.ts';

/** Referral views (with their derived status) for a load query; shared by ServiceRequest and Condition. */
export function loadReferrals(q: LoadQuery): Promise<Referral[]> {
  return memoised(q, 'referrals', () => readReferrals(q));
}

async function readReferrals(q: LoadQuery): Promise<Referral[]> {
  const rows = await q.db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.clinicId, q.clinicId),
        q.patientIds ? inArray(referrals.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(referrals.id, q.rowId) : undefined,
      ),
    );
  return referralViews(q.db, q.clinicId, rows, q.today);
}
