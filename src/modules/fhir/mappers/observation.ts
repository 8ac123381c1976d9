import type { Observation, ObservationComponent } from 'fhir/r4.js';
import {
  getRomNorm,
  isInstrumentId,
  JOINT_MOTIONS,
  type JointMotion,
} from '../../../domain/outcomes/index.ts';
import type { RomMeasurement } from '../../assessments/schemas.ts';
import { SYSTEMS, ucum } from '../codes.ts';
import { instrumentConcept, NPRS_LOINC } from '../concepts.ts';
import { clean, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { type AssessmentRow, loadAssessments, loadNotes, type NoteRow } from './clinical-source.ts';
import { type AdministrationRow, loadAdministrations } from './questionnaire-response.ts';

const category = (code: 'survey' | 'exam' | 'therapy', display: string) => [
  { coding: [{ system: SYSTEMS.observationCategory, code, display }] },
];
const SURVEY = category('survey', 'Survey');
const EXAM = category('exam', 'Exam');
const THERAPY = category('therapy', 'Therapy');

/** An outcome-measure score (id = the administration id), derived from its QuestionnaireResponse. */
export function outcomeObservation(row: AdministrationRow): Observation {
  const components: ObservationComponent[] = Object.entries(row.subscores ?? {}).map(([id, value]) => ({
    code: { coding: [{ system: SYSTEMS.outcomeInstrument, code: `${row.instrumentId}.${id}` }], text: id },
    valueQuantity: ucum(value, '{score}'),
  }));
  return clean({
    resourceType: 'Observation',
    id: row.id,
    status: 'final',
    category: SURVEY,
    code: instrumentConcept(row.instrumentId),
    subject: ref('Patient', row.patientId),
    encounter: ref('Encounter', row.sessionNoteId),
    effectiveDateTime: row.administeredOn,
    performer: [ref('Practitioner', row.administeredBy)],
    valueQuantity: ucum(row.score, '{score}'),
    interpretation: row.band ? [{ text: row.band }] : [],
    method: { text: row.method },
    derivedFrom: [ref('QuestionnaireResponse', row.id)],
    component: components,
    note:
      row.missingItems.length > 0 && isInstrumentId(row.instrumentId)
        ? [{ text: `Unanswered items: ${row.missingItems.join(', ')}` }]
        : [],
  } as Observation);
}

type Documented = {
  id: string;
  patientId: string;
  status: 'draft' | 'signed';
  date: string;
  authorId: string;
  encounterId?: string;
};

const base = (r: Documented, id: string) => ({
  resourceType: 'Observation' as const,
  id,
  status: r.status === 'signed' ? ('final' as const) : ('preliminary' as const),
  subject: ref('Patient', r.patientId),
  encounter: ref('Encounter', r.encounterId),
  effectiveDateTime: r.date,
  performer: [ref('Practitioner', r.authorId)],
});

/** NPRS 0–10 (LOINC 72514-3), with Palpa's code saying when it was rated. */
function pain(r: Documented, when: 'before' | 'after' | 'today', value: number): Observation {
  const text = { before: 'Pain before treatment', after: 'Pain after treatment', today: 'Pain today' }[when];
  return clean({
    ...base(r, `${r.id}-pain-${when}`),
    category: SURVEY,
    code: {
      coding: [NPRS_LOINC, { system: SYSTEMS.observation, code: `pain-${when}`, display: text }],
      text,
    },
    valueQuantity: ucum(value, '{score}'),
  } as Observation);
}

/** Goniometric ROM in degrees (TMJ opening in millimetres), UCUM, with the reference value used. */
function rom(r: Documented, m: RomMeasurement, index: number): Observation {
  const known = (JOINT_MOTIONS as readonly string[]).includes(m.jointMotion);
  const norm = known ? getRomNorm(m.jointMotion as JointMotion) : undefined;
  const unit = norm?.unit ?? 'deg';
  const label = norm
    ? `${m.side ? `${m.side} ` : ''}${norm.joint} ${norm.motion}`
    : `${m.side ? `${m.side} ` : ''}${m.jointMotion}`;
  return clean({
    ...base(r, `${r.id}-rom${index + 1}`),
    category: EXAM,
    code: {
      coding: [
        {
          system: SYSTEMS.jointMotion,
          code: m.jointMotion,
          display: norm ? `${norm.joint} ${norm.motion}` : undefined,
        },
      ],
      text: `Active range of motion: ${label}`,
    },
    bodySite: m.side ? { text: `${m.side} ${norm?.joint ?? m.jointMotion.split('.')[0]}` } : undefined,
    method: { text: unit === 'mm' ? 'Ruler (interincisal distance)' : 'Goniometry' },
    valueQuantity: ucum(m.value, unit),
    referenceRange: norm?.values[0]
      ? [{ low: ucum(norm.values[0].normal, unit), text: `Normal per ${norm.values[0].source}` }]
      : [],
    note: m.note ? [{ text: m.note }] : [],
  } as Observation);
}

/** Minutes of treatment in a session (UCUM min), with the timed minutes per CPT code as components. */
function minutes(note: NoteRow): Observation {
  return clean({
    ...base(record(note), `${note.id}-minutes`),
    category: THERAPY,
    code: {
      coding: [{ system: SYSTEMS.observation, code: 'treatment-minutes', display: 'Treatment minutes' }],
      text: 'Treatment minutes',
    },
    valueQuantity: ucum(note.totalMinutes, 'min'),
    component: Object.entries(note.timedMinutesByCpt).map(([cpt, value]) => ({
      code: { coding: [{ system: SYSTEMS.cpt, code: cpt }] },
      valueQuantity: ucum(value, 'min'),
    })),
  } as Observation);
}

const record = (note: NoteRow): Documented => ({
  id: note.id,
  patientId: note.patientId,
  status: note.status,
  date: note.visitDate,
  authorId: note.authorId,
  encounterId: note.id,
});

/** Pain before/after (and today), ROM and treatment minutes recorded in a session note. */
export function noteObservations(note: NoteRow): Observation[] {
  const c = note.current;
  const r = record(note);
  const out: Observation[] = [];
  if (c.subjective?.painToday !== undefined) out.push(pain(r, 'today', c.subjective.painToday));
  if (c.pain?.before !== undefined) out.push(pain(r, 'before', c.pain.before));
  if (c.pain?.after !== undefined) out.push(pain(r, 'after', c.pain.after));
  (c.objective?.rom ?? []).forEach((m, i) => {
    out.push(rom(r, m, i));
  });
  if (note.totalMinutes > 0) out.push(minutes(note));
  return out;
}

export function assessmentObservations(a: AssessmentRow): Observation[] {
  const r: Documented = {
    id: a.id,
    patientId: a.patientId,
    status: a.status,
    date: a.assessedOn,
    authorId: a.authorId,
  };
  return (a.current.rom ?? []).map((m, i) => rom(r, m, i));
}

export const observationSources = {
  outcomes: async (q: LoadQuery, rows?: AdministrationRow[]) =>
    (rows ?? (await loadAdministrations(q))).map((row) => ({
      resource: outcomeObservation(row),
      patientId: row.patientId,
    })),
  notes: async (q: LoadQuery, notes?: NoteRow[]) =>
    (notes ?? (await loadNotes(q))).flatMap((n) =>
      noteObservations(n).map((resource) => ({ resource, patientId: n.patientId })),
    ),
  assessments: async (q: LoadQuery) =>
    (await loadAssessments(q)).flatMap((a) =>
      assessmentObservations(a).map((resource) => ({ resource, patientId: a.patientId })),
    ),
};

export const observationDef: ResourceDef<Observation> = {
  type: 'Observation',
  scope: 'patient',
  documentation:
    'Outcome scores (id = the administration id; LOINC where the clinical reference gives one — NPRS 72514-3, NDI 82237-9, ODI 97908-8 — and always https://palpa.dev/fhir/CodeSystem/outcome-instrument), NPRS pain before/after a session (LOINC 72514-3; id <note id>-pain-before|after|today), active ROM (UCUM deg; TMJ opening mm; id <note or assessment id>-rom<n>) and treatment minutes (UCUM min, per CPT in components; id <note id>-minutes). Patients read their own outcome scores only.',
  sources: [
    {
      name: 'outcome-scores',
      permission: 'clinical.read',
      allowSelf: true,
      load: (q) => observationSources.outcomes(q),
    },
    {
      name: 'session-measurements',
      permission: 'clinical.read',
      allowSelf: false,
      load: (q) => observationSources.notes(q),
    },
    {
      name: 'assessment-rom',
      permission: 'clinical.read',
      allowSelf: false,
      load: (q) => observationSources.assessments(q),
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject?.reference] },
    {
      name: 'code',
      type: 'token',
      documentation:
        'e.g. http://loinc.org|72514-3, https://palpa.dev/fhir/CodeSystem/outcome-instrument|ndi',
      tokens: (r) => codings([r.code]),
    },
    { name: 'date', type: 'date', documentation: 'When observed', dates: (r) => [r.effectiveDateTime] },
    {
      name: 'status',
      type: 'token',
      documentation: 'final | preliminary',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'category',
      type: 'token',
      documentation: 'survey | exam | therapy',
      tokens: (r) => codings(r.category ?? []),
    },
    {
      name: 'encounter',
      type: 'reference',
      target: 'Encounter',
      documentation: 'The session',
      refs: (r) => [r.encounter?.reference],
    },
    {
      name: 'derived-from',
      type: 'reference',
      target: 'QuestionnaireResponse',
      documentation: 'The answers a score comes from',
      refs: (r) => (r.derivedFrom ?? []).map((d) => d.reference),
    },
  ],
};
