import type { AllergyIntolerance } from 'fhir/r4.js';
import { ALLERGY_KINDS } from '../../intake/questionnaire-v1.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, instant, type ResourceDef, ref } from '../model.ts';
import { codings } from '../search.ts';
import { answersOf, type IntakeRow, latestSubmitted } from './intake-source.ts';

const LABEL = new Map<string, string>(ALLERGY_KINDS.map((k) => [k.value, k.label]));

/** `<intake id>-a<n>`: the n-th allergy of a health-history version. */
export function toAllergies(row: IntakeRow): AllergyIntolerance[] {
  return (answersOf(row).allergies ?? []).map((a, i) =>
    clean({
      resourceType: 'AllergyIntolerance',
      id: `${row.id}-a${i + 1}`,
      clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: 'active' }] },
      // Reported by the patient on the intake, not confirmed by testing.
      verificationStatus: { coding: [{ system: SYSTEMS.allergyVerification, code: 'unconfirmed' }] },
      category: a.kind === 'nuts' ? ['food'] : ['environment'],
      code: {
        coding: [{ system: SYSTEMS.allergyKind, code: a.kind, display: LABEL.get(a.kind) }],
        text: a.detail ?? LABEL.get(a.kind) ?? a.kind,
      },
      patient: ref('Patient', row.patientId),
      recordedDate: instant(row.submittedAt),
      asserter: ref('Patient', row.patientId),
      note: a.detail ? [{ text: a.detail }] : [],
    } as AllergyIntolerance),
  );
}

export const allergyIntoleranceDef: ResourceDef<AllergyIntolerance> = {
  type: 'AllergyIntolerance',
  scope: 'patient',
  documentation:
    "Allergies and sensitivities (massage oils, lotions, latex, nuts, fragrances…) from the patient's latest submitted health history. Id: <intake id>-a<n>.",
  sources: [
    {
      name: 'intake-allergies',
      permission: 'intake.read',
      allowSelf: true,
      async load(q) {
        const rows = await latestSubmitted(q);
        return rows.flatMap((row) =>
          toAllergies(row).map((resource) => ({ resource, patientId: row.patientId })),
        );
      },
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.patient.reference] },
    {
      name: 'code',
      type: 'token',
      documentation: `e.g. ${SYSTEMS.allergyKind}|latex`,
      tokens: (r) => codings([r.code]),
    },
    {
      name: 'clinical-status',
      type: 'token',
      documentation: 'active',
      tokens: (r) => codings([r.clinicalStatus]),
    },
    { name: 'date', type: 'date', documentation: 'When recorded', dates: (r) => [r.recordedDate] },
  ],
};
