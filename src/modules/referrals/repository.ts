import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.ts';
import { referrals, referringProviders } from '../../db/schema/index.ts';
import type { Referral } from './schemas.ts';
import { signatureHash, signedContent } from './signature.ts';
import { referralState } from './status.ts';
import { referralVisitCounts } from './visits.ts';

export type ReferralRow = typeof referrals.$inferSelect;

export function signatureOf(row: ReferralRow) {
  if (!row.signedByUserId || !row.signatureTypedName || !row.signedAt || !row.signatureHash) return null;
  const content = signedContent(row, {
    userId: row.signedByUserId,
    typedName: row.signatureTypedName,
    signedAt: row.signedAt,
  });
  return {
    signedByUserId: row.signedByUserId,
    typedName: row.signatureTypedName,
    signedAt: row.signedAt.toISOString(),
    hash: row.signatureHash,
    signedContent: content,
    valid: signatureHash(content) === row.signatureHash,
  };
}

/** Views of referral rows with their derived status (visits used, renewals) on the clinic's date `today`. */
export async function referralViews(
  db: Executor,
  clinicId: string,
  rows: ReferralRow[],
  today: string,
): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const providerIds = [...new Set(rows.map((r) => r.providerId).filter((id): id is string => id !== null))];
  const [counts, renewals, providers] = await Promise.all([
    referralVisitCounts(db, clinicId, ids),
    db
      .select({ id: referrals.id, renews: referrals.renewsReferralId })
      .from(referrals)
      .where(and(eq(referrals.clinicId, clinicId), inArray(referrals.renewsReferralId, ids))),
    providerIds.length
      ? db
          .select()
          .from(referringProviders)
          .where(and(eq(referringProviders.clinicId, clinicId), inArray(referringProviders.id, providerIds)))
      : Promise.resolve([] as (typeof referringProviders.$inferSelect)[]),
  ]);
  const renewedBy = new Map(renewals.map((r) => [r.renews!, r.id]));
  const providerById = new Map(providers.map((p) => [p.id, p]));
  return rows.map((row) => {
    const supersededById = renewedBy.get(row.id) ?? null;
    const count = counts.get(row.id) ?? { used: 0, booked: 0 };
    const state = referralState(row, { today, visitsUsed: count.used, supersededById });
    const provider = row.providerId ? providerById.get(row.providerId) : undefined;
    return {
      id: row.id,
      patientId: row.patientId,
      provider: provider
        ? {
            id: provider.id,
            displayName: `${provider.firstName} ${provider.lastName}`,
            credentials: provider.credentials,
            npi: provider.npi,
          }
        : null,
      source: row.source,
      referralDate: row.referralDate,
      diagnoses: row.diagnoses,
      techniques: row.techniques,
      bodyRegions: row.bodyRegions,
      frequencyPerWeek: row.frequencyPerWeek,
      durationWeeks: row.durationWeeks,
      authorizedVisits: row.authorizedVisits,
      sessionMinutes: row.sessionMinutes,
      precautions: row.precautions,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      renewsReferralId: row.renewsReferralId,
      injury:
        row.injuryCause && row.injuryDate
          ? { cause: row.injuryCause, date: row.injuryDate, state: row.accidentState }
          : null,
      supersededById,
      ...state,
      visitsBooked: count.booked,
      priorAuthorizationNumber: row.priorAuthorizationNumber,
      signature: signatureOf(row),
      createdAt: row.createdAt.toISOString(),
    };
  });
}
