/**
 * Chart reminders and the therapist's to-do list: re-evaluation and progress report due (every N visits or
 * N days, per referral; default 10 visits / 30 days), visits left on the referral, plan expiring,
 * certification (30 days) and recertification (90 days or plan changed) due. A self-referred plan (no referral)
 * has re-evaluation and plan-ending reminders only: no payer asks it for progress reports, no referral counts its
 * visits, no physician certifies it.
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  assessments,
  clinicalReports,
  referralClinicalSettings,
  referrals,
  sessionNotes,
  treatmentPlans,
} from '../../db/schema/index.ts';
import { addDays, daysBetween, dayText, localDate } from '../patients/dates.ts';
import {
  certificationOf,
  dischargedOn,
  dischargesOf,
  type PlanRow,
  planEndDate,
  signaturesOf,
  signatureWanted,
  versionsOf,
} from '../plans/service.ts';
import { visitsAllowed } from '../referrals/status.ts';
import { visitsUsed } from '../referrals/visits.ts';
import type { reminder } from './schemas.ts';

export const DEFAULT_PROGRESS_EVERY_VISITS = 10;
export const DEFAULT_PROGRESS_EVERY_DAYS = 30;
/** How far ahead a due date shows as a reminder. */
export const REMINDER_HORIZON_DAYS = 7;
export const EXPIRING_HORIZON_DAYS = 14;

type Reminder = z.infer<typeof reminder>;

export async function referralSettingsOf(db: Executor, clinicId: string, referralId: string) {
  const [row] = await db
    .select()
    .from(referralClinicalSettings)
    .where(
      and(
        eq(referralClinicalSettings.clinicId, clinicId),
        eq(referralClinicalSettings.referralId, referralId),
      ),
    );
  return {
    referralId,
    progressEveryVisits: row?.progressEveryVisits ?? DEFAULT_PROGRESS_EVERY_VISITS,
    progressEveryDays: row?.progressEveryDays ?? DEFAULT_PROGRESS_EVERY_DAYS,
    isDefault: !row,
  };
}

export interface PlanReminders {
  plan: PlanRow;
  reminders: Reminder[];
}

/** Every reminder for one plan on the clinic's date `today`. */
export async function planReminders(
  db: Executor,
  plan: PlanRow,
  today: string,
  timeZone: string,
): Promise<Reminder[]> {
  const versions = await versionsOf(db, plan.clinicId, plan.id);
  const current = versions.at(-1);
  if (!current) return [];
  const start = versions[0]!.startDate;
  const out: Reminder[] = [];
  const base = { planId: plan.id, referralId: plan.referralId };
  const soon = addDays(today, REMINDER_HORIZON_DAYS);

  // Re-evaluation: due on the plan's date unless one was signed in the fortnight before it (or since).
  const reports = await db
    .select({ kind: assessments.kind, assessedOn: assessments.assessedOn })
    .from(assessments)
    .where(
      and(
        eq(assessments.clinicId, plan.clinicId),
        eq(assessments.patientId, plan.patientId),
        eq(assessments.status, 'signed'),
        inArray(assessments.kind, ['re_evaluation', 'progress_report']),
        gte(assessments.assessedOn, start),
      ),
    )
    .orderBy(asc(assessments.assessedOn));
  // A signed progress report or discharge summary to the physician (src/modules/reports) counts as a report.
  const sent = await db
    .select({ periodEnd: clinicalReports.periodEnd })
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, plan.clinicId),
        eq(clinicalReports.patientId, plan.patientId),
        eq(clinicalReports.status, 'signed'),
        gte(clinicalReports.periodEnd, start),
      ),
    );
  for (const r of sent) reports.push({ kind: 'progress_report', assessedOn: r.periodEnd });
  reports.sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
  const reEvalDone = reports.some(
    (r) => r.kind === 're_evaluation' && r.assessedOn >= addDays(current.reEvaluationDate, -14),
  );
  if (!reEvalDone && current.reEvaluationDate <= soon)
    out.push({
      ...base,
      kind: 're_evaluation_due',
      dueOn: current.reEvaluationDate,
      overdue: current.reEvaluationDate < today,
      message: `Re-evaluation due ${dayText(current.reEvaluationDate)}`,
    });

  const referralId = plan.referralId;
  if (referralId !== null) {
    // Progress report: every N visits or N days since the last report (or the plan's start).
    const settings = await referralSettingsOf(db, plan.clinicId, referralId);
    const lastReport = reports.at(-1)?.assessedOn ?? start;
    const [counted] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(sessionNotes)
      .where(
        and(
          eq(sessionNotes.clinicId, plan.clinicId),
          eq(sessionNotes.planId, plan.id),
          eq(sessionNotes.status, 'signed'),
          reports.length > 0
            ? sql`${sessionNotes.visitDate} > ${lastReport}`
            : sql`${sessionNotes.visitDate} >= ${lastReport}`,
        ),
      );
    const visitsSince = Number(counted?.n ?? 0);
    const byDate = addDays(lastReport, settings.progressEveryDays);
    const byVisits = visitsSince >= settings.progressEveryVisits;
    if (byVisits || byDate <= soon)
      out.push({
        ...base,
        kind: 'progress_report_due',
        dueOn: byVisits ? today : byDate,
        overdue: byVisits || byDate < today,
        message: byVisits
          ? `Progress report due: ${visitsSince} visits since the last report (every ${settings.progressEveryVisits})`
          : `Progress report due ${dayText(byDate)} (every ${settings.progressEveryDays} days)`,
      });

    // Visits left on the referral.
    const [ref] = await db
      .select()
      .from(referrals)
      .where(and(eq(referrals.clinicId, plan.clinicId), eq(referrals.id, referralId)));
    if (ref) {
      const allowed = visitsAllowed(ref);
      if (allowed !== null) {
        const used = (await visitsUsed(db, plan.clinicId, [ref.id])).get(ref.id) ?? 0;
        const left = Math.max(0, allowed - used);
        out.push({
          ...base,
          kind: 'visits_left',
          dueOn: ref.validUntil,
          overdue: left === 0,
          message: `${left} of ${allowed} visits left on the referral`,
        });
      }
    }
  }

  // Plan expiring.
  const end = planEndDate(current);
  if (end <= addDays(today, EXPIRING_HORIZON_DAYS))
    out.push({
      ...base,
      kind: 'plan_expiring',
      dueOn: end,
      overdue: end < today,
      message:
        end < today
          ? `The plan ended ${dayText(end)}`
          : `The plan ends ${dayText(end)} (in ${daysBetween(today, end)} days)`,
    });

  if (referralId !== null) {
    // Certification and recertification.
    // None once the patient is discharged (a signed discharge summary closes the plan).
    const cert = certificationOf(
      versions,
      await signaturesOf(db, plan.clinicId, plan.id),
      (d) => localDate(d, timeZone),
      dischargedOn(plan, start, await dischargesOf(db, plan.clinicId, [plan.patientId])),
    );
    if (!cert.certified && cert.certificationDueOn)
      out.push({
        ...base,
        kind: 'certification_due',
        dueOn: cert.certificationDueOn,
        overdue: cert.certificationDueOn < today,
        message: `Physician signature (certification) due ${dayText(cert.certificationDueOn)}`,
      });
    if (cert.certified && cert.recertificationDueOn && signatureWanted(cert, today))
      out.push({
        ...base,
        kind: 'recertification_due',
        dueOn: cert.recertificationDueOn,
        overdue: cert.recertificationDueOn < today,
        message:
          cert.recertificationReason === 'plan-changed'
            ? 'Recertification due: the plan changed since the physician signed it'
            : `Recertification due ${dayText(cert.recertificationDueOn)}`,
      });
  }
  return out;
}

/** The patient's current plan (the newest one). */
export async function currentPlanOf(db: Executor, clinicId: string, patientId: string) {
  const [row] = await db
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)))
    .orderBy(sql`${treatmentPlans.id} desc`)
    .limit(1);
  return row;
}
