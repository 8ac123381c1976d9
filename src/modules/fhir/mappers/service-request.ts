import type { ServiceRequest } from 'fhir/r4.js';
import type { Referral } from '../../referrals/schemas.ts';
import { MASSAGE_THERAPIST, SYSTEMS, ucum } from '../codes.ts';
import { regionConcept, techniqueConcept } from '../concepts.ts';
import { clean, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { conditionId } from './condition.ts';
import { loadReferrals } from './referral-source.ts';

const STATUS: Record<Referral['status'], ServiceRequest['status']> = {
  pending: 'active',
  active: 'active',
  expiring_soon: 'active',
  expired: 'completed',
  visits_exhausted: 'completed',
  superseded: 'revoked',
};

/** A referral (prescription for massage therapy) as an order: diagnoses, techniques, regions, visits, validity. */
export function toServiceRequest(r: Referral): ServiceRequest {
  const frequency =
    r.frequencyPerWeek !== null
      ? `${r.frequencyPerWeek}× a week${r.durationWeeks !== null ? ` for ${r.durationWeeks} weeks` : ''}`
      : undefined;
  return clean({
    resourceType: 'ServiceRequest',
    id: r.id,
    status: STATUS[r.status],
    intent: 'order',
    category: [{ coding: [{ system: SYSTEMS.service, code: 'referral', display: 'Referral' }] }],
    code: {
      coding: [{ system: SYSTEMS.service, code: 'medical-massage', display: 'Medical massage therapy' }],
      text: 'Medical massage therapy',
    },
    orderDetail: r.techniques.map(techniqueConcept),
    quantityQuantity: r.visitsAllowed !== null ? ucum(r.visitsAllowed, '{visit}') : undefined,
    subject: ref('Patient', r.patientId),
    occurrencePeriod: { start: r.validFrom, end: r.validUntil ?? undefined },
    authoredOn: r.referralDate,
    requester: r.provider ? ref('Practitioner', r.provider.id, r.provider.displayName) : undefined,
    performerType: { coding: [MASSAGE_THERAPIST] },
    reasonCode: r.diagnoses.map((d) => ({
      coding: [{ system: SYSTEMS.icd10cm, code: d.code, display: d.description }],
      text: d.description,
    })),
    reasonReference: r.diagnoses.map((_, i) => ref('Condition', conditionId(r.id, i))),
    replaces: r.renewsReferralId ? [ref('ServiceRequest', r.renewsReferralId)] : [],
    bodySite: r.bodyRegions.map(regionConcept),
    patientInstruction: [
      frequency,
      r.sessionMinutes !== null ? `${r.sessionMinutes}-minute sessions` : undefined,
    ]
      .filter(Boolean)
      .join(', '),
    note: r.precautions ? [{ text: `Precautions: ${r.precautions}` }] : [],
  } as ServiceRequest);
}

export const serviceRequestDef: ResourceDef<ServiceRequest> = {
  type: 'ServiceRequest',
  scope: 'patient',
  documentation:
    'Referrals (prescriptions): ICD-10-CM reasonCode, techniques (CPT) in orderDetail, body regions, visits allowed, validity period. Status: active (incl. pending, expiring soon), completed (expired, visits used up), revoked (superseded by a renewal).',
  sources: [
    {
      name: 'referrals',
      permission: 'patients.read',
      allowSelf: true,
      async load(q) {
        const views = await loadReferrals(q);
        return views.map((r) => ({ resource: toServiceRequest(r), patientId: r.patientId }));
      },
    },
  ],
  params: [
    {
      name: 'patient',
      type: 'reference',
      documentation: 'The patient',
      refs: (r) => [r.subject?.reference],
    },
    {
      name: 'subject',
      type: 'reference',
      documentation: 'The patient',
      refs: (r) => [r.subject?.reference],
    },
    {
      name: 'status',
      type: 'token',
      documentation: 'active | completed | revoked',
      tokens: (r) => plainTokens(r.status),
    },
    {
      name: 'authored',
      type: 'date',
      documentation: 'Referral date',
      dates: (r) => [r.authoredOn],
    },
    {
      name: 'occurrence',
      type: 'date',
      documentation: 'Validity period',
      dates: (r) => [r.occurrencePeriod],
    },
    {
      name: 'code',
      type: 'token',
      documentation: 'The service, or a technique (CPT or Palpa technique id) in orderDetail',
      tokens: (r) => codings([r.code, ...(r.orderDetail ?? [])]),
    },
    {
      name: 'reason-code',
      type: 'token',
      documentation: 'Diagnosis, e.g. http://hl7.org/fhir/sid/icd-10-cm|M54.50',
      tokens: (r) => codings(r.reasonCode ?? []),
    },
    {
      name: 'requester',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The referring provider',
      refs: (r) => [r.requester?.reference],
    },
    {
      name: 'intent',
      type: 'token',
      documentation: 'order',
      tokens: (r) => plainTokens(r.intent),
    },
  ],
};
