import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clinicalReports,
  patients,
  type ReferralDiagnosis,
  treatmentPlanChangeRequests,
  treatmentPlanSignatures,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../db/schema/index.ts';
import { getTechnique, type TechniqueId } from '../../domain/catalog/techniques.ts';
import { getInstrument } from '../../domain/outcomes/instruments/index.ts';
import { getRomNorm } from '../../domain/outcomes/rom.ts';
import type { InstrumentId } from '../../domain/outcomes/types.ts';
import { ruledOutAdvice } from '../../domain/safety/advice.ts';
import { getRule } from '../../domain/safety/rules.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { romNeedsSide } from '../assessments/schemas.ts';
import { assertReferralOfPatient } from '../assessments/service.ts';
import { userNames } from '../intake/service.ts';
import { addDays, dayText } from '../patients/dates.ts';
import { displayNameOf } from '../patients/repository.ts';
import { signatureHash } from '../referrals/signature.ts';
import { screenTreatment } from '../safety/service.ts';
import { getAdvice, getExercise } from './home-care-library.ts';
import type {
  certification,
  changeRequest,
  GoalInput,
  homeCareView,
  PlanInput,
  patientPlan,
  plan,
  planToSign,
  planVersion,
} from './schemas.ts';

export type PlanRow = typeof treatmentPlans.$inferSelect;
export type PlanVersionRow = typeof treatmentPlanVersions.$inferSelect;
export type SignatureRow = typeof treatmentPlanSignatures.$inferSelect;

export interface PlanContent {
  diagnoses: ReferralDiagnosis[];
  problems: string[];
  goals: (GoalInput & { id: string })[];
  homeCare: PlanInput['homeCare'];
}

const scaleRange = (instrumentId: InstrumentId) => {
  const def = getInstrument(instrumentId);
  if (def.primary.kind === 'sum-of-scales') return { range: def.primary.range, direction: def.direction };
  const id = def.primary.scaleId;
  return { range: def.scales.find((s) => s.id === id)!.range, direction: def.direction };
};

/** A plan written without a physician referral: a self-referred (self-pay) client. */
export const isSelfReferred = (row: { referralId: string | null }) => row.referralId === null;

/**
 * The diagnoses a plan addresses: the referral's, all of them or those named by `codes`. A self-referred plan
 * (no referral) has none: a massage therapist does not diagnose, so codes given without a referral are refused.
 */
export function planDiagnoses(
  referral: { diagnoses: readonly ReferralDiagnosis[] } | null,
  codes: readonly string[] | undefined,
): { diagnoses: ReferralDiagnosis[]; issues: FieldIssue[] } {
  if (!referral)
    return {
      diagnoses: [],
      issues:
        codes && codes.length > 0
          ? [
              {
                path: 'body.diagnosisCodes',
                message:
                  'A plan without a referral has no diagnoses (a massage therapist does not diagnose): write the problems in the client’s words and your findings',
              },
            ]
          : [],
    };
  const issues: FieldIssue[] = [];
  const diagnoses: ReferralDiagnosis[] = [];
  (codes ?? referral.diagnoses.map((d) => d.code)).forEach((code, i) => {
    const found = referral.diagnoses.find((d) => d.code.toUpperCase() === code.toUpperCase());
    if (!found)
      issues.push({
        path: `body.diagnosisCodes.${i}`,
        message: `${code} is not a diagnosis of the referral`,
      });
    else diagnoses.push(found);
  });
  return { diagnoses, issues };
}

/** Checks a plan against its referral (if any) and itself; answers the content to store. */
export async function preparePlan(
  db: Executor,
  input: { clinicId: string; patientId: string; body: PlanInput; previousGoalIds?: Set<string> },
  newId: () => string,
): Promise<PlanContent> {
  const { body } = input;
  const referral = body.referralId
    ? await assertReferralOfPatient(db, input.clinicId, input.patientId, body.referralId)
    : null;
  const { diagnoses, issues } = planDiagnoses(referral, body.diagnosisCodes);
  if (body.reEvaluationDate <= body.startDate)
    issues.push({ path: 'body.reEvaluationDate', message: 'Must be after the start date' });
  const goals = body.goals.map((g, i) => {
    const path = `body.goals.${i}`;
    if (g.dueDate <= body.startDate)
      issues.push({ path: `${path}.dueDate`, message: 'Must be after the start date' });
    if (g.kind === 'instrument') {
      const { range, direction } = scaleRange(g.instrumentId);
      for (const field of ['baseline', 'target'] as const) {
        if (g[field] < range.min || g[field] > range.max)
          issues.push({ path: `${path}.${field}`, message: `Outside ${range.min}–${range.max}` });
      }
      const better = direction === 'higher-is-better' ? g.target > g.baseline : g.target < g.baseline;
      if (!better)
        issues.push({ path: `${path}.target`, message: 'The target must be better than the baseline' });
    }
    if (g.kind === 'rom') {
      if (romNeedsSide(g.jointMotion) && !g.side)
        issues.push({ path: `${path}.side`, message: 'Say which side' });
      if (getRomNorm(g.jointMotion).values[0]!.normal > 0 && (g.baseline < 0 || g.target <= g.baseline))
        issues.push({ path: `${path}.target`, message: 'The target must be more motion than the baseline' });
    }
    return { ...g, id: g.id ?? newId() };
  });
  const ids = new Set<string>();
  goals.forEach((g, i) => {
    if (ids.has(g.id)) issues.push({ path: `body.goals.${i}.id`, message: 'Goal ids must be unique' });
    ids.add(g.id);
  });
  if (issues.length > 0) throw new AppError('unprocessable', 'The plan cannot be saved as given', issues);
  return { diagnoses, problems: body.problems, goals, homeCare: body.homeCare };
}

type Screened = Awaited<ReturnType<typeof screenTreatment>>;
type ScreenedFinding = Screened['findings'][number];

/**
 * The plan's techniques × regions, screened as a plan of care: the pressure is the therapist's to choose at each
 * visit, so a technique too deep at its usual pressure (and not itself ruled out) asks for care, as a session
 * note given at the pressure allowed does; the note screens the pressure given.
 */
export function screenPlanWork(
  db: Executor,
  input: { clinicId: string; patientId: string; techniques: string[]; regions: string[]; onDate: string },
) {
  return screenTreatment(db, {
    clinicId: input.clinicId,
    patientId: input.patientId,
    proposed: { techniques: input.techniques, regions: input.regions, pressureAdjustable: true },
    onDate: input.onDate,
  });
}

/** A home-care item that applies heat or cold, and the findings its screening raised (`blocked`: one rules it out). */
export interface HomeCareScreening {
  id: string;
  title: string;
  blocked: boolean;
  findings: ScreenedFinding[];
}

/**
 * Home-care advice that applies heat or cold, screened like a hot-pack (cold-pack) treatment on the plan's
 * regions, where the patient applies it: one screening per item (two at most).
 */
export async function screenHomeCare(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    homeCare: PlanInput['homeCare'];
    regions: string[];
    onDate: string;
  },
): Promise<HomeCareScreening[]> {
  const out: HomeCareScreening[] = [];
  for (const id of new Set(input.homeCare.advice)) {
    const advice = getAdvice(id);
    if (!advice?.safetyTags?.length) continue;
    const result = await screenTreatment(db, {
      clinicId: input.clinicId,
      patientId: input.patientId,
      proposed: { techniques: [...advice.safetyTags], regions: input.regions },
      onDate: input.onDate,
    });
    // A pack has no pressure: a pressure-only precaution ("light pressure only") asks nothing of it.
    const findings = result.findings.filter((f) => f.blocking || !getRule(f.ruleId)?.pressureOnly);
    out.push({ id, title: advice.title, blocked: result.blocked, findings });
  }
  return out;
}

/**
 * Screens the plan's techniques × regions, and its home-care heat and cold, against the patient's current health
 * and clearances. A blocking ("rule out") finding refuses the plan (422 contraindicated, findings in details,
 * each naming the home care it rules out) unless a clearance covers it; every other finding that touches the
 * plan's techniques must be acknowledged by key (422 otherwise).
 */
export async function screenPlan(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    techniques: string[];
    regions: string[];
    homeCare: PlanInput['homeCare'];
    acknowledged: string[];
    onDate: string;
    userId: string;
    at: Date;
  },
) {
  const result = await screenPlanWork(db, input);
  const homeCare = await screenHomeCare(db, input);
  const atHome = (key: string) =>
    homeCare
      .filter((h) => h.findings.some((f) => f.key === key && f.blocking))
      .map(({ id, title }) => ({ id, title }));
  const brief = (f: ScreenedFinding) => ({
    key: f.key,
    ruleId: f.ruleId,
    subject: f.subject,
    severity: f.severity,
    restriction: f.restriction,
    message: f.message,
    clearancePolicy: f.clearancePolicy,
    declined: f.declined,
    conflicts: f.conflicts,
    homeCare: atHome(f.key),
  });
  const blocking = new Map(result.findings.filter((f) => f.blocking).map((f) => [f.key, brief(f)]));
  for (const item of homeCare)
    for (const f of item.findings)
      if (f.blocking && !blocking.has(f.key)) blocking.set(f.key, { ...brief(f), conflicts: [] });
  if (blocking.size > 0) {
    const ruledOutAtHome = homeCare.filter((h) => h.blocked).map((h) => h.title);
    const what = [
      result.blocked ? 'a technique or region' : null,
      ruledOutAtHome.length ? `home care (${ruledOutAtHome.join(', ')})` : null,
    ]
      .filter(Boolean)
      .join(' and ');
    throw new AppError(
      'contraindicated',
      `The plan includes ${what} the patient’s health rules out. ${ruledOutAdvice([...blocking.values()], 'plan')}`,
      { findings: [...blocking.values()] },
    );
  }
  const precautions = result.findings.filter((f) => !f.blocking && !f.acknowledged);
  const missing = precautions.filter((f) => !input.acknowledged.includes(f.key));
  if (missing.length > 0)
    throw new AppError(
      'precautions_unacknowledged',
      'Acknowledge the precautions for this plan (send their keys in acknowledgedPrecautions)',
      { findings: missing.map(brief) },
    );
  return {
    screening: {
      onDate: result.onDate,
      status: result.status,
      findingKeys: result.findings.map((f) => f.key),
      clearanceIds: result.findings.flatMap((f) => (f.clearance ? [f.clearance.clearanceId] : [])),
    },
    acknowledged: precautions.map((f) => ({
      key: f.key,
      ruleId: f.ruleId,
      subject: f.subject,
      restriction: f.restriction,
      acknowledgedBy: input.userId,
      acknowledgedAt: input.at.toISOString(),
    })),
  };
}

export async function findPlan(db: Executor, clinicId: string, patientId: string, planId: string) {
  const [row] = await db
    .select()
    .from(treatmentPlans)
    .where(
      and(
        eq(treatmentPlans.clinicId, clinicId),
        eq(treatmentPlans.patientId, patientId),
        eq(treatmentPlans.id, planId),
      ),
    );
  if (!row) throw notFound('Plan');
  return row;
}

/** Plans' versions, oldest first: one plan's, or several plans' in one query. */
export async function versionsOf(db: Executor, clinicId: string, planIds: string | readonly string[]) {
  return db
    .select()
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.clinicId, clinicId),
        inArray(treatmentPlanVersions.planId, [planIds].flat()),
      ),
    )
    .orderBy(asc(treatmentPlanVersions.version));
}

/** Plans' signatures, latest version and latest signature first: one plan's, or several plans' in one query. */
export async function signaturesOf(db: Executor, clinicId: string, planIds: string | readonly string[]) {
  return db
    .select()
    .from(treatmentPlanSignatures)
    .where(
      and(
        eq(treatmentPlanSignatures.clinicId, clinicId),
        inArray(treatmentPlanSignatures.planId, [planIds].flat()),
      ),
    )
    .orderBy(desc(treatmentPlanSignatures.version), desc(treatmentPlanSignatures.signedAt));
}

type ChangeRequest = z.infer<typeof changeRequest> & { planId: string };

/**
 * Physicians' answers "changes needed" still open on these plans, newest first: on the plan's current version
 * and not followed by a signature of it (the physician certified it as written after all). One query.
 */
export async function openChangeRequests(
  db: Executor,
  clinicId: string,
  planIds: readonly string[],
): Promise<ChangeRequest[]> {
  if (planIds.length === 0) return [];
  const r = treatmentPlanChangeRequests;
  const rows = await db
    .select()
    .from(r)
    .where(
      and(
        eq(r.clinicId, clinicId),
        inArray(r.planId, [...planIds]),
        sql`${r.version} = (select max(v.version) from treatment_plan_versions v where v.clinic_id = ${r.clinicId} and v.plan_id = ${r.planId})`,
        sql`not exists (select 1 from treatment_plan_signatures s where s.clinic_id = ${r.clinicId} and s.plan_id = ${r.planId} and s.version = ${r.version} and s.signed_at > ${r.requestedAt})`,
      ),
    )
    .orderBy(desc(r.requestedAt));
  const names = await userNames(
    db,
    rows.map((row) => row.physicianUserId),
  );
  return rows.map((row) => ({
    id: row.id,
    planId: row.planId,
    version: row.version,
    physician: { userId: row.physicianUserId, name: names.get(row.physicianUserId) ?? '' },
    reason: row.reason,
    requestedAt: row.requestedAt.toISOString(),
  }));
}

export function homeCareOf(homeCare: PlanInput['homeCare']): z.infer<typeof homeCareView> {
  return {
    exercises: homeCare.exercises.flatMap((e) => {
      const lib = getExercise(e.id);
      return lib
        ? [
            {
              id: lib.id,
              kind: lib.kind,
              name: lib.name,
              instructions: lib.instructions,
              dosage: e.dosage ?? lib.dosage,
              cautions: lib.cautions,
              note: e.note ?? null,
            },
          ]
        : [];
    }),
    advice: homeCare.advice.flatMap((id) => {
      const a = getAdvice(id);
      return a ? [{ id: a.id, title: a.title, text: a.text }] : [];
    }),
    notes: homeCare.notes ?? null,
  };
}

export const planEndDate = (v: { startDate: string; durationWeeks: number }) =>
  addDays(v.startDate, v.durationWeeks * 7 - 1);

/** A signed plan is recertified at least every this many days (clinical reference: plan-of-care rules). */
export const RECERTIFICATION_DAYS = 90;
/** The physician may recertify, and the therapist is reminded, from this many days before it is due. */
export const RECERTIFICATION_OPENS_DAYS_BEFORE = 7;

/** A signed discharge summary of a patient: the end of an episode of care (src/modules/reports). */
export interface Discharge {
  patientId: string;
  planId: string | null;
  referralId: string | null;
  periodEnd: string;
}

/** These patients' signed discharge summaries, in one query. */
export async function dischargesOf(
  db: Executor,
  clinicId: string,
  patientIds: readonly string[],
): Promise<Discharge[]> {
  if (patientIds.length === 0) return [];
  return db
    .select({
      patientId: clinicalReports.patientId,
      planId: clinicalReports.planId,
      referralId: clinicalReports.referralId,
      periodEnd: clinicalReports.periodEnd,
    })
    .from(clinicalReports)
    .where(
      and(
        eq(clinicalReports.clinicId, clinicId),
        inArray(clinicalReports.patientId, [...patientIds]),
        eq(clinicalReports.kind, 'discharge_summary'),
        eq(clinicalReports.status, 'signed'),
      ),
    );
}

/**
 * When the patient was discharged from this plan: the latest signed discharge summary written on the plan, or on
 * its referral for a period reaching the plan's start. Null while the plan is in progress.
 */
export function dischargedOn(
  plan: Pick<PlanRow, 'id' | 'patientId' | 'referralId'>,
  startDate: string,
  discharges: readonly Discharge[],
): string | null {
  const ends = discharges
    .filter(
      (d) =>
        d.patientId === plan.patientId &&
        (d.planId === plan.id ||
          (plan.referralId !== null && d.referralId === plan.referralId && d.periodEnd >= startDate)),
    )
    .map((d) => d.periodEnd)
    .sort();
  return ends.at(-1) ?? null;
}

/**
 * Certification (30 days from the start while unsigned) and recertification: 90 days after the signature, or
 * sooner when the plan changed; none when the plan ends first (on or before that day: care beyond it is a new
 * plan to certify) or once the patient is discharged (`discharged`: the date of the discharge summary).
 */
export function certificationOf(
  versions: readonly PlanVersionRow[],
  signatures: readonly SignatureRow[],
  timeZoneDate: (d: Date) => string,
  discharged: string | null = null,
): z.infer<typeof certification> {
  const first = versions[0]!;
  const current = versions.at(-1)!;
  const latest = signatures[0];
  const none = { recertificationDueOn: null, recertificationReason: null, dischargedOn: discharged };
  if (!latest)
    return {
      signedVersion: null,
      signedAt: null,
      certified: false,
      certificationDueOn: discharged ? null : addDays(first.startDate, 30),
      ...none,
    };
  const signed = {
    signedVersion: latest.version,
    signedAt: latest.signedAt.toISOString(),
    certified: true,
    certificationDueOn: null,
  };
  if (discharged) return { ...signed, ...none };
  if (latest.version < current.version)
    return {
      ...signed,
      recertificationDueOn: timeZoneDate(current.createdAt),
      recertificationReason: 'plan-changed',
      dischargedOn: null,
    };
  const due = addDays(timeZoneDate(latest.signedAt), RECERTIFICATION_DAYS);
  if (planEndDate(current) <= due) return { ...signed, ...none };
  return { ...signed, recertificationDueOn: due, recertificationReason: '90-days', dischargedOn: null };
}

/**
 * Whether the physician may sign the current version on `today`: never certified, changed since the last
 * signature, or its 90-day recertification is near; never once the patient is discharged.
 */
export function signatureWanted(cert: z.infer<typeof certification>, today: string): boolean {
  if (cert.dischargedOn) return false;
  if (!cert.certified || cert.recertificationReason === 'plan-changed') return true;
  return (
    cert.recertificationDueOn !== null &&
    cert.recertificationDueOn <= addDays(today, RECERTIFICATION_OPENS_DAYS_BEFORE)
  );
}

/** Why the physician cannot sign now (`signatureWanted` is false), in words. */
export function signatureNotWantedReason(cert: z.infer<typeof certification>, endsOn: string): string {
  if (cert.dischargedOn)
    return `The patient was discharged on ${dayText(cert.dischargedOn)}: this plan needs no more signatures`;
  if (cert.recertificationDueOn === null)
    return `This plan version is signed; the plan ends ${dayText(endsOn)}, before a recertification is due`;
  return `This plan version is signed; its recertification is due ${dayText(cert.recertificationDueOn)}`;
}

export async function versionView(
  db: Executor,
  v: PlanVersionRow,
  signature: SignatureRow | undefined,
): Promise<z.infer<typeof planVersion>> {
  const content = v.content as unknown as PlanContent;
  const names = await userNames(db, [v.createdBy, signature?.physicianUserId ?? null]);
  return {
    version: v.version,
    diagnoses: content.diagnoses.map((d) => ({
      code: d.code,
      description: d.description,
      laterality: d.laterality,
    })),
    problems: content.problems,
    goals: content.goals,
    techniques: v.techniques,
    regions: v.regions,
    frequencyPerWeek: v.frequencyPerWeek,
    durationWeeks: v.durationWeeks,
    plannedVisits: v.plannedVisits,
    sessionMinutes: v.sessionMinutes,
    homeCare: homeCareOf(content.homeCare),
    startDate: v.startDate,
    endDate: planEndDate(v),
    reEvaluationDate: v.reEvaluationDate,
    screening: v.screening as z.infer<typeof planVersion>['screening'],
    precautionsAcknowledged: v.precautionsAcknowledged as z.infer<
      typeof planVersion
    >['precautionsAcknowledged'],
    changeReason: v.changeReason,
    createdBy: { userId: v.createdBy, name: names.get(v.createdBy) ?? '' },
    createdAt: v.createdAt.toISOString(),
    signature: signature
      ? {
          physician: { userId: signature.physicianUserId, name: names.get(signature.physicianUserId) ?? '' },
          typedName: signature.typedName,
          signedAt: signature.signedAt.toISOString(),
          hash: signature.signatureHash,
        }
      : null,
  };
}

export async function planView(
  db: Executor,
  row: PlanRow,
  timeZoneDate: (d: Date) => string,
  today: string,
): Promise<z.infer<typeof plan>> {
  const versions = await versionsOf(db, row.clinicId, row.id);
  const signatures = await signaturesOf(db, row.clinicId, row.id);
  const current = versions.at(-1)!;
  // A self-referred plan has no physician to certify it: no certification, never a signature wanted.
  const cert = isSelfReferred(row)
    ? null
    : certificationOf(
        versions,
        signatures,
        timeZoneDate,
        dischargedOn(row, versions[0]!.startDate, await dischargesOf(db, row.clinicId, [row.patientId])),
      );
  return {
    id: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    selfReferred: isSelfReferred(row),
    currentVersion: current.version,
    current: await versionView(
      db,
      current,
      signatures.find((s) => s.version === current.version),
    ),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      changeReason: v.changeReason,
    })),
    certification: cert,
    signatureWanted: cert !== null && signatureWanted(cert, today),
    changesRequested: (await openChangeRequests(db, row.clinicId, [row.id])).map(
      ({ planId: _, ...request }) => request,
    ),
    createdAt: row.createdAt.toISOString(),
  };
}

/** What a patient sees of their plan: goals, schedule, techniques in plain words, home care. */
export async function patientPlanView(db: Executor, row: PlanRow): Promise<z.infer<typeof patientPlan>> {
  const versions = await versionsOf(db, row.clinicId, row.id);
  const v = versions.at(-1)!;
  const content = v.content as unknown as PlanContent;
  return {
    id: row.id,
    audience: 'patient',
    goals: content.goals,
    frequencyPerWeek: v.frequencyPerWeek,
    durationWeeks: v.durationWeeks,
    sessionMinutes: v.sessionMinutes,
    startDate: v.startDate,
    endDate: planEndDate(v),
    reEvaluationDate: v.reEvaluationDate,
    techniques: v.techniques.map((id) => {
      const t = getTechnique(id as TechniqueId);
      return { id, name: t.name, description: t.description };
    }),
    homeCare: homeCareOf(content.homeCare),
  };
}

/** Exactly what the physician signs: the plan version's content, the signer and the time. */
export function planSignedContent(
  row: PlanRow,
  v: PlanVersionRow,
  signer: { userId: string; typedName: string; signedAt: Date },
): Record<string, unknown> {
  return {
    type: 'palpa.plan-of-care.v1',
    clinicId: row.clinicId,
    planId: row.id,
    patientId: row.patientId,
    referralId: row.referralId,
    version: v.version,
    content: v.content,
    techniques: [...v.techniques],
    regions: [...v.regions],
    frequencyPerWeek: v.frequencyPerWeek,
    durationWeeks: v.durationWeeks,
    plannedVisits: v.plannedVisits,
    sessionMinutes: v.sessionMinutes,
    startDate: v.startDate,
    reEvaluationDate: v.reEvaluationDate,
    signer: { userId: signer.userId, typedName: signer.typedName },
    signedAt: signer.signedAt.toISOString(),
  };
}

export { signatureHash };

/**
 * These patients' current plans that want a physician's signature now (`signatureWanted`), soonest due first.
 * A self-referred current plan is never listed (it needs no certification), nor a discharged patient's, nor
 * one whose current version `physicianUserId` answered "changes needed" (it comes back as a new version).
 */
export async function plansAwaitingSignature(
  db: Executor,
  clinicId: string,
  physicianUserId: string,
  patientIds: readonly string[],
  timeZoneDate: (d: Date) => string,
  today: string,
): Promise<z.infer<typeof planToSign>[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .select({ plan: treatmentPlans, patient: patients })
    .from(treatmentPlans)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, treatmentPlans.clinicId), eq(patients.id, treatmentPlans.patientId)),
    )
    .where(and(eq(treatmentPlans.clinicId, clinicId), inArray(treatmentPlans.patientId, [...patientIds])));
  // Each patient's current plan only (the newest; ids are time-ordered), as the therapist's reminders count it.
  const current = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = current.get(r.plan.patientId);
    if (!seen || r.plan.id > seen.plan.id) current.set(r.plan.patientId, r);
  }
  // A self-referred current plan has no physician to sign it.
  for (const [patientId, r] of current) if (isSelfReferred(r.plan)) current.delete(patientId);
  const planIds = [...current.values()].map((r) => r.plan.id);
  if (planIds.length === 0) return [];
  // Every plan's versions, signatures, discharges and open answers in four queries, not four per plan.
  const [allVersions, allSignatures, discharges, answered] = await Promise.all([
    versionsOf(db, clinicId, planIds),
    signaturesOf(db, clinicId, planIds),
    dischargesOf(db, clinicId, [...current.keys()]),
    openChangeRequests(db, clinicId, planIds),
  ]);
  const changesAsked = new Set(
    answered.filter((a) => a.physician.userId === physicianUserId).map((a) => a.planId),
  );
  const items: z.infer<typeof planToSign>[] = [];
  for (const { plan: row, patient } of current.values()) {
    if (changesAsked.has(row.id)) continue;
    const versions = allVersions.filter((v) => v.planId === row.id);
    const signatures = allSignatures.filter((sg) => sg.planId === row.id);
    // A discharged patient's plan is not asked for: `signatureWanted` is false once discharged.
    const due = certificationOf(
      versions,
      signatures,
      timeZoneDate,
      dischargedOn(row, versions[0]!.startDate, discharges),
    );
    if (!signatureWanted(due, today)) continue;
    items.push({
      planId: row.id,
      patientId: row.patientId,
      patientName: displayNameOf(patient),
      version: versions.at(-1)!.version,
      reason: due.recertificationReason ?? 'certification',
      dueOn: due.certified ? due.recertificationDueOn : due.certificationDueOn,
    });
  }
  return items.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
}
