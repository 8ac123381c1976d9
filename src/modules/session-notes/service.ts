import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import {
  clinicalAmendments,
  intakeResponses,
  patients,
  sessionNotes,
  treatmentPlans,
  treatmentPlanVersions,
} from '../../db/schema/index.ts';
import { billableUnits } from '../../domain/billing/units.ts';
import { BODY_REGIONS } from '../../domain/catalog/body-regions.ts';
import { getTechnique, type TechniqueId } from '../../domain/catalog/techniques.ts';
import { findingAt } from '../../domain/safety/advice.ts';
import { getRule } from '../../domain/safety/rules.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { romView } from '../assessments/service.ts';
import { applyAmendments } from '../clinical/access.ts';
import { addendaOf, amendmentsOf } from '../clinical/records.ts';
import { submittedIntakesOf, userNames } from '../intake/service.ts';
import { linkedAdministrations } from '../outcome-measures/service.ts';
import type { PlanContent } from '../plans/service.ts';
import { endOfClinicDay, screenTreatment } from '../safety/service.ts';
import type {
  billing,
  ContraindicationOverride,
  NoteContent,
  overrideListItem,
  screeningSnapshot,
  sessionNote,
  TreatmentRow,
} from './schemas.ts';

export type NoteRow = typeof sessionNotes.$inferSelect;

/** Total minutes, timed minutes per CPT code (from the technique catalog) and units by the 8-minute rule. */
export function computeBilling(rows: readonly TreatmentRow[]): z.infer<typeof billing> {
  const timed: Record<string, number> = {};
  const untimed = new Set<string>();
  let total = 0;
  for (const row of rows) {
    const technique = getTechnique(row.techniqueId);
    total += row.minutes;
    if (technique.untimed) untimed.add(technique.cpt);
    else timed[technique.cpt] = (timed[technique.cpt] ?? 0) + row.minutes;
  }
  const units = billableUnits(timed);
  return {
    totalMinutes: total,
    timedMinutesByCpt: timed,
    untimedCodes: [...untimed].sort(),
    method: units.method,
    totalTimedMinutes: units.totalTimedMinutes,
    totalUnits: units.totalUnits,
    unitsByCode: { ...units.unitsByCode },
    explanation: units.explanation,
  };
}

type Snapshot = z.infer<typeof screeningSnapshot>;
type SnapshotFinding = Snapshot['findings'][number];
type SnapshotRow = Omit<SnapshotFinding['rows'][number], 'blocked'>;
type HotCold = NonNullable<NoteContent['treatment']>['hotCold'];

const sameRow = (a: SnapshotRow, b: SnapshotRow) =>
  a.techniqueId === b.techniqueId && a.region === b.region && a.pressure === b.pressure;

/** The note's Hot / cold, as the hot-pack and cold-pack rows it stands for (contrast: both). */
export function hotColdTechniques(hotCold: HotCold): TechniqueId[] {
  if (hotCold === 'heat') return ['hot-therapy'];
  if (hotCold === 'cold') return ['cold-therapy'];
  if (hotCold === 'contrast') return ['hot-therapy', 'cold-therapy'];
  return [];
}

const WHOLE_BODY = BODY_REGIONS.map((r) => r.id);

/**
 * Screens the treatment given (each technique on the regions and at the pressure it was given) against
 * the patient's health as it stood on the visit date (the health history in force at the end of that day in the
 * clinic's time zone, and the clearances in force that day): a symptom reported after the visit neither refuses
 * the note nor labels it "given despite a contraindication", and a condition removed later still counts. Each
 * finding names the rows it touches, ruled out there or asking for care, so the editor marks the row itself. The note's Hot / cold is screened as hot-pack
 * (or cold-pack) rows on the regions treated (`hotColdOver`, default the rows' regions; the whole body when the
 * note names none, since the field does not say where), and each finding says how it meets it (`hotCold`).
 */
export async function screenNote(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    rows: readonly TreatmentRow[];
    hotCold?: HotCold;
    hotColdOver?: readonly string[];
    onDate: string;
  },
): Promise<Snapshot | null> {
  // One screening per technique and pressure (a round trip each), over the regions it was given on.
  const groups = new Map<string, { rows: readonly TreatmentRow[]; hotCold: boolean }>();
  for (const row of input.rows) {
    const key = `${row.techniqueId}|${row.pressure ?? ''}`;
    groups.set(key, { rows: [...(groups.get(key)?.rows ?? []), row], hotCold: false });
  }
  const over = input.hotColdOver ?? input.rows.map((r) => r.region);
  const regions = over.length > 0 ? [...new Set(over)] : WHOLE_BODY;
  for (const techniqueId of hotColdTechniques(input.hotCold)) {
    groups.set(`hotCold|${techniqueId}`, {
      rows: regions.map((region) => ({ techniqueId, region, minutes: 1 }) as TreatmentRow),
      hotCold: true,
    });
  }
  if (groups.size === 0) return null;
  const findings = new Map<string, SnapshotFinding>();
  let status = 'clear';
  const rank = ['clear', 'proceed-with-precautions', 'needs-review', 'blocked'];
  let onDate = input.onDate;
  const healthAsOf = await endOfClinicDay(db, input.clinicId, input.onDate);
  for (const { rows, hotCold } of groups.values()) {
    const { techniqueId, pressure } = rows[0]!;
    const result = await screenTreatment(db, {
      clinicId: input.clinicId,
      patientId: input.patientId,
      proposed: {
        techniques: [techniqueId],
        regions: rows.map((r) => r.region),
        ...(pressure ? { pressure } : {}),
      },
      onDate: input.onDate,
      healthAsOf,
    });
    onDate = result.onDate;
    if (rank.indexOf(result.status) > rank.indexOf(status)) status = result.status;
    for (const f of result.findings) {
      const previous = findings.get(f.key);
      const rule = { ...f, pressureOnly: getRule(f.ruleId)?.pressureOnly ?? false };
      // A row given twice (two passes of the same work) is named once.
      const touched = [...(previous?.rows ?? [])];
      let hotColdAt = previous?.hotCold;
      for (const r of rows) {
        const at = findingAt(rule, r.region, r.pressure ?? getTechnique(r.techniqueId).defaultPressure);
        if (!at) continue;
        if (hotCold) {
          if (at === 'blocked' || !hotColdAt) hotColdAt = at === 'blocked' ? 'blocked' : 'caution';
          continue;
        }
        const row = { techniqueId: r.techniqueId, region: r.region, pressure: r.pressure ?? null };
        if (!touched.some((t) => sameRow(t, row))) touched.push({ ...row, blocked: at === 'blocked' });
      }
      findings.set(f.key, {
        key: f.key,
        ruleId: f.ruleId,
        subject: f.subject,
        severity: f.severity,
        restriction: f.restriction,
        blocking: f.blocking || (previous?.blocking ?? false),
        acknowledged: f.acknowledged,
        reason: f.reason,
        clearancePolicy: f.clearancePolicy,
        declined: f.declined,
        rows: touched,
        ...(hotColdAt ? { hotCold: hotColdAt } : {}),
      });
    }
  }
  const list = [...findings.values()].sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return { onDate, status, blocked: list.some((f) => f.blocking), findings: list };
}

/** The patient's note (404 if it is not theirs); `lock` holds it FOR UPDATE until the transaction ends. */
export async function findNote(
  db: Executor,
  clinicId: string,
  patientId: string,
  noteId: string,
  { lock = false } = {},
) {
  const query = db
    .select()
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        eq(sessionNotes.patientId, patientId),
        eq(sessionNotes.id, noteId),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Session note');
  return row;
}

/** The plan's current goals (for A: progress toward each goal). */
export async function planGoals(
  db: Executor,
  clinicId: string,
  planId: string,
): Promise<PlanContent['goals']> {
  const versions = await db
    .select({ version: treatmentPlanVersions.version, content: treatmentPlanVersions.content })
    .from(treatmentPlanVersions)
    .where(and(eq(treatmentPlanVersions.clinicId, clinicId), eq(treatmentPlanVersions.planId, planId)));
  const current = versions.sort((a, b) => b.version - a.version)[0];
  return current ? (current.content as unknown as PlanContent).goals : [];
}

export async function assertPlanOfPatient(db: Executor, clinicId: string, patientId: string, planId: string) {
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
  if (!row)
    throw new AppError('unprocessable', 'No such plan for this patient', [
      { path: 'body.planId', message: 'Not a plan of this patient' },
    ]);
  return row;
}

/**
 * Goal ids in A must be goals of the note's plan; a linked health-history version must be the patient's. For an
 * amendment: `at` is where the corrected content sits in the body, and `rated` the goals the signed note already
 * rates (kept when the plan has dropped one since).
 */
export async function checkGoalProgress(
  db: Executor,
  clinicId: string,
  planId: string | null,
  content: NoteContent,
  patientId?: string,
  options: { at?: string; rated?: readonly string[] } = {},
) {
  const at = options.at ?? 'body.content';
  const versionId = content.subjective?.healthChanges?.healthHistoryVersionId;
  if (versionId && patientId) {
    const [version] = await db
      .select({ id: intakeResponses.id })
      .from(intakeResponses)
      .where(and(submittedIntakesOf(clinicId, patientId), eq(intakeResponses.id, versionId)));
    if (!version)
      throw new AppError('unprocessable', 'No such health-history version for this patient', [
        {
          path: `${at}.subjective.healthChanges.healthHistoryVersionId`,
          message: 'Not a submitted version of this patient',
        },
      ]);
  }
  const progress = content.assessment?.goalProgress ?? [];
  if (progress.length === 0) return;
  const issues: FieldIssue[] = [];
  const ids = new Set([
    ...(planId ? (await planGoals(db, clinicId, planId)).map((g) => g.id) : []),
    ...(options.rated ?? []),
  ]);
  progress.forEach((p, i) => {
    if (!ids.has(p.goalId))
      issues.push({
        path: `${at}.assessment.goalProgress.${i}.goalId`,
        message: 'Not a goal of the note’s plan',
      });
  });
  if (issues.length > 0)
    throw new AppError('unprocessable', 'Progress must refer to the plan’s goals', issues);
}

/** A snapshot as stored: one saved before the rows, reasons and clearance policies were kept lacks them. */
type StoredSnapshot = Omit<Snapshot, 'findings'> & {
  findings: (Omit<SnapshotFinding, 'reason' | 'clearancePolicy' | 'declined' | 'rows'> &
    Partial<SnapshotFinding>)[];
};

/** The snapshot as the API answers it: what an older one lacks is its rule's (rules are never renamed). */
function snapshotView(stored: StoredSnapshot | null): Snapshot | null {
  if (!stored) return null;
  return {
    ...stored,
    findings: stored.findings.map((f) => {
      const rule = getRule(f.ruleId);
      return {
        ...f,
        reason: f.reason ?? rule?.reason ?? '',
        // Unknown, the safe advice: change the treatment.
        clearancePolicy: f.clearancePolicy ?? rule?.clearance ?? 'not-overridable',
        declined: f.declined ?? null,
        rows: f.rows ?? [],
      };
    }),
  };
}

/** An override as stored (on the note, or on an amendment): the recorder by id, named when shown. */
export interface StoredOverride {
  reason: string;
  by: string;
  at: string;
  findings: ContraindicationOverride['findings'];
}

/**
 * The override of a screening that rules the treatment out: the reason, who and when, and each blocking finding
 * as it stood (with the rows, and the Hot / cold, it rules out). Only for a blocked screening.
 */
export function recordedOverride(
  screening: Snapshot,
  input: { reason: string; by: string; at: Date },
): StoredOverride {
  return {
    reason: input.reason,
    by: input.by,
    at: input.at.toISOString(),
    findings: screening.findings
      .filter((f) => f.blocking)
      .map((f) => ({
        key: f.key,
        ruleId: f.ruleId,
        subject: f.subject,
        restriction: f.restriction,
        reason: f.reason,
        clearancePolicy: f.clearancePolicy,
        rows: f.rows
          .filter((r) => r.blocked)
          .map((r) => ({ techniqueId: r.techniqueId, region: r.region, pressure: r.pressure })),
        hotCold: f.hotCold === 'blocked',
      })),
  };
}

/** The correction that replaced an override: a later amendment of the note's treatment. */
export type ReplacedBy = { amendmentId: string; at: string } | null;

/** A stored override with the recorder's name (as their account says it now). */
export function overrideView(
  stored: unknown,
  names: ReadonlyMap<string, string>,
  replacedBy: ReplacedBy = null,
): ContraindicationOverride | null {
  if (!stored) return null;
  const o = stored as StoredOverride;
  return {
    reason: o.reason,
    by: { userId: o.by, name: names.get(o.by) ?? '' },
    at: o.at,
    findings: o.findings,
    replacedBy,
  };
}

/** The fields of an amendment that correct the treatment an override is about. */
const TREATMENT_FIELDS = new Set(['treatment', 'treatment.rows', 'treatment.hotCold']);

/**
 * Every override of a note, oldest first (at signing, then each amendment's, `amendments` in their order), each
 * with the correction that replaced it: the first later amendment that changed the treatment (rows or Hot /
 * cold) or recorded an override of its own. Nothing is dropped: a replaced override is history.
 */
export function overrideHistory(
  signing: unknown,
  amendments: readonly {
    id: string;
    at: string;
    changes: readonly { field: string }[];
    contraindicationOverride: unknown;
  }[],
): { amendmentId: string | null; stored: StoredOverride; replacedBy: ReplacedBy }[] {
  const history: { amendmentId: string | null; stored: StoredOverride; replacedBy: ReplacedBy }[] = [];
  if (signing) history.push({ amendmentId: null, stored: signing as StoredOverride, replacedBy: null });
  for (const a of amendments) {
    const corrects =
      a.contraindicationOverride !== null || a.changes.some((c) => TREATMENT_FIELDS.has(c.field));
    if (corrects) for (const h of history) if (!h.replacedBy) h.replacedBy = { amendmentId: a.id, at: a.at };
    if (a.contraindicationOverride)
      history.push({
        amendmentId: a.id,
        stored: a.contraindicationOverride as StoredOverride,
        replacedBy: null,
      });
  }
  return history;
}

/** Who recorded each override of a note and its amendments. */
const overrideAuthors = (overrides: readonly unknown[]) =>
  overrides.flatMap((o) => (o ? [(o as StoredOverride).by] : []));

export async function noteView(db: Executor, row: NoteRow): Promise<z.infer<typeof sessionNote>> {
  const link = { sessionNoteId: row.id };
  const amendments = await amendmentsOf(db, row.clinicId, link);
  const names = await userNames(db, [
    row.authorId,
    ...overrideAuthors([row.contraindicationOverride, ...amendments.map((a) => a.contraindicationOverride)]),
  ]);
  const content = row.content as NoteContent;
  const current = applyAmendments(content, amendments) as NoteContent;
  const history = overrideHistory(row.contraindicationOverride, amendments);
  const replaced = (amendmentId: string | null) =>
    history.find((h) => h.amendmentId === amendmentId)?.replacedBy ?? null;
  return {
    id: row.id,
    patientId: row.patientId,
    planId: row.planId,
    appointmentId: row.appointmentId,
    author: { userId: row.authorId, name: names.get(row.authorId) ?? '' },
    status: row.status,
    visitDate: row.visitDate,
    content,
    current,
    carriedOver: row.carriedOver.map((field) => ({
      field,
      carriedOver: true as const,
      fromNoteId: row.sourceNoteId,
    })),
    sourceNoteId: row.sourceNoteId,
    templateId: row.templateId,
    // What the note says now: as signed (the stored columns) unless an amendment changed the treatment.
    billing: computeBilling(current.treatment?.rows ?? []),
    rom: (current.objective?.rom ?? []).map(romView),
    screening: snapshotView(row.screening as StoredSnapshot | null),
    outcomes: await linkedAdministrations(db, row.clinicId, link),
    amendments: amendments.map((a) => ({
      ...a,
      contraindicationOverride: overrideView(a.contraindicationOverride, names, replaced(a.id)),
    })),
    addenda: await addendaOf(db, row.clinicId, link),
    contraindicationOverride: overrideView(row.contraindicationOverride, names, replaced(null)),
    signedAt: row.signedAt?.toISOString() ?? null,
    signatureTypedName: row.signatureTypedName,
    referralVisitId: row.referralVisitId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Billing columns for a note's content. */
export function billingColumns(content: NoteContent) {
  const computed = computeBilling(content.treatment?.rows ?? []);
  const { totalMinutes, timedMinutesByCpt, ...rest } = computed;
  return { totalMinutes, timedMinutesByCpt, billing: rest as Record<string, unknown> };
}

/**
 * The visits (notes) recorded as given despite a contraindication, newest first: one per note, with its latest
 * override (at signing or in an amendment), how many earlier ones it replaced, and the correction that replaced
 * it when the treatment was corrected since. `recordedBy` narrows it to what one therapist recorded (the owner
 * sees the clinic's); `since`, to those recorded at or after that instant.
 */
export async function overridesOf(
  db: Executor,
  clinicId: string,
  options: { recordedBy?: string; limit: number; since?: Date },
): Promise<z.infer<typeof overrideListItem>[]> {
  const signed = await db
    .select({
      patientId: sessionNotes.patientId,
      noteId: sessionNotes.id,
      visitDate: sessionNotes.visitDate,
      stored: sessionNotes.contraindicationOverride,
    })
    .from(sessionNotes)
    .where(
      and(
        eq(sessionNotes.clinicId, clinicId),
        isNotNull(sessionNotes.contraindicationOverride),
        options.recordedBy ? eq(sessionNotes.authorId, options.recordedBy) : undefined,
        options.since ? gte(sessionNotes.signedAt, options.since) : undefined,
      ),
    )
    .orderBy(desc(sessionNotes.signedAt))
    .limit(options.limit);
  // Each note's latest amendment override (of those asked for), the newest notes first.
  const latest = db
    .selectDistinctOn([clinicalAmendments.sessionNoteId], {
      noteId: sql<string>`${clinicalAmendments.sessionNoteId}`.as('note_id'),
      amendmentId: sql<string>`${clinicalAmendments.id}`.as('amendment_id'),
      at: sql<Date>`${clinicalAmendments.at}`.as('amended_at'),
      stored: sql<unknown>`${clinicalAmendments.contraindicationOverride}`.as('stored'),
    })
    .from(clinicalAmendments)
    .where(
      and(
        eq(clinicalAmendments.clinicId, clinicId),
        isNotNull(clinicalAmendments.sessionNoteId),
        isNotNull(clinicalAmendments.contraindicationOverride),
        options.recordedBy ? eq(clinicalAmendments.authorId, options.recordedBy) : undefined,
        options.since ? gte(clinicalAmendments.at, options.since) : undefined,
      ),
    )
    .orderBy(clinicalAmendments.sessionNoteId, desc(clinicalAmendments.at), desc(clinicalAmendments.id))
    .as('latest');
  const amended = await db
    .select({
      patientId: sessionNotes.patientId,
      noteId: sessionNotes.id,
      visitDate: sessionNotes.visitDate,
      amendmentId: latest.amendmentId,
      stored: latest.stored,
    })
    .from(latest)
    .innerJoin(sessionNotes, and(eq(sessionNotes.clinicId, clinicId), eq(sessionNotes.id, latest.noteId)))
    .orderBy(desc(latest.at))
    .limit(options.limit);
  // One per note: its latest override.
  const byNote = new Map<
    string,
    {
      patientId: string;
      noteId: string;
      visitDate: string;
      amendmentId: string | null;
      stored: StoredOverride;
    }
  >();
  for (const r of [...signed.map((r) => ({ ...r, amendmentId: null as string | null })), ...amended]) {
    const row = { ...r, stored: r.stored as unknown as StoredOverride };
    const seen = byNote.get(row.noteId);
    if (!seen || seen.stored.at < row.stored.at) byNote.set(row.noteId, row);
  }
  const listed = [...byNote.values()]
    .sort((a, b) => b.stored.at.localeCompare(a.stored.at))
    .slice(0, options.limit);
  // Each listed note's whole history: what its latest override replaced, and whether a correction replaced it.
  const noteIds = listed.map((r) => r.noteId);
  const signings = new Map<string, unknown>();
  const amendmentsByNote = new Map<
    string,
    { id: string; at: string; changes: { field: string }[]; contraindicationOverride: unknown }[]
  >();
  if (noteIds.length > 0) {
    for (const n of await db
      .select({ id: sessionNotes.id, stored: sessionNotes.contraindicationOverride })
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, clinicId), inArray(sessionNotes.id, noteIds))))
      signings.set(n.id, n.stored);
    for (const a of await db
      .select({
        id: clinicalAmendments.id,
        noteId: clinicalAmendments.sessionNoteId,
        at: clinicalAmendments.at,
        changes: clinicalAmendments.changes,
        contraindicationOverride: clinicalAmendments.contraindicationOverride,
      })
      .from(clinicalAmendments)
      .where(
        and(eq(clinicalAmendments.clinicId, clinicId), inArray(clinicalAmendments.sessionNoteId, noteIds)),
      )
      .orderBy(asc(clinicalAmendments.id))) {
      const list = amendmentsByNote.get(a.noteId!) ?? [];
      list.push({
        id: a.id,
        at: a.at.toISOString(),
        changes: a.changes as { field: string }[],
        contraindicationOverride: a.contraindicationOverride ?? null,
      });
      amendmentsByNote.set(a.noteId!, list);
    }
  }
  const all = listed.map((r) => {
    const history = overrideHistory(signings.get(r.noteId) ?? null, amendmentsByNote.get(r.noteId) ?? []);
    const at = history.findIndex((h) => h.amendmentId === r.amendmentId);
    return { ...r, earlier: Math.max(at, 0), replacedBy: history[at]?.replacedBy ?? null };
  });
  const names = await userNames(
    db,
    all.map((r) => r.stored.by),
  );
  const patientIds = [...new Set(all.map((r) => r.patientId))];
  const patientNames = new Map<string, string>();
  if (patientIds.length > 0)
    for (const p of await db
      .select({
        id: patients.id,
        first: patients.legalFirstName,
        preferred: patients.preferredName,
        last: patients.legalLastName,
      })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, patientIds))))
      patientNames.set(p.id, `${p.preferred ?? p.first} ${p.last}`);
  return all.map((r) => ({
    patientId: r.patientId,
    patientName: patientNames.get(r.patientId) ?? '',
    noteId: r.noteId,
    visitDate: r.visitDate,
    amendmentId: r.amendmentId,
    override: overrideView(r.stored, names, r.replacedBy)!,
    earlier: r.earlier,
  }));
}
