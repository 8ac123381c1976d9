import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Executor, rowsOf } from '../../db/connection.ts';
import { appointments, clinics, referrals, referralVisits } from '../../db/schema/index.ts';

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

/** Visits used per referral (0 when none): recorded, plus completed appointments it covers (`referralVisitCounts`). */
export async function visitsUsed(
  db: Executor,
  clinicId: string,
  referralIds: string[],
): Promise<Map<string, number>> {
  const counts = await referralVisitCounts(db, clinicId, referralIds);
  return new Map([...counts].map(([id, c]) => [id, c.used]));
}

/**
 * The referral a visit of the patient on `localDate` counts against when it is booked against none, as a
 * sub-select: the patient's newest referral not renewed by another that is valid from that date or earlier
 * (even if it has expired since), else the first one still to start. The one rule for "the patient's current
 * referral" (booking, check-in warnings, and which referral an unlinked appointment counts against).
 */
export function currentReferralIdSql(
  clinicId: SQLWrapper | string,
  patientId: SQLWrapper | string,
  localDate: SQLWrapper | string,
): SQL<string | null> {
  return sql<string | null>`(select cr.id from ${referrals} cr
    where cr.clinic_id = ${clinicId} and cr.patient_id = ${patientId}
      and not exists (select 1 from ${referrals} rn where rn.clinic_id = cr.clinic_id and rn.renews_referral_id = cr.id)
    order by (cr.valid_from <= ${localDate}::date) desc,
      case when cr.valid_from <= ${localDate}::date then cr.valid_from end desc,
      cr.valid_from asc, cr.id desc
    limit 1)`;
}

export interface ReferralVisitCount {
  /** Visits recorded against it, plus completed appointments it covers that no recorded visit stands for. */
  used: number;
  /** Live appointments (booked, confirmed, checked in) it covers that no recorded visit stands for. */
  booked: number;
}

/**
 * Visits used and booked per referral (0 and 0 when none). Only visits within the referral's validity (valid
 * from to valid until, in the clinic's zone) count against it, as the superbill bills them: a recorded visit or
 * an appointment dated outside it does not, even when linked to it. An appointment within it counts when it is
 * booked against the referral, or when it is booked against none and the referral is the patient's current one
 * on that date (`currentReferralIdSql`): so an appointment counts against one referral at most. An appointment a recorded visit stands for is not counted again: one recorded from it or
 * its session note, or one of the patient's recorded by hand or from a note on its date (a note not linked to
 * its appointment documents that day's visit). With `bookedBefore`, only the live appointments starting before
 * that instant are booked.
 */
export async function referralVisitCounts(
  db: Executor,
  clinicId: string,
  referralIds: string[],
  bookedBefore?: Date,
): Promise<Map<string, ReferralVisitCount>> {
  const counts = new Map(referralIds.map((id) => [id, { used: 0, booked: 0 }]));
  if (referralIds.length === 0) return counts;
  const before = bookedBefore ? sql`and a.start_at < ${bookedBefore.toISOString()}::timestamptz` : sql``;
  const result = await db.execute(sql`
    select r.id,
      (select count(*)::int from ${referralVisits} rv where rv.clinic_id = r.clinic_id and rv.referral_id = r.id
          and rv.visit_date >= r.valid_from and (r.valid_until is null or rv.visit_date <= r.valid_until))
        + count(a.id) filter (where a.status = 'completed')::int as used,
      count(a.id) filter (where a.status <> 'completed' ${before})::int as booked
    from ${referrals} r
    join ${clinics} c on c.id = r.clinic_id
    left join lateral (
      select x.id, x.status, x.start_at from (
        select a.id, a.status, a.start_at, a.referral_id, a.session_note_id, a.clinic_id, a.patient_id,
               (a.start_at at time zone c.time_zone)::date as local_date
        from ${appointments} a
        where a.clinic_id = r.clinic_id and a.patient_id = r.patient_id
          and a.status in ('booked', 'confirmed', 'checked_in', 'completed')
      ) x
      where x.local_date >= r.valid_from and (r.valid_until is null or x.local_date <= r.valid_until)
        and (x.referral_id = r.id
          or (x.referral_id is null
              and ${currentReferralIdSql(sql`x.clinic_id`, sql`x.patient_id`, sql`x.local_date`)} = r.id))
        and not exists (
          select 1 from ${referralVisits} rv join ${referrals} pr on pr.clinic_id = rv.clinic_id and pr.id = rv.referral_id
          where rv.clinic_id = x.clinic_id and pr.patient_id = x.patient_id
            and (rv.source_id = x.id or rv.source_id::text = x.session_note_id or (rv.visit_date = x.local_date and rv.source_type <> 'appointment')))
    ) a on true
    where r.clinic_id = ${clinicId} and r.id in (${sql.join(
      referralIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    group by r.id, r.clinic_id
  `);
  for (const row of rowsOf<{ id: string; used: number; booked: number }>(result)) {
    counts.set(row.id, { used: Number(row.used), booked: Number(row.booked) });
  }
  return counts;
}
