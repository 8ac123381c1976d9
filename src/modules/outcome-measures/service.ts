import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  assessments,
  clinicInstrumentTexts,
  outcomeAdministrations,
  sessionNotes,
} from '../../db/schema/index.ts';
import { classifyChange, primaryScoreId } from '../../domain/outcomes/change.ts';
import { getInstrument, INSTRUMENTS } from '../../domain/outcomes/instruments/index.ts';
import { type LicensedItemText, withLicensedText } from '../../domain/outcomes/licensing.ts';
import {
  type PsfsActivity,
  psfsAnswers,
  validatePsfsActivities,
  validatePsfsFollowUp,
} from '../../domain/outcomes/psfs-activities.ts';
import { score } from '../../domain/outcomes/score.ts';
import type { InstrumentDefinition, InstrumentId } from '../../domain/outcomes/types.ts';
import { validateAnswers } from '../../domain/outcomes/validate.ts';
import { AppError } from '../../platform/errors.ts';
import { userNames } from '../intake/service.ts';
import { type AdministrationView, CHANGE_LABELS, type InstrumentDefinitionView } from './schemas.ts';

export type AdministrationRow = typeof outcomeAdministrations.$inferSelect;

export function definitionView(def: InstrumentDefinition): InstrumentDefinitionView {
  return {
    id: def.id,
    name: def.name,
    fullName: def.fullName,
    version: def.version,
    form: def.form,
    measures: def.measures,
    ...(def.recall ? { recall: def.recall } : {}),
    direction: def.direction,
    items: def.items.map((item) => ({
      id: item.id,
      number: item.number,
      domain: item.domain,
      ...(item.text !== undefined ? { text: item.text } : {}),
      options: item.scale.options.map((o) => ({ ...o })),
    })),
    scales: def.scales.map((s) => ({
      id: s.id,
      name: s.name,
      itemIds: [...s.itemIds],
      range: { ...s.range },
      optional: s.optional,
      missingPolicy: { ...s.missingPolicy },
      mcids: s.mcids.map((m) => ({ ...m, thresholds: m.thresholds.map((t) => ({ ...t })) })),
      ...(s.bands ? { bands: s.bands.map((b) => ({ ...b })) } : {}),
    })),
    primaryScoreId: primaryScoreId(def),
    licensing: {
      itemTextShipped: def.licensing.itemTextShipped,
      licence: def.licensing.licence,
      note: def.licensing.note,
      clinicTextLoaded: def.licensing.clinicTextLoaded === true,
    },
    sources: [...def.sources],
  };
}

/** The clinic's copy of each instrument: the shipped definition, with licensed text merged where loaded. */
export async function clinicInstruments(db: Executor, clinicId: string): Promise<InstrumentDefinition[]> {
  const rows = await db
    .select()
    .from(clinicInstrumentTexts)
    .where(eq(clinicInstrumentTexts.clinicId, clinicId));
  const loaded = new Map(rows.map((r) => [r.instrumentId, r]));
  return Object.values(INSTRUMENTS).map((def) => {
    const row = loaded.get(def.id);
    if (!row) return def;
    const merged = withLicensedText(def.id, row.itemText as LicensedItemText, row.licence);
    return merged.ok ? merged.instrument : def;
  });
}

/** Validates the clinic's licensed text against the instrument (ids, answer values) and stores it. */
export async function loadLicensedText(
  db: Executor,
  input: {
    clinicId: string;
    instrumentId: InstrumentId;
    licence: string;
    items: LicensedItemText;
    userId: string;
    now: Date;
  },
) {
  const merged = withLicensedText(input.instrumentId, input.items, input.licence);
  if (!merged.ok) {
    throw new AppError(
      'unprocessable',
      'The item text does not match the instrument',
      merged.problems.map((p) => ({
        path: 'itemId' in p ? `body.items.${p.itemId}` : 'body.licence',
        message: 'value' in p ? `${p.kind} (answer value ${p.value})` : p.kind,
      })),
    );
  }
  const values = {
    clinicId: input.clinicId,
    instrumentId: input.instrumentId,
    licence: input.licence,
    itemText: input.items as Record<string, unknown>,
    loadedBy: input.userId,
    loadedAt: input.now,
  };
  const [row] = await db
    .insert(clinicInstrumentTexts)
    .values(values)
    .onConflictDoUpdate({
      target: [clinicInstrumentTexts.clinicId, clinicInstrumentTexts.instrumentId],
      set: {
        licence: values.licence,
        itemText: values.itemText,
        loadedBy: values.loadedBy,
        loadedAt: values.loadedAt,
      },
    })
    .returning();
  return { row: row!, instrument: merged.instrument };
}

async function baselineOf(db: Executor, clinicId: string, patientId: string, instrumentId: string) {
  const [row] = await db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, clinicId),
        eq(outcomeAdministrations.patientId, patientId),
        eq(outcomeAdministrations.instrumentId, instrumentId),
      ),
    )
    .orderBy(asc(outcomeAdministrations.administeredOn), asc(outcomeAdministrations.id))
    .limit(1);
  return row;
}

/** A linked assessment or note must be this patient's and still a draft. */
async function checkLinks(
  db: Executor,
  input: { clinicId: string; patientId: string; assessmentId?: string; sessionNoteId?: string },
) {
  if (input.assessmentId) {
    const [a] = await db
      .select({ status: assessments.status })
      .from(assessments)
      .where(
        and(
          eq(assessments.clinicId, input.clinicId),
          eq(assessments.patientId, input.patientId),
          eq(assessments.id, input.assessmentId),
        ),
      );
    if (!a)
      throw new AppError('unprocessable', 'No such assessment for this patient', [
        { path: 'body.assessmentId', message: 'Not found for this patient' },
      ]);
    if (a.status === 'signed')
      throw new AppError('record_signed', 'This assessment is signed: amend it instead');
  }
  if (input.sessionNoteId) {
    const [n] = await db
      .select({ status: sessionNotes.status })
      .from(sessionNotes)
      .where(
        and(
          eq(sessionNotes.clinicId, input.clinicId),
          eq(sessionNotes.patientId, input.patientId),
          eq(sessionNotes.id, input.sessionNoteId),
        ),
      );
    if (!n)
      throw new AppError('unprocessable', 'No such session note for this patient', [
        { path: 'body.sessionNoteId', message: 'Not found for this patient' },
      ]);
    if (n.status === 'signed') throw new AppError('note_signed', 'This note is signed: amend it instead');
  }
}

export interface AdministerInput {
  clinicId: string;
  patientId: string;
  instrumentId: InstrumentId;
  answers?: Record<string, number | null>;
  activities?: PsfsActivity[];
  administeredOn: string;
  administeredBy: string;
  assessmentId?: string;
  sessionNoteId?: string;
}

/**
 * Stores raw answers with the instrument id and version and the score computed here (never sent by the
 * client). PSFS follow-ups must re-rate the baseline's activities (422 otherwise).
 */
export async function administer(db: Executor, input: AdministerInput): Promise<AdministrationRow> {
  await checkLinks(db, input);
  const def = getInstrument(input.instrumentId);
  let answers: Record<string, number | null>;
  if (input.instrumentId === 'psfs') {
    const activities = input.activities ?? [];
    const structure = validatePsfsActivities(activities);
    if (!structure.ok)
      throw new AppError('psfs_activities_mismatch', 'The PSFS activities are not valid', {
        problems: structure.problems,
      });
    const baseline = await baselineOf(db, input.clinicId, input.patientId, 'psfs');
    if (baseline?.activities) {
      const check = validatePsfsFollowUp(baseline.activities as PsfsActivity[], activities);
      if (!check.ok)
        throw new AppError(
          'psfs_activities_mismatch',
          'A PSFS follow-up must re-rate the same activities as the baseline',
          { problems: check.problems, baselineActivities: baseline.activities.map((a) => a.activity) },
        );
    }
    answers = { ...psfsAnswers(activities) };
  } else {
    answers = input.answers ?? {};
    const problems = validateAnswers(def, answers);
    if (problems.length > 0)
      throw new AppError(
        'validation_failed',
        'The answers do not fit the instrument',
        problems.map((p) => ({
          path: p.itemId ? `body.answers.${p.itemId}` : 'body.answers',
          message: p.message,
        })),
      );
  }
  const result = score(input.instrumentId, answers);
  if (!result.ok)
    throw new AppError(
      'score_not_computable',
      result.reason === 'too-many-missing'
        ? 'Too many items are unanswered to compute a score'
        : 'The answers cannot be scored',
      result.details.map((d) => ({
        path: d.itemId ? `body.answers.${d.itemId}` : 'body.answers',
        message: d.message,
      })),
    );
  const [row] = await db
    .insert(outcomeAdministrations)
    .values({
      clinicId: input.clinicId,
      id: uuidv7(),
      patientId: input.patientId,
      instrumentId: input.instrumentId,
      instrumentVersion: result.version,
      answers,
      activities: input.instrumentId === 'psfs' ? (input.activities ?? null) : null,
      score: result.score,
      subscores: result.subscores ? { ...result.subscores } : null,
      band: result.band?.label ?? null,
      missingItems: [...result.missingItems],
      method: result.method,
      administeredOn: input.administeredOn,
      administeredBy: input.administeredBy,
      assessmentId: input.assessmentId ?? null,
      sessionNoteId: input.sessionNoteId ?? null,
    })
    .returning();
  await dropQuestionnaireDraft(db, input);
  return row!;
}

/** The content without its draft of one instrument, or null when it holds none. */
function withoutDraftOf(content: Record<string, unknown>, instrumentId: string) {
  const drafts = content.questionnaires;
  if (!Array.isArray(drafts) || !drafts.some((d) => d?.instrumentId === instrumentId)) return null;
  const kept = drafts.filter((d) => d?.instrumentId !== instrumentId);
  const rest = Object.fromEntries(Object.entries(content).filter(([key]) => key !== 'questionnaires'));
  return kept.length > 0 ? { ...rest, questionnaires: kept } : rest;
}

/**
 * Scoring a questionnaire begun in a draft note or evaluation takes its answers so far off the draft (the
 * administration now holds them), in the caller's transaction: a reopened draft never offers them again, and
 * they no longer keep it from being signed.
 */
async function dropQuestionnaireDraft(
  db: Executor,
  input: { clinicId: string; instrumentId: string; assessmentId?: string; sessionNoteId?: string },
) {
  if (input.sessionNoteId) {
    const where = and(
      eq(sessionNotes.clinicId, input.clinicId),
      eq(sessionNotes.id, input.sessionNoteId),
      eq(sessionNotes.status, 'draft'),
    );
    const [note] = await db
      .select({ content: sessionNotes.content })
      .from(sessionNotes)
      .where(where)
      .for('update');
    const content = note && withoutDraftOf(note.content, input.instrumentId);
    if (content) await db.update(sessionNotes).set({ content }).where(where);
  }
  if (input.assessmentId) {
    const where = and(
      eq(assessments.clinicId, input.clinicId),
      eq(assessments.id, input.assessmentId),
      eq(assessments.status, 'draft'),
    );
    const [record] = await db
      .select({ content: assessments.content })
      .from(assessments)
      .where(where)
      .for('update');
    const content = record && withoutDraftOf(record.content, input.instrumentId);
    if (content) await db.update(assessments).set({ content }).where(where);
  }
}

/** Views with the change from each instrument's baseline (the patient's first administration of it). */
export async function administrationViews(
  db: Executor,
  clinicId: string,
  rows: readonly AdministrationRow[],
): Promise<AdministrationView[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.administeredBy),
  );
  const baselines = new Map<string, AdministrationRow | undefined>();
  for (const row of rows) {
    const key = `${row.patientId}|${row.instrumentId}`;
    if (!baselines.has(key))
      baselines.set(key, await baselineOf(db, clinicId, row.patientId, row.instrumentId));
  }
  return rows.map((row) => {
    const def = getInstrument(row.instrumentId as InstrumentId);
    const baseline = baselines.get(`${row.patientId}|${row.instrumentId}`);
    const isBaseline = !baseline || baseline.id === row.id;
    let change: AdministrationView['change'] = null;
    if (!isBaseline && baseline) {
      try {
        const c = classifyChange(def.id, baseline.score, row.score);
        change = {
          baselineId: baseline.id,
          baselineScore: baseline.score,
          baselineOn: baseline.administeredOn,
          change: c.change,
          percentChange: c.percentChange,
          classification: c.classification,
          label: CHANGE_LABELS[c.classification],
          mcidUsed: { ...c.mcidUsed },
        };
      } catch {
        change = null;
      }
    }
    return {
      id: row.id,
      patientId: row.patientId,
      instrumentId: def.id,
      instrumentName: def.name,
      instrumentVersion: row.instrumentVersion,
      direction: def.direction,
      administeredOn: row.administeredOn,
      administeredBy: { userId: row.administeredBy, name: names.get(row.administeredBy) ?? '' },
      answers: row.answers,
      activities: row.activities ?? null,
      score: row.score,
      subscores: row.subscores ?? null,
      band: row.band,
      missingItems: row.missingItems,
      method: row.method,
      assessmentId: row.assessmentId,
      sessionNoteId: row.sessionNoteId,
      isBaseline,
      change,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export async function listAdministrations(
  db: Executor,
  input: { clinicId: string; patientId: string; instrumentId?: string; cursor?: string; limit: number },
) {
  return db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, input.clinicId),
        eq(outcomeAdministrations.patientId, input.patientId),
        input.instrumentId ? eq(outcomeAdministrations.instrumentId, input.instrumentId) : undefined,
        input.cursor ? lt(outcomeAdministrations.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(outcomeAdministrations.id))
    .limit(input.limit + 1);
}

/** Administrations linked to an assessment or a note, oldest first. */
export async function linkedAdministrations(
  db: Executor,
  clinicId: string,
  link: { assessmentId?: string; sessionNoteId?: string },
) {
  const rows = await db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, clinicId),
        link.assessmentId ? eq(outcomeAdministrations.assessmentId, link.assessmentId) : undefined,
        link.sessionNoteId ? eq(outcomeAdministrations.sessionNoteId, link.sessionNoteId) : undefined,
      ),
    )
    .orderBy(asc(outcomeAdministrations.id));
  return administrationViews(db, clinicId, rows);
}
