import type { MedicationStatement } from 'fhir/r4.js';
import { MEDICATION_ANSWER_CLASSES } from '../../intake/questionnaire-v1.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, instant, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { answersOf, type IntakeRow, latestSubmitted } from './intake-source.ts';

const LABEL = new Map<string, string>(MEDICATION_ANSWER_CLASSES.map((k) => [k.value, k.label]));

/** `<intake id>-m<n>`: the n-th medication of a health-history version. */
export function toMedicationStatements(row: IntakeRow): MedicationStatement[] {
  return (answersOf(row).medications ?? []).map((m, i) =>
    clean({
      resourceType: 'MedicationStatement',
      id: `${row.id}-m${i + 1}`,
      status: m.stoppedOn ? 'completed' : 'active',
      medicationCodeableConcept: {
        coding: [{ system: SYSTEMS.medicationClass, code: m.class, display: LABEL.get(m.class) }],
        text: m.name ?? LABEL.get(m.class) ?? m.class,
      },
      subject: ref('Patient', row.patientId),
      effectivePeriod: m.startedOn || m.stoppedOn ? { start: m.startedOn, end: m.stoppedOn } : undefined,
      dateAsserted: instant(row.submittedAt),
      informationSource: ref('Patient', row.patientId),
      derivedFrom: [ref('QuestionnaireResponse', row.id)],
    } as MedicationStatement),
  );
}

export const medicationStatementDef: ResourceDef<MedicationStatement> = {
  type: 'MedicationStatement',
  scope: 'patient',
  documentation:
    "Medicines the patient reported (anticoagulants, steroids…) on their latest submitted health history. Id: <intake id>-m<n>. Code: Palpa's medication class, with the name as text.",
  sources: [
    {
      name: 'intake-medications',
      permission: 'intake.read',
      allowSelf: true,
      async load(q) {
        const rows = await latestSubmitted(q);
        return rows.flatMap((row) =>
          toMedicationStatements(row).map((resource) => ({ resource, patientId: row.patientId })),
        );
      },
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    {
      name: 'code',
      type: 'token',
      documentation: `e.g. ${SYSTEMS.medicationClass}|anticoagulant`,
      tokens: (r) => codings([r.medicationCodeableConcept]),
    },
    {
      name: 'status',
      type: 'token',
      documentation: 'active | completed',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'effective',
      type: 'date',
      documentation: 'When taken',
      dates: (r) => [r.effectivePeriod],
    },
  ],
};
