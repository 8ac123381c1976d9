import type { Condition } from 'fhir/r4.js';
import type { Referral } from '../../referrals/schemas.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef, ref } from '../model.ts';
import { codings } from '../search.ts';
import { loadReferrals } from './referral-source.ts';

/** `<referral id>-dx<n>`: a referral's n-th diagnosis (1-based). */
export const conditionId = (referralId: string, index: number) => `${referralId}-dx${index + 1}`;

const LATERALITY: Record<string, string> = {
  left: 'Left',
  right: 'Right',
  bilateral: 'Bilateral',
};

export function toConditions(r: Referral): Condition[] {
  const active = r.status !== 'expired' && r.status !== 'visits_exhausted' && r.status !== 'superseded';
  return r.diagnoses.map((d, i) =>
    clean({
      resourceType: 'Condition',
      id: conditionId(r.id, i),
      clinicalStatus: {
        coding: [{ system: SYSTEMS.conditionClinical, code: active ? 'active' : 'inactive' }],
      },
      verificationStatus: { coding: [{ system: SYSTEMS.conditionVerification, code: 'confirmed' }] },
      category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'encounter-diagnosis' }] }],
      code: {
        coding: [{ system: SYSTEMS.icd10cm, code: d.code, display: d.description }],
        text: d.description,
      },
      bodySite: d.laterality && LATERALITY[d.laterality] ? [{ text: LATERALITY[d.laterality] }] : [],
      subject: ref('Patient', r.patientId),
      // Related to an injury: the date of injury is when the condition began.
      onsetDateTime: r.injury?.date,
      recordedDate: r.referralDate,
      asserter: r.provider ? ref('Practitioner', r.provider.id, r.provider.displayName) : undefined,
      evidence: [{ detail: [ref('ServiceRequest', r.id)] }],
    } as Condition),
  );
}

export const conditionDef: ResourceDef<Condition> = {
  type: 'Condition',
  scope: 'patient',
  documentation:
    'Diagnoses of referrals, ICD-10-CM (http://hl7.org/fhir/sid/icd-10-cm). Id: <referral id>-dx<n>. Inactive once the referral expired, was used up or renewed. onsetDateTime: the date of injury when the referral is related to one.',
  sources: [
    {
      name: 'referral-diagnoses',
      permission: 'patients.read',
      allowSelf: true,
      async load(q) {
        const views = await loadReferrals(q);
        return views.flatMap((r) => toConditions(r).map((c) => ({ resource: c, patientId: r.patientId })));
      },
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    { name: 'subject', type: 'reference', documentation: 'The patient', refs: (r) => [r.subject.reference] },
    {
      name: 'code',
      type: 'token',
      documentation: 'e.g. http://hl7.org/fhir/sid/icd-10-cm|M54.50',
      tokens: (r) => codings([r.code]),
    },
    {
      name: 'clinical-status',
      type: 'token',
      documentation: 'active | inactive',
      tokens: (r) => codings([r.clinicalStatus]),
    },
    {
      name: 'recorded-date',
      type: 'date',
      documentation: 'Referral date',
      dates: (r) => [r.recordedDate],
    },
    {
      name: 'category',
      type: 'token',
      documentation: 'encounter-diagnosis',
      tokens: (r) => codings(r.category ?? []),
    },
    {
      name: 'verification-status',
      type: 'token',
      documentation: 'confirmed',
      tokens: (r) => codings([r.verificationStatus]),
    },
  ],
};
