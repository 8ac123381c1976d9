import { and, eq, inArray } from 'drizzle-orm';
import type {
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from 'fhir/r4.js';
import { outcomeAdministrations } from '../../../db/schema/index.ts';
import { QUESTIONNAIRES } from '../codes.ts';
import { clean, instant, type LoadQuery, memoised, type ResourceDef, ref } from '../model.ts';
import { plainTokens } from '../search.ts';
import { type IntakeRow, loadIntakes } from './intake-source.ts';

export type AdministrationRow = typeof outcomeAdministrations.$inferSelect;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function primitiveAnswer(value: unknown): QuestionnaireResponseItemAnswer | null {
  if (typeof value === 'boolean') return { valueBoolean: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value };
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    return DATE.test(value) ? { valueDate: value } : { valueString: value };
  }
  return null;
}

/** An answer (primitive, list, or nested object) as QuestionnaireResponse items, keyed by question id. */
export function answerItems(linkId: string, value: unknown): QuestionnaireResponseItem[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const answers = value
        .map(primitiveAnswer)
        .filter((a): a is QuestionnaireResponseItemAnswer => a !== null);
      return answers.length ? [{ linkId, answer: answers }] : [];
    }
    return value.flatMap((v) => answerItems(linkId, v));
  }
  if (typeof value === 'object') {
    const item = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      answerItems(`${linkId}.${k}`, v),
    );
    return item.length ? [{ linkId, item }] : [];
  }
  const answer = primitiveAnswer(value);
  return answer ? [{ linkId, answer: [answer] }] : [];
}

/** An intake or health-history version (draft: in-progress). */
export function intakeQuestionnaireResponse(row: IntakeRow): QuestionnaireResponse {
  return clean({
    resourceType: 'QuestionnaireResponse',
    id: row.id,
    meta: { tag: [{ system: 'https://palpa.dev/fhir/CodeSystem/questionnaire-kind', code: 'intake' }] },
    questionnaire: QUESTIONNAIRES.intake(row.questionnaireVersion),
    status: row.status === 'submitted' ? 'completed' : 'in-progress',
    subject: ref('Patient', row.patientId),
    authored: instant(row.submittedAt ?? row.savedAt),
    author: row.submittedVia === 'staff' ? undefined : ref('Patient', row.patientId),
    source: ref('Patient', row.patientId),
    item: Object.entries(row.answers).flatMap(([k, v]) => answerItems(k, v)),
  } as QuestionnaireResponse);
}

/** An outcome-measure administration: raw item answers (PSFS: the activities in the patient's words). */
export function outcomeQuestionnaireResponse(row: AdministrationRow): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = row.activities
    ? row.activities.map((a) => ({
        linkId: a.slot,
        text: a.activity,
        answer: a.rating === null ? undefined : [{ valueInteger: a.rating }],
      }))
    : Object.entries(row.answers).flatMap(([itemId, v]) =>
        v === null ? [] : [{ linkId: itemId, answer: [primitiveAnswer(v)!] }],
      );
  return clean({
    resourceType: 'QuestionnaireResponse',
    id: row.id,
    meta: {
      tag: [{ system: 'https://palpa.dev/fhir/CodeSystem/questionnaire-kind', code: 'outcome-measure' }],
    },
    questionnaire: QUESTIONNAIRES.instrument(row.instrumentId, row.instrumentVersion),
    status: 'completed',
    subject: ref('Patient', row.patientId),
    encounter: ref('Encounter', row.sessionNoteId),
    authored: row.administeredOn,
    author: ref('Practitioner', row.administeredBy),
    source: ref('Patient', row.patientId),
    item: items,
  } as QuestionnaireResponse);
}

export function loadAdministrations(q: LoadQuery): Promise<AdministrationRow[]> {
  return memoised(q, 'administrations', () => readAdministrations(q));
}

function readAdministrations(q: LoadQuery): Promise<AdministrationRow[]> {
  return q.db
    .select()
    .from(outcomeAdministrations)
    .where(
      and(
        eq(outcomeAdministrations.clinicId, q.clinicId),
        q.patientIds ? inArray(outcomeAdministrations.patientId, [...q.patientIds]) : undefined,
        q.rowId ? eq(outcomeAdministrations.id, q.rowId) : undefined,
      ),
    );
}

export const questionnaireResponseDef: ResourceDef<QuestionnaireResponse> = {
  type: 'QuestionnaireResponse',
  scope: 'patient',
  documentation:
    'Intakes and health-history versions (intake.read), and outcome-measure administrations with their raw answers (clinical.read). Questionnaire canonicals: https://palpa.dev/fhir/Questionnaire/intake|<version>, https://palpa.dev/fhir/Questionnaire/<instrument>|<version>.',
  sources: [
    {
      name: 'intakes',
      permission: 'intake.read',
      allowSelf: true,
      async load(q) {
        const rows = await loadIntakes(q);
        return rows.map((row) => ({ resource: intakeQuestionnaireResponse(row), patientId: row.patientId }));
      },
    },
    {
      name: 'outcome-administrations',
      permission: 'clinical.read',
      allowSelf: true,
      async load(q) {
        const rows = await loadAdministrations(q);
        return rows.map((row) => ({ resource: outcomeQuestionnaireResponse(row), patientId: row.patientId }));
      },
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    { name: 'authored', type: 'date', documentation: 'When answered', dates: (r) => [r.authored] },
    {
      name: 'status',
      type: 'token',
      documentation: 'completed | in-progress',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'questionnaire',
      type: 'reference',
      target: 'Questionnaire',
      documentation: 'Canonical URL, e.g. https://palpa.dev/fhir/Questionnaire/ndi|1',
      refs: (r) => [r.questionnaire, r.questionnaire?.split('|')[0]],
    },
    {
      name: 'encounter',
      type: 'reference',
      target: 'Encounter',
      documentation: 'The session',
      refs: (r) => [r.encounter?.reference],
    },
  ],
};
