import type { Annotation, Procedure } from 'fhir/r4.js';
import { overrideSentence } from '../../session-notes/schemas.ts';
import { overrideHistory } from '../../session-notes/service.ts';
import { EXTENSIONS, ucum } from '../codes.ts';
import { regionConcept, techniqueConcept } from '../concepts.ts';
import { clean, type LoadQuery, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { loadNotes, type NoteRow } from './clinical-source.ts';

type Row = NonNullable<NonNullable<NoteRow['current']['treatment']>['rows']>[number];

/**
 * A row given despite a contraindication (an override that still applies — at signing or in an amendment — names
 * it among the rows a finding rules out): the override's words, by whom and when, as the Procedure's note. An
 * override whose treatment was corrected since stays in the note, not on today's rows.
 */
function overrideNote(note: NoteRow, row: Row): Annotation[] {
  return overrideHistory(note.contraindicationOverride, note.amendments).flatMap(
    ({ stored: o, replacedBy }) => {
      if (replacedBy) return [];
      const findings = o.findings.filter((f) =>
        f.rows.some(
          (r) =>
            r.techniqueId === row.techniqueId &&
            r.region === row.region &&
            r.pressure === (row.pressure ?? null),
        ),
      );
      if (findings.length === 0) return [];
      return [
        {
          authorReference: ref('Practitioner', o.by),
          time: o.at,
          text: overrideSentence({ reason: o.reason, findings }),
        },
      ];
    },
  );
}

/**
 * The treatment rows of a session note, one Procedure each (id `<note id>-t<n>`): technique (CPT + Palpa id),
 * body region, minutes (extension, UCUM min — the minutes the 8-minute rule counts), pressure. A row signed
 * although the screening ruled it out says so in `note` ("Given despite a contraindication", the findings, the
 * reason, who recorded it and when).
 */
export function toProcedures(note: NoteRow): Procedure[] {
  return (note.current.treatment?.rows ?? []).map((row, i) =>
    clean({
      resourceType: 'Procedure',
      id: `${note.id}-t${i + 1}`,
      extension: [
        { url: EXTENSIONS.minutes, valueQuantity: ucum(row.minutes, 'min') },
        row.pressure ? { url: EXTENSIONS.pressure, valueCode: row.pressure } : undefined,
      ],
      status: note.status === 'signed' ? 'completed' : 'in-progress',
      code: techniqueConcept(row.techniqueId),
      subject: ref('Patient', note.patientId),
      encounter: ref('Encounter', note.id),
      performedDateTime: note.visitDate,
      performer: [{ actor: ref('Practitioner', note.authorId) }],
      bodySite: [regionConcept(row.region)],
      note: overrideNote(note, row),
    } as Procedure),
  );
}

export async function loadProcedures(q: LoadQuery, notes?: NoteRow[]) {
  return (notes ?? (await loadNotes(q))).flatMap((n) =>
    toProcedures(n).map((resource) => ({ resource, patientId: n.patientId })),
  );
}

export const procedureDef: ResourceDef<Procedure> = {
  type: 'Procedure',
  scope: 'patient',
  documentation:
    'Treatment rows of session notes (id <note id>-t<n>): technique × body region × minutes. Code: CPT (http://www.ama-assn.org/go/cpt) and the Palpa technique id; minutes in the extension https://palpa.dev/fhir/StructureDefinition/treatment-minutes (UCUM min). A row signed although the screening ruled it out carries a note: “Given despite a contraindication”, the findings, the reason, who recorded it and when.',
  sources: [
    { name: 'treatment-rows', permission: 'clinical.read', allowSelf: false, load: (q) => loadProcedures(q) },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    {
      name: 'code',
      type: 'token',
      documentation: 'e.g. http://www.ama-assn.org/go/cpt|97140',
      tokens: (r) => codings([r.code]),
    },
    { name: 'date', type: 'date', documentation: 'Visit date', dates: (r) => [r.performedDateTime] },
    {
      name: 'status',
      type: 'token',
      documentation: 'completed (signed note) | in-progress (draft)',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'encounter',
      type: 'reference',
      target: 'Encounter',
      documentation: 'The session',
      refs: (r) => [r.encounter?.reference],
    },
    {
      name: 'performer',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The therapist',
      refs: (r) => (r.performer ?? []).map((p) => p.actor.reference),
    },
  ],
};
