import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { referrals } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { visitsAllowed } from '../referrals/status.ts';
import { currentReferralIdSql, referralVisitCounts } from '../referrals/visits.ts';
import type { seriesWarning } from './schemas.ts';

export type ReferralWarning = z.infer<typeof seriesWarning>;
export type ReferralAllowance = Awaited<ReturnType<typeof referralAllowance>>;

/**
 * What a referral allows, for booking warnings: authorised visits (or frequency × weeks) minus the visits used
 * and booked against it, and its dates. Used and booked are counted as the chart counts them
 * (`referralVisitCounts`): recorded visits, completed and live appointments booked against it, and those of the
 * patient booked against none within its validity while it is the current referral. With `bookedBefore`, only
 * the live appointments starting before that instant count (where one visit stands among those booked).
 */
export async function referralAllowance(
  db: Executor,
  clinicId: string,
  patientId: string,
  referralId: string,
  bookedBefore?: Date,
): Promise<{
  id: string;
  allowed: number | null;
  usedOrBooked: number;
  validFrom: string;
  validUntil: string | null;
}> {
  const [ref] = await db
    .select()
    .from(referrals)
    .where(
      and(eq(referrals.clinicId, clinicId), eq(referrals.id, referralId), eq(referrals.patientId, patientId)),
    );
  if (!ref) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'body.referralId', message: "not one of this patient's referrals" },
    ]);
  }
  const count = (await referralVisitCounts(db, clinicId, [ref.id], bookedBefore)).get(ref.id);
  return {
    id: ref.id,
    allowed: visitsAllowed(ref),
    usedOrBooked: (count?.used ?? 0) + (count?.booked ?? 0),
    validFrom: ref.validFrom,
    validUntil: ref.validUntil,
  };
}

/**
 * The rule every booking against a referral is checked by: the `nth` visit booked from now on, on `localDate`,
 * is beyond the authorised visits, after the referral's last day, or before its first.
 */
export function referralWarnings(
  allowance: ReferralAllowance | null,
  nth: number,
  localDate: string,
): ReferralWarning[] {
  if (!allowance) return [];
  const out: ReferralWarning[] = [];
  if (allowance.allowed !== null && allowance.usedOrBooked + nth > allowance.allowed) {
    out.push({
      code: 'exceeds_authorized_visits',
      message: `Beyond the referral's ${allowance.allowed} authorised visits`,
    });
  }
  if (allowance.validUntil && localDate > allowance.validUntil) {
    out.push({
      code: 'after_referral_expiry',
      message: `After the referral expires (${allowance.validUntil})`,
    });
  }
  if (localDate < allowance.validFrom) {
    out.push({
      code: 'before_referral_start',
      message: `Before the referral is valid (${allowance.validFrom})`,
    });
  }
  return out;
}

/**
 * The referral a visit on `localDate` would count against when it is booked against none: the patient's
 * newest referral not renewed by another that is valid from that date or earlier (even if it has expired
 * since: that is what the desk must hear), else the first one still to start. Null for a patient without one.
 */
export async function currentReferralOf(
  db: Executor,
  clinicId: string,
  patientId: string,
  localDate: string,
): Promise<string | null> {
  const [row] = rowsOf<{ id: string | null }>(
    await db.execute(sql`select ${currentReferralIdSql(clinicId, patientId, localDate)} as id`),
  );
  return row?.id ?? null;
}

/**
 * The referral a booking on `localDate` is linked to when none was chosen, as a sub-select (a column of
 * another query: no round trip of its own): the patient's current referral (`currentReferralOf`) when the date
 * falls within its validity, else null.
 */
export function referralToAttachSql(clinicId: string, patientId: string, localDate: string) {
  return sql<string | null>`(select ar.id from ${referrals} ar
    where ar.clinic_id = ${clinicId} and ar.id = ${currentReferralIdSql(clinicId, patientId, localDate)}
      and ar.valid_from <= ${localDate}::date and (ar.valid_until is null or ar.valid_until >= ${localDate}::date))`;
}

/** `referralToAttachSql` on its own. */
export async function referralToAttach(
  db: Executor,
  clinicId: string,
  patientId: string,
  localDate: string,
): Promise<string | null> {
  const [row] = rowsOf<{ id: string | null }>(
    await db.execute(sql`select ${referralToAttachSql(clinicId, patientId, localDate)} as id`),
  );
  return row?.id ?? null;
}
