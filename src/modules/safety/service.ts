/**
 * The patient's health profile and contraindication screening, on the database. Other capabilities
 * (treatment plans, session notes, the chart) call `screenTreatment` / `safetyFlags` /
 * `safetyChartSection` after they have authorised the caller with authorizePatient.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  appointments,
  attachments,
  clinics,
  healthHistoryConfirmations as confirmations,
  intakeResponses,
  LIVE_STATUSES,
  patients,
  safetyClearances,
} from '../../db/schema/index.ts';
import { summarise } from '../../domain/safety/messages.ts';
import { getRule } from '../../domain/safety/rules.ts';
import { screen, screenProfile } from '../../domain/safety/screen.ts';
import type {
  ChartFlags,
  Clearance,
  ClearanceAnswer,
  Finding,
  HealthProfile,
  ProposedTreatment,
  ScreeningResult,
} from '../../domain/safety/types.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isOwnName } from '../clinical/signature-name.ts';
import type { IntakeAnswers } from '../intake/schemas.ts';
import { latestVersion, submittedIntakesOf, userNames } from '../intake/service.ts';
import { profileFromAnswers } from './profile.ts';
import type { finding } from './schemas.ts';

export type ClearanceRow = typeof safetyClearances.$inferSelect;

/** Today's date in a time zone (`YYYY-MM-DD`). */
export const localDate = (now: Date, timeZone: string): string =>
  DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ??
  DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;

export interface HealthRecord {
  profile: HealthProfile;
  /** The version the profile was built from; null when no intake was submitted yet. */
  basedOn: { versionId: string; version: number; recordedAt: string; lastConfirmedAt: string } | null;
}

async function clinicTimeZone(db: Executor, clinicId: string): Promise<string> {
  const [row] = await db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.timeZone ?? 'UTC';
}

/**
 * The instant a clinic-local calendar date ends (the next day's midnight in the clinic's time zone): the
 * health history "in force on" that date is the one submitted before this instant.
 */
export async function endOfClinicDay(db: Executor, clinicId: string, date: string): Promise<Date> {
  assertDate(date);
  const zone = await clinicTimeZone(db, clinicId);
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** The latest version submitted before `asOf` (as latestVersion picks the latest of all), or undefined. */
async function versionSubmittedBefore(db: Executor, clinicId: string, patientId: string, asOf: Date) {
  const [row] = await db
    .select()
    .from(intakeResponses)
    .where(and(submittedIntakesOf(clinicId, patientId), lt(intakeResponses.submittedAt, asOf)))
    .orderBy(desc(intakeResponses.submittedAt), desc(intakeResponses.version))
    .limit(1);
  return row;
}

/**
 * The profile and the version it comes from: the latest submitted version, or with `asOf` the version in
 * force at that instant (the latest submitted before it), so that a record of a past visit is judged by what
 * was known of the patient's health then, not by a history reported later.
 */
export async function currentHealthRecord(
  db: Executor,
  clinicId: string,
  patientId: string,
  options: { asOf?: Date } = {},
): Promise<HealthRecord> {
  const [patient] = await db
    .select({ dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  if (!patient) throw notFound('Patient');
  const { asOf } = options;
  // No version existed yet at `asOf` (the first history was taken after the visit): the current one is used,
  // as the only statement of the patient's health on file, rather than screening against nothing.
  const latest =
    (asOf && (await versionSubmittedBefore(db, clinicId, patientId, asOf))) ??
    (await latestVersion(db, clinicId, patientId));
  if (!latest?.submittedAt) return { profile: { birthDate: patient.dateOfBirth }, basedOn: null };
  // Confirmed unchanged by then (a confirmation after `asOf` was not yet known at `asOf`).
  const confirmedBy = asOf && latest.submittedAt < asOf ? asOf : undefined;
  const recordedOn = localDate(latest.submittedAt, await clinicTimeZone(db, clinicId));
  const [confirmed] = await db
    .select({ at: confirmations.confirmedAt })
    .from(confirmations)
    .where(
      and(
        eq(confirmations.clinicId, clinicId),
        eq(confirmations.patientId, patientId),
        eq(confirmations.versionId, latest.id),
        confirmedBy ? lt(confirmations.confirmedAt, confirmedBy) : undefined,
      ),
    )
    .orderBy(desc(confirmations.confirmedAt))
    .limit(1);
  return {
    profile: profileFromAnswers(latest.answers as IntakeAnswers, {
      birthDate: patient.dateOfBirth,
      recordedOn,
    }),
    basedOn: {
      versionId: latest.id,
      version: latest.version!,
      recordedAt: latest.submittedAt.toISOString(),
      lastConfirmedAt: (confirmed?.at ?? latest.submittedAt).toISOString(),
    },
  };
}

/** The screening engine's HealthProfile from the latest submitted intake / health-history version. */
export async function currentHealthProfile(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<HealthProfile> {
  return (await currentHealthRecord(db, clinicId, patientId)).profile;
}

export async function clearancesOf(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<ClearanceRow[]> {
  return db
    .select()
    .from(safetyClearances)
    .where(and(eq(safetyClearances.clinicId, clinicId), eq(safetyClearances.patientId, patientId)))
    .orderBy(desc(safetyClearances.id));
}

/**
 * Engine clearances for the recorded, unrevoked answers (one per rule id; a "not cleared" answer too, so the
 * engine keeps the restriction and names it), and a map back to the record so a finding names the answer that
 * decided it. Expiry is left to the engine (it screens a date).
 */
function engineClearances(rows: readonly ClearanceRow[]) {
  const records = new Map<Clearance, ClearanceRow>();
  for (const row of rows) {
    if (row.revokedAt) continue;
    for (const ruleId of row.ruleIds) {
      const scope = {
        ...(row.regions ? { regions: row.regions } : {}),
        ...(row.techniques
          ? { techniques: row.techniques as NonNullable<Clearance['scope']>['techniques'] }
          : {}),
      };
      const clearance: Clearance = {
        ruleId,
        date: row.clearedOn,
        ...(row.expiresOn ? { expiresOn: row.expiresOn } : {}),
        ...(row.regions || row.techniques ? { scope } : {}),
        clearedBy: row.physicianName,
        answer: row.answer,
        ...(row.limits ? { limits: row.limits } : {}),
        recordedAt: row.createdAt.toISOString(),
      };
      records.set(clearance, row);
    }
  }
  return { clearances: [...records.keys()], records };
}

export type FindingView = z.infer<typeof finding>;

const scope = (value: Finding['ruledOut']): FindingView['ruledOut'] => (value === 'all' ? 'all' : [...value]);

function findingView(f: Finding, records: Map<Clearance, ClearanceRow>): FindingView {
  const row = f.clearance ? records.get(f.clearance) : undefined;
  const refusal = f.declined ? records.get(f.declined) : undefined;
  return {
    ...f,
    ruledOut: scope(f.ruledOut),
    modified: scope(f.modified),
    regions: f.regions === 'everywhere' ? 'everywhere' : [...f.regions],
    sources: [...f.sources],
    conflicts: f.conflicts.map((c) => ({ ...c, tags: [...c.tags], regions: [...c.regions] })),
    clearance: row
      ? {
          clearanceId: row.id,
          physicianName: row.physicianName,
          clearedOn: row.clearedOn,
          expiresOn: row.expiresOn,
          answer: row.answer,
          limits: row.limits,
        }
      : null,
    declined: refusal
      ? {
          clearanceId: refusal.id,
          physicianName: refusal.physicianName,
          answeredOn: refusal.clearedOn,
          note: refusal.note,
        }
      : null,
  };
}

/** Not an engine issue: the engine cannot know that the profile it was given is empty for lack of an intake. */
const noHistoryIssue = () => ({
  kind: 'no-health-history',
  level: 'review' as const,
  message:
    'No health history on file: the patient has not submitted the intake questionnaire, so nothing could be screened.',
});

export interface ScreeningOutcome extends Omit<ScreeningResult, 'findings' | 'notApplicable' | 'issues'> {
  findings: FindingView[];
  notApplicable: FindingView[];
  issues: { kind: string; level: 'review' | 'info'; message: string; value?: string }[];
  basedOn: HealthRecord['basedOn'];
}

/**
 * Screens a proposed treatment against the patient's health profile (the current one, or the one in force at
 * `healthAsOf`) and the clearances in force on `onDate`.
 * Without a submitted intake the answer is at best `needs-review`, never `clear`.
 * Throws 400 when `onDate` is not a calendar date.
 */
export async function screenTreatment(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    proposed: ProposedTreatment;
    onDate: string;
    /**
     * Screen against the health history in force at this instant (see currentHealthRecord) instead of the
     * latest: a session note passes the end of its visit date. Plans look forward and leave it out.
     */
    healthAsOf?: Date;
  },
): Promise<ScreeningOutcome> {
  assertDate(input.onDate);
  const record = await currentHealthRecord(db, input.clinicId, input.patientId, {
    ...(input.healthAsOf ? { asOf: input.healthAsOf } : {}),
  });
  const { clearances, records } = engineClearances(await clearancesOf(db, input.clinicId, input.patientId));
  const result = screen(record.profile, input.proposed, input.onDate, clearances);
  const issues: ScreeningOutcome['issues'] = [...result.issues];
  let status = result.status;
  if (!record.basedOn) {
    issues.unshift(noHistoryIssue());
    if (status === 'clear' || status === 'proceed-with-precautions') status = 'needs-review';
  }
  return {
    ...result,
    status,
    findings: result.findings.map((f) => findingView(f, records)),
    notApplicable: result.notApplicable.map((f) => findingView(f, records)),
    issues,
    basedOn: record.basedOn,
  };
}

export interface SafetyFlags extends Omit<ChartFlags, 'flags' | 'issues' | 'clearancesNeeded' | 'allergies'> {
  clearancesNeeded: string[];
  allergies: string[];
  flags: FindingView[];
  summary: string[];
  issues: ScreeningOutcome['issues'];
  basedOn: HealthRecord['basedOn'];
  clearances: ClearanceRow[];
}

/** The chart-header flags on a date: everything that applies, most serious first, with clearances. */
export async function safetyFlags(
  db: Executor,
  clinicId: string,
  patientId: string,
  onDate: string,
): Promise<SafetyFlags> {
  assertDate(onDate);
  const record = await currentHealthRecord(db, clinicId, patientId);
  const rows = await clearancesOf(db, clinicId, patientId);
  return {
    ...profileFlags(record.profile, record.basedOn !== null, rows, onDate),
    basedOn: record.basedOn,
    clearances: rows,
  };
}

/** The screening of one profile with its clearance rows (newest first), shared by the chart and the day's list. */
function profileFlags(
  profile: HealthProfile,
  hasHealthHistory: boolean,
  rows: readonly ClearanceRow[],
  onDate: string,
): Omit<SafetyFlags, 'basedOn' | 'clearances'> {
  const { clearances, records } = engineClearances(rows);
  const flags = screenProfile(profile, onDate, clearances);
  return {
    ...flags,
    flags: flags.flags.map((f) => findingView(f, records)),
    clearancesNeeded: [...flags.clearancesNeeded],
    allergies: [...flags.allergies],
    summary: summarise(flags.flags),
    issues: hasHealthHistory ? [...flags.issues] : [noHistoryIssue(), ...flags.issues],
  };
}

/** Where a flag stands with a physician: a clearance on file, their "not cleared", one needed, or none asked. */
export function clearanceState(f: FindingView): 'on-file' | 'not-cleared' | 'needed' | null {
  if (f.acknowledged) return 'on-file';
  if (f.declined) return 'not-cleared';
  if (f.severity === 'clearance' || f.clearancePolicy === 'required') return 'needed';
  return null;
}

/**
 * The patients a therapist sees on a clinic-local date (a live appointment starting that day: not cancelled,
 * not a no-show), in the order of their first session.
 */
export async function dayPatientIds(
  db: Executor,
  input: { clinicId: string; therapistId: string; date: string; timeZone: string },
): Promise<string[]> {
  assertDate(input.date);
  const start = DateTime.fromISO(input.date, { zone: input.timeZone }).startOf('day');
  const rows = await db
    .select({ patientId: appointments.patientId })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, input.clinicId),
        eq(appointments.therapistId, input.therapistId),
        inArray(appointments.status, [...LIVE_STATUSES]),
        gte(appointments.startAt, start.toJSDate()),
        lt(appointments.startAt, start.plus({ days: 1 }).toJSDate()),
      ),
    )
    .orderBy(asc(appointments.startAt), asc(appointments.id));
  return [...new Set(rows.map((r) => r.patientId))];
}

/**
 * The chart-header flags of several patients on a date, in short (as `safetyChartSection`, plus where each
 * flag stands with a physician), in three queries whatever the number of patients: the patients, their latest
 * submitted health history, their clearances. Patients not of this clinic are left out.
 */
export async function flagsOfPatients(
  db: Executor,
  input: { clinicId: string; patientIds: readonly string[]; onDate: string; timeZone: string },
) {
  assertDate(input.onDate);
  const { clinicId, onDate } = input;
  const ids = [...new Set(input.patientIds)];
  if (ids.length === 0) return [];
  const people = await db
    .select({ id: patients.id, dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, ids)));
  // The latest submitted version of each, as latestVersion picks it.
  const versions = await db
    .selectDistinctOn([intakeResponses.patientId], {
      patientId: intakeResponses.patientId,
      answers: intakeResponses.answers,
      submittedAt: intakeResponses.submittedAt,
    })
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        inArray(intakeResponses.patientId, ids),
        eq(intakeResponses.status, 'submitted'),
      ),
    )
    .orderBy(intakeResponses.patientId, desc(intakeResponses.submittedAt), desc(intakeResponses.version));
  const clearanceRows = await db
    .select()
    .from(safetyClearances)
    .where(and(eq(safetyClearances.clinicId, clinicId), inArray(safetyClearances.patientId, ids)))
    .orderBy(desc(safetyClearances.id));
  const latest = new Map(versions.map((v) => [v.patientId, v]));
  const rowsOf = new Map<string, ClearanceRow[]>();
  for (const row of clearanceRows) rowsOf.set(row.patientId, [...(rowsOf.get(row.patientId) ?? []), row]);
  const found = new Map(people.map((p) => [p.id, p]));
  return ids.flatMap((patientId) => {
    const person = found.get(patientId);
    if (!person) return [];
    const version = latest.get(patientId);
    const profile: HealthProfile = version?.submittedAt
      ? profileFromAnswers(version.answers as IntakeAnswers, {
          birthDate: person.dateOfBirth,
          recordedOn: localDate(version.submittedAt, input.timeZone),
        })
      : { birthDate: person.dateOfBirth };
    const flags = profileFlags(profile, version !== undefined, rowsOf.get(patientId) ?? [], onDate);
    return [
      {
        patientId,
        hasHealthHistory: version !== undefined,
        highestSeverity: flags.highestSeverity,
        flags: flags.flags.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          subject: f.subject,
          restriction: f.restriction,
          clearance: clearanceState(f),
          clearanceLimits: f.clearance?.limits ?? null,
        })),
        clearancesNeeded: flags.clearancesNeeded,
        allergies: flags.allergies,
      },
    ];
  });
}

/** The chart's safety section: a short flags summary for the header. */
export async function safetyChartSection(db: Executor, clinicId: string, patientId: string, onDate: string) {
  const flags = await safetyFlags(db, clinicId, patientId, onDate);
  return {
    onDate: flags.onDate,
    hasHealthHistory: flags.basedOn !== null,
    basedOn: flags.basedOn,
    highestSeverity: flags.highestSeverity,
    summary: flags.summary,
    flags: flags.flags.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      subject: f.subject,
      restriction: f.restriction,
      acknowledged: f.acknowledged,
      clearanceLimits: f.clearance?.limits ?? null,
      declined: f.declined,
    })),
    clearancesNeeded: flags.clearancesNeeded,
    allergies: flags.allergies,
  };
}

function assertDate(value: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new AppError('validation_failed', 'The date is not valid', [
      { path: 'onDate', message: 'Use YYYY-MM-DD' },
    ]);
  }
}

export function clearanceStatus(
  row: ClearanceRow,
  today: string,
): 'active' | 'expired' | 'revoked' | 'not-yet-valid' {
  if (row.revokedAt) return 'revoked';
  if (row.clearedOn > today) return 'not-yet-valid';
  if (row.expiresOn && row.expiresOn < today) return 'expired';
  return 'active';
}

export async function clearanceViews(db: Executor, rows: readonly ClearanceRow[], today: string) {
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.recordedBy, r.revokedBy]),
  );
  const person = (id: string | null) => (id ? { userId: id, name: names.get(id) ?? '' } : null);
  return rows.map((row) => ({
    id: row.id,
    ruleIds: row.ruleIds,
    regions: row.regions,
    techniques: row.techniques,
    physicianName: row.physicianName,
    physicianUserId: row.physicianUserId,
    recordedBy: person(row.recordedBy),
    recordedVia: row.recordedVia,
    clearedOn: row.clearedOn,
    expiresOn: row.expiresOn,
    attachmentId: row.attachmentId,
    note: row.note,
    answer: row.answer,
    limits: row.limits,
    createdAt: row.createdAt.toISOString(),
    status: clearanceStatus(row, today),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: person(row.revokedBy),
    revokeReason: row.revokeReason,
  }));
}

export interface ClearanceInput {
  /** Default: cleared. */
  answer?: ClearanceAnswer;
  limits?: string;
  ruleIds: string[];
  regions?: string[];
  techniques?: string[];
  physicianName?: string;
  clearedOn: string;
  expiresOn?: string;
  attachmentId?: string;
  note?: string;
}

/**
 * Records a physician's answer: a clearance (with or without limits) or "not cleared". Rule ids must be current
 * flags of the patient that a clearance may lift (one recorded ahead could acknowledge a finding reported later);
 * limits come with "cleared with limits" only, and an expiry never with "not cleared"; dates must make sense (not
 * in the future, expiry after the date); an attachment must belong to the same patient; a physician answers in
 * their own name.
 */
export async function recordClearance(
  db: Executor,
  input: ClearanceInput & {
    clinicId: string;
    patientId: string;
    today: string;
    recordedBy: string | null;
    /** Set when a physician account records its own clearance. */
    physician?: { userId: string; name: string };
  },
): Promise<ClearanceRow> {
  const issues: { path: string; message: string }[] = [];
  const answer = input.answer ?? 'cleared';
  const ruleIds = [...new Set(input.ruleIds)];
  const { flags } = await safetyFlags(db, input.clinicId, input.patientId, input.today);
  const flagged = new Set(flags.map((f) => f.ruleId));
  ruleIds.forEach((ruleId, i) => {
    const rule = getRule(ruleId);
    if (!rule) issues.push({ path: `body.ruleIds.${i}`, message: `No screening rule "${ruleId}"` });
    else if (rule.clearance === 'not-overridable') {
      issues.push({ path: `body.ruleIds.${i}`, message: `"${ruleId}" cannot be lifted by a clearance` });
    } else if (!flagged.has(ruleId)) {
      issues.push({
        path: `body.ruleIds.${i}`,
        message: 'Not a current flag of this patient: a clearance of it lifts nothing',
      });
    }
  });
  const physicianName = input.physician?.name ?? input.physicianName;
  if (!physicianName)
    issues.push({ path: 'body.physicianName', message: 'Required: who gave the clearance' });
  if (input.physician && input.physicianName && !isOwnName(input.physicianName, input.physician.name))
    issues.push({
      path: 'body.physicianName',
      message: 'Leave it out: you record a clearance in your own name',
    });
  if (answer === 'cleared-with-limits' && !input.limits)
    issues.push({
      path: 'body.limits',
      message: 'Say what massage is limited to (areas, techniques, pressure)',
    });
  if (answer !== 'cleared-with-limits' && input.limits)
    issues.push({ path: 'body.limits', message: 'Limits go with the answer “cleared with restrictions”' });
  if (answer === 'not-cleared' && input.expiresOn)
    issues.push({ path: 'body.expiresOn', message: 'An answer that clears nothing has no expiry' });
  if (input.clearedOn > input.today)
    issues.push({ path: 'body.clearedOn', message: 'Cannot be in the future' });
  if (input.expiresOn && input.expiresOn < input.clearedOn) {
    issues.push({ path: 'body.expiresOn', message: 'Must be on or after the clearance date' });
  }
  if (input.attachmentId) {
    const [attachment] = await db
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        and(
          eq(attachments.clinicId, input.clinicId),
          eq(attachments.patientId, input.patientId),
          eq(attachments.id, input.attachmentId),
        ),
      );
    if (!attachment)
      issues.push({ path: 'body.attachmentId', message: 'No such attachment for this patient' });
  }
  if (issues.length > 0)
    throw new AppError('unprocessable', 'The clearance cannot be recorded as given', issues);
  const [row] = await db
    .insert(safetyClearances)
    .values({
      clinicId: input.clinicId,
      id: uuidv7(),
      patientId: input.patientId,
      ruleIds,
      regions: input.regions ?? null,
      techniques: input.techniques ?? null,
      physicianName: physicianName!,
      physicianUserId: input.physician?.userId ?? null,
      recordedBy: input.recordedBy,
      recordedVia: input.physician ? 'physician' : input.recordedBy ? 'staff' : 'import',
      clearedOn: input.clearedOn,
      expiresOn: input.expiresOn ?? null,
      attachmentId: input.attachmentId ?? null,
      note: input.note ?? null,
      answer,
      limits: answer === 'cleared-with-limits' ? input.limits! : null,
    })
    .returning();
  return row!;
}

/** Revokes a clearance once; the record stays. */
export async function revokeClearance(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    clearanceId: string;
    reason: string;
    revokedBy: string;
    now: Date;
  },
): Promise<ClearanceRow> {
  const [row] = await db
    .select()
    .from(safetyClearances)
    .where(
      and(
        eq(safetyClearances.clinicId, input.clinicId),
        eq(safetyClearances.patientId, input.patientId),
        eq(safetyClearances.id, input.clearanceId),
      ),
    );
  if (!row) throw notFound('Clearance');
  const [revoked] = await db
    .update(safetyClearances)
    .set({ revokedAt: input.now, revokedBy: input.revokedBy, revokeReason: input.reason })
    .where(
      and(
        eq(safetyClearances.clinicId, input.clinicId),
        eq(safetyClearances.id, input.clearanceId),
        isNull(safetyClearances.revokedAt),
      ),
    )
    .returning();
  if (!revoked) throw new AppError('conflict', 'This clearance was already revoked');
  return revoked;
}
