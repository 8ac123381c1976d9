/**
 * Intake use cases on the database. Routes authorise first (authorizePatient or a personal link) and then
 * call these; the demo seeder calls them too, so demo data goes through the same checks.
 */
import { and, desc, eq, inArray, isNotNull, lt, max } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import { healthHistoryConfirmations, intakeResponses, users } from '../../db/schema/index.ts';
import { sha256 } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { carriedOver, comfortOf, completenessIssues, mergeAnswers, signatureRequired } from './answers.ts';
import type { QuestionnaireDefinition } from './questionnaire-v1.ts';
import { CONSENT_TEXTS, CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from './questionnaires.ts';
import type { ConsentSigning, IntakeAnswers, IntakeResponseView } from './schemas.ts';

export type IntakeRow = typeof intakeResponses.$inferSelect;
export type Via = 'staff' | 'self' | 'link';
export interface Actor {
  /** null for the holder of a personal link (no account). */
  userId: string | null;
  via: Via;
}
type Patch = { [K in keyof IntakeAnswers]?: IntakeAnswers[K] | null };

/** The SHA-256 (hex) of a consent text, as recorded with a signature. */
export const consentTextHash = (text: string) => sha256(text);

const answersOf = (row: IntakeRow) => row.answers as IntakeAnswers;
const stored = (answers: IntakeAnswers) => answers as Record<string, unknown>;

/** The submitted versions of a patient's intake: their health history as recorded. */
export function submittedIntakesOf(clinicId: string, patientId: string) {
  return and(
    eq(intakeResponses.clinicId, clinicId),
    eq(intakeResponses.patientId, patientId),
    eq(intakeResponses.status, 'submitted'),
  );
}

/** Of these patients, those who have submitted the intake questionnaire (a first health history) at least once. */
export async function patientsWithIntake(
  db: Executor,
  clinicId: string,
  patientIds: readonly string[],
): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ patientId: intakeResponses.patientId })
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        inArray(intakeResponses.patientId, [...patientIds]),
        eq(intakeResponses.status, 'submitted'),
      ),
    );
  return new Set(rows.map((r) => r.patientId));
}

export async function userNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function intakeView(row: IntakeRow, names: Map<string, string>): IntakeResponseView {
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    status: row.status,
    questionnaireVersion: row.questionnaireVersion,
    version: row.version,
    answers: answersOf(row),
    savedAt: row.savedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy ? { userId: row.submittedBy, name: names.get(row.submittedBy) ?? '' } : null,
    submittedVia: row.submittedVia,
    consent:
      row.consentSignedAt && row.consentTypedName && row.consentTextVersion && row.consentTextHash
        ? {
            typedName: row.consentTypedName,
            signedAt: row.consentSignedAt.toISOString(),
            textVersion: row.consentTextVersion,
            textHash: row.consentTextHash,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findIntake(
  db: Executor,
  clinicId: string,
  patientId: string,
  intakeId: string,
): Promise<IntakeRow> {
  const [row] = await db
    .select()
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        eq(intakeResponses.patientId, patientId),
        eq(intakeResponses.id, intakeId),
      ),
    );
  if (!row) throw notFound('Intake questionnaire');
  return row;
}

/** The latest submitted health-history version of a patient, or undefined. */
export async function latestVersion(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<IntakeRow | undefined> {
  const [row] = await db
    .select()
    .from(intakeResponses)
    .where(submittedIntakesOf(clinicId, patientId))
    // The most recently recorded statement of health (after a patient merge, numbers need not follow time).
    .orderBy(desc(intakeResponses.submittedAt), desc(intakeResponses.version))
    .limit(1);
  return row;
}

/** The patient's latest consent signature on file (of any version), or undefined. */
export async function lastConsentSignature(
  db: Executor,
  clinicId: string,
  patientId: string,
): Promise<{ signedAt: Date; textVersion: string } | undefined> {
  const [row] = await db
    .select({ signedAt: intakeResponses.consentSignedAt, textVersion: intakeResponses.consentTextVersion })
    .from(intakeResponses)
    .where(and(submittedIntakesOf(clinicId, patientId), isNotNull(intakeResponses.consentSignedAt)))
    .orderBy(desc(intakeResponses.consentSignedAt))
    .limit(1);
  // A signature's columns are all set or all null (a check constraint).
  return row ? { signedAt: row.signedAt!, textVersion: row.textVersion! } : undefined;
}

/** What the consent step of this draft asks for: a signature, or nothing when the one on file still holds. */
export async function consentSigningOf(db: Executor, draft: IntakeRow): Promise<ConsentSigning> {
  const lastSigned = await lastConsentSignature(db, draft.clinicId, draft.patientId);
  return {
    signatureRequired: signatureRequired(questionnaire(draft.questionnaireVersion), lastSigned),
    lastSigned: lastSigned
      ? { signedAt: lastSigned.signedAt.toISOString(), textVersion: lastSigned.textVersion }
      : null,
  };
}

async function openDraft(db: Executor, clinicId: string, patientId: string): Promise<IntakeRow | undefined> {
  const [row] = await db
    .select()
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        eq(intakeResponses.patientId, patientId),
        eq(intakeResponses.status, 'draft'),
      ),
    );
  return row;
}

/**
 * The patient's open draft, or a new one. A patient has at most one open draft (a partial unique index).
 * After a first submitted intake, a new draft is a health-history update and starts from the last
 * version's answers (without its signature).
 */
export async function startDraft(
  db: Executor,
  input: { clinicId: string; patientId: string; actor: Actor; now: Date },
): Promise<{ row: IntakeRow; created: boolean }> {
  const existing = await openDraft(db, input.clinicId, input.patientId);
  if (existing) return { row: existing, created: false };
  const latest = await latestVersion(db, input.clinicId, input.patientId);
  const [row] = await db
    .insert(intakeResponses)
    .values({
      clinicId: input.clinicId,
      id: uuidv7(),
      patientId: input.patientId,
      questionnaireVersion: CURRENT_QUESTIONNAIRE_VERSION,
      kind: latest ? 'update' : 'intake',
      status: 'draft',
      answers: latest
        ? stored(carriedOver(questionnaire(CURRENT_QUESTIONNAIRE_VERSION), answersOf(latest)))
        : {},
      startedBy: input.actor.userId,
      savedAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return { row, created: true };
  // Someone else opened it at the same moment.
  const raced = await openDraft(db, input.clinicId, input.patientId);
  if (!raced) throw new AppError('request_in_progress', 'Retry this request in a moment');
  return { row: raced, created: false };
}

async function lockDraft(
  tx: Executor,
  clinicId: string,
  patientId: string,
  intakeId: string,
): Promise<IntakeRow> {
  const [row] = await tx
    .select()
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        eq(intakeResponses.patientId, patientId),
        eq(intakeResponses.id, intakeId),
      ),
    )
    .for('update');
  if (!row) throw notFound('Intake questionnaire');
  if (row.status !== 'draft') {
    throw new AppError(
      'conflict',
      'This questionnaire was submitted and is locked; start a health-history update instead',
    );
  }
  return row;
}

/**
 * Autosave: merges the patch into the saved answers under a row lock, so concurrent saves (a flaky phone
 * connection retrying) never drop each other's answers.
 */
export async function saveAnswers(
  db: Executor,
  input: { clinicId: string; patientId: string; intakeId: string; patch: Patch; now: Date },
): Promise<IntakeRow> {
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, input.clinicId, input.patientId, input.intakeId);
    const answers = mergeAnswers(answersOf(row), input.patch);
    const [saved] = await tx
      .update(intakeResponses)
      .set({ answers: stored(answers), savedAt: input.now })
      .where(and(eq(intakeResponses.clinicId, row.clinicId), eq(intakeResponses.id, row.id)))
      .returning();
    return saved!;
  });
}

/** The consent signature to record, or field issues. Recomputes the hash from the stored consent text. */
function consentSignature(answers: IntakeAnswers, now: Date) {
  const consent = answers.consent;
  if (!consent?.agreed || !consent.typedName || !consent.textVersion) return { signature: null, issues: [] };
  const text = CONSENT_TEXTS[consent.textVersion];
  if (text === undefined) {
    return {
      signature: null,
      issues: [{ path: 'answers.consent.textVersion', message: 'Unknown consent text version' }],
    };
  }
  const textHash = consentTextHash(text);
  if (consent.textHash !== undefined && consent.textHash !== textHash) {
    return {
      signature: null,
      issues: [
        {
          path: 'answers.consent.textHash',
          message: 'The consent text has changed since it was shown: read it again',
        },
      ],
    };
  }
  return {
    signature: {
      consentTypedName: consent.typedName,
      consentSignedAt: now,
      consentTextVersion: consent.textVersion,
      consentTextHash: textHash,
    },
    issues: [],
  };
}

/** The questions a new version of this patient's health history need not answer: the consent, while it holds. */
async function consentOptional(
  db: Executor,
  clinicId: string,
  patientId: string,
  definition: QuestionnaireDefinition,
): Promise<string[]> {
  const lastSigned = await lastConsentSignature(db, clinicId, patientId);
  return signatureRequired(definition, lastSigned) ? [] : ['consent'];
}

function refuseIncomplete(all: { path: string; message: string }[]): void {
  const issues = all.filter((issue, i) => all.findIndex((other) => other.path === issue.path) === i);
  if (issues.length > 0) {
    throw new AppError('unprocessable', 'Some required answers are missing or incomplete', issues);
  }
}

async function nextVersion(tx: Executor, clinicId: string, patientId: string): Promise<number> {
  const [row] = await tx
    .select({ last: max(intakeResponses.version) })
    .from(intakeResponses)
    .where(and(eq(intakeResponses.clinicId, clinicId), eq(intakeResponses.patientId, patientId)));
  return (row?.last ?? 0) + 1;
}

/**
 * Submit: the last answers are saved first (so a refused submit loses nothing), then required answers and
 * the consent signature are checked (422 with the fields), and the draft becomes the next numbered
 * health-history version, locked for good.
 */
export async function submitIntake(
  db: Executor,
  input: { clinicId: string; patientId: string; intakeId: string; patch?: Patch; actor: Actor; now: Date },
): Promise<IntakeRow> {
  if (input.patch && Object.keys(input.patch).length > 0) {
    await saveAnswers(db, { ...input, patch: input.patch });
  }
  return db.transaction(async (tx) => {
    const row = await lockDraft(tx, input.clinicId, input.patientId, input.intakeId);
    const definition = questionnaire(row.questionnaireVersion);
    const answers = answersOf(row);
    // The first intake is signed; a later update may be signed again but need not be, unless the consent
    // text changed since the patient last signed.
    const issues = completenessIssues(
      definition,
      answers,
      await consentOptional(tx, row.clinicId, row.patientId, definition),
    );
    const { signature, issues: consentIssues } = consentSignature(answers, input.now);
    refuseIncomplete([...issues, ...consentIssues]);
    const version = await nextVersion(tx, row.clinicId, row.patientId);
    const [submitted] = await tx
      .update(intakeResponses)
      .set({
        status: 'submitted',
        version,
        submittedAt: input.now,
        submittedBy: input.actor.userId,
        submittedVia: input.actor.via,
        ...signature,
      })
      .where(and(eq(intakeResponses.clinicId, row.clinicId), eq(intakeResponses.id, row.id)))
      .returning();
    return submitted!;
  });
}

/**
 * A full new health-history version recorded at a visit (not a draft). The consent need not be signed again,
 * unless its text changed since the patient last signed.
 */
export async function recordHealthHistory(
  db: Executor,
  input: { clinicId: string; patientId: string; answers: IntakeAnswers; actor: Actor; now: Date },
): Promise<IntakeRow> {
  const definition = questionnaire(CURRENT_QUESTIONNAIRE_VERSION);
  return db.transaction(async (tx) => {
    const latest = await latestVersion(tx, input.clinicId, input.patientId);
    if (!latest) {
      throw new AppError(
        'conflict',
        'This patient has no submitted intake yet: complete the intake questionnaire first',
      );
    }
    const issues = completenessIssues(
      definition,
      input.answers,
      await consentOptional(tx, input.clinicId, input.patientId, definition),
    );
    const { signature, issues: consentIssues } = consentSignature(input.answers, input.now);
    refuseIncomplete([...issues, ...consentIssues]);
    const [row] = await tx
      .insert(intakeResponses)
      .values({
        clinicId: input.clinicId,
        id: uuidv7(),
        patientId: input.patientId,
        questionnaireVersion: CURRENT_QUESTIONNAIRE_VERSION,
        kind: 'update',
        status: 'submitted',
        answers: stored(input.answers),
        version: await nextVersion(tx, input.clinicId, input.patientId),
        startedBy: input.actor.userId,
        savedAt: input.now,
        submittedAt: input.now,
        submittedBy: input.actor.userId,
        submittedVia: input.actor.via,
        ...signature,
      })
      .returning();
    return row!;
  });
}

/** "No change": records who confirmed the current version, and when. */
export async function confirmNoChange(
  db: Executor,
  input: {
    clinicId: string;
    patientId: string;
    versionId?: string;
    note?: string;
    actor: { userId: string; via: 'staff' | 'self' };
    now: Date;
  },
) {
  const latest = await latestVersion(db, input.clinicId, input.patientId);
  if (!latest)
    throw new AppError('conflict', 'There is no health history to confirm yet: complete the intake first');
  if (input.versionId && input.versionId !== latest.id) {
    throw new AppError('conflict', 'A newer health-history version exists: review it before confirming', {
      currentVersionId: latest.id,
    });
  }
  const [row] = await db
    .insert(healthHistoryConfirmations)
    .values({
      clinicId: input.clinicId,
      id: uuidv7(),
      patientId: input.patientId,
      versionId: latest.id,
      confirmedAt: input.now,
      confirmedBy: input.actor.userId,
      confirmedVia: input.actor.via,
      note: input.note ?? null,
    })
    .returning();
  return row!;
}

export function confirmationView(
  row: typeof healthHistoryConfirmations.$inferSelect,
  names: Map<string, string>,
) {
  return {
    id: row.id,
    versionId: row.versionId,
    confirmedAt: row.confirmedAt.toISOString(),
    confirmedBy: { userId: row.confirmedBy, name: names.get(row.confirmedBy) ?? '' },
    via: row.confirmedVia,
    note: row.note,
  };
}

/** Every version (newest first) with who recorded it and the "no change" confirmations made on it. */
export async function healthHistoryOf(db: Executor, clinicId: string, patientId: string) {
  return (await historyWithLatest(db, clinicId, patientId)).history;
}

/** The health history, and the latest submitted version's row (its answers) read with it. */
async function historyWithLatest(db: Executor, clinicId: string, patientId: string) {
  const versions = await db
    .select()
    .from(intakeResponses)
    .where(submittedIntakesOf(clinicId, patientId))
    .orderBy(desc(intakeResponses.submittedAt), desc(intakeResponses.version));
  const confirmations = await db
    .select()
    .from(healthHistoryConfirmations)
    .where(
      and(
        eq(healthHistoryConfirmations.clinicId, clinicId),
        eq(healthHistoryConfirmations.patientId, patientId),
      ),
    )
    .orderBy(desc(healthHistoryConfirmations.id));
  const names = await userNames(db, [
    ...versions.map((v) => v.submittedBy),
    ...confirmations.map((c) => c.confirmedBy),
  ]);
  const latest = versions[0];
  const moments = [latest?.submittedAt, confirmations[0]?.confirmedAt].filter(
    (d): d is Date => d instanceof Date,
  );
  const lastConfirmedAt = moments.length > 0 ? new Date(Math.max(...moments.map((d) => d.getTime()))) : null;
  const history = {
    current: latest?.id ?? null,
    lastConfirmedAt: lastConfirmedAt?.toISOString() ?? null,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version!,
      kind: v.kind,
      questionnaireVersion: v.questionnaireVersion,
      recordedAt: v.submittedAt!.toISOString(),
      recordedBy: v.submittedBy ? { userId: v.submittedBy, name: names.get(v.submittedBy) ?? '' } : null,
      via: v.submittedVia!,
      consentSigned: v.consentSignedAt !== null,
      confirmations: confirmations.filter((c) => c.versionId === v.id).map((c) => confirmationView(c, names)),
    })),
  };
  return { history, latest };
}

/** For list endpoints: the patient's questionnaires, newest first. */
export async function intakesOf(
  db: Executor,
  clinicId: string,
  patientId: string,
  cursor: string | undefined,
  limit: number,
) {
  return db
    .select()
    .from(intakeResponses)
    .where(
      and(
        eq(intakeResponses.clinicId, clinicId),
        eq(intakeResponses.patientId, patientId),
        cursor ? lt(intakeResponses.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(intakeResponses.id))
    .limit(limit + 1);
}

/**
 * The chart's intake section: the open draft, the current version with its last "no change", and the comfort
 * preferences it records.
 */
export async function intakeChartSectionOf(db: Executor, clinicId: string, patientId: string) {
  const draft = await openDraft(db, clinicId, patientId);
  const { history, latest } = await historyWithLatest(db, clinicId, patientId);
  const current = history.versions[0];
  return {
    status: current ? ('submitted' as const) : draft ? ('draft' as const) : ('none' as const),
    draft: draft ? { id: draft.id, kind: draft.kind, savedAt: draft.savedAt.toISOString() } : null,
    current: current
      ? {
          id: current.id,
          version: current.version,
          recordedAt: current.recordedAt,
          lastConfirmedAt: history.lastConfirmedAt!,
        }
      : null,
    comfort: latest ? comfortOf(answersOf(latest)) : null,
  };
}
