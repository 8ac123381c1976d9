import { and, asc, desc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { appointments, referrals } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { visitsAllowed } from '../referrals/status.ts';
import { visitsUsed } from '../referrals/visits.ts';
import type { seriesWarning } from './schemas.ts';

export type ReferralWarning = z.infer<typeof seriesWarning>;
export type ReferralAllowance = Awaited<ReturnType<typeof referralAllowance>>;

/**
 * What a referral allows, for booking warnings: authorised visits (or frequency × weeks) minus visits already
 * recorded and live appointments already booked against it, and its dates. With `bookedBefore`, only the live
 * appointments starting before that instant count (where one visit stands among those booked). Reads the
 * referrals capability's tables (`referrals`, `referral_visits`).
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
  const used = (await visitsUsed(db, clinicId, [ref.id])).get(ref.id) ?? 0;
  const booked = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.referralId, ref.id),
        inArray(appointments.status, ['booked', 'confirmed', 'checked_in']),
        bookedBefore ? lt(appointments.startAt, bookedBefore) : undefined,
      ),
    );
  return {
    id: ref.id,
    allowed: visitsAllowed(ref),
    usedOrBooked: used + booked.length,
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
  const renewal = alias(referrals, 'renewal');
  const started = sql`${referrals.validFrom} <= ${localDate}::date`;
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.clinicId, clinicId),
        eq(referrals.patientId, patientId),
        notExists(
          db
            .select({ id: renewal.id })
            .from(renewal)
            .where(and(eq(renewal.clinicId, referrals.clinicId), eq(renewal.renewsReferralId, referrals.id))),
        ),
      ),
    )
    .orderBy(
      desc(started),
      desc(sql`case when ${started} then ${referrals.validFrom} end`),
      asc(referrals.validFrom),
      desc(referrals.id),
    )
    .limit(1);
  return row?.id ?? null;
}
