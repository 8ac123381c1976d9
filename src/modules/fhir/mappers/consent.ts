import type { Consent } from 'fhir/r4.js';
import { EXTENSIONS, SYSTEMS } from '../codes.ts';
import { clean, instant, type ResourceDef, ref } from '../model.ts';
import { codings, plainTokens } from '../search.ts';
import { type IntakeRow, loadIntakes } from './intake-source.ts';

/** The consent to treatment signed on an intake (id = the intake id): typed name, time, text version and hash. */
export function toConsent(row: IntakeRow): Consent | null {
  if (!row.consentSignedAt || !row.consentTypedName) return null;
  return clean({
    resourceType: 'Consent',
    id: row.id,
    extension: [
      {
        url: EXTENSIONS.consentSignature,
        extension: [
          { url: 'typedName', valueString: row.consentTypedName },
          { url: 'textVersion', valueString: row.consentTextVersion ?? undefined },
          { url: 'textSha256', valueString: row.consentTextHash ?? undefined },
        ],
      },
    ],
    status: 'active',
    scope: { coding: [{ system: SYSTEMS.consentScope, code: 'treatment', display: 'Treatment' }] },
    category: [{ coding: [{ system: SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref('Patient', row.patientId),
    dateTime: instant(row.consentSignedAt),
    performer: [ref('Patient', row.patientId)],
    sourceReference: ref('QuestionnaireResponse', row.id),
    policy: [
      { uri: `https://palpa.dev/fhir/consent/${encodeURIComponent(row.consentTextVersion ?? 'unknown')}` },
    ],
  } as Consent);
}

export const consentDef: ResourceDef<Consent> = {
  type: 'Consent',
  scope: 'patient',
  documentation:
    'Consent to treatment signed on an intake (id = the intake id); the signature (typed name, text version, SHA-256 of the text) is in an extension.',
  sources: [
    {
      name: 'intake-consent',
      permission: 'intake.read',
      allowSelf: true,
      async load(q) {
        const rows = await loadIntakes(q);
        return rows
          .map((row) => ({ resource: toConsent(row), patientId: row.patientId }))
          .filter((i): i is { resource: Consent; patientId: string } => i.resource !== null);
      },
    },
  ],
  params: [
    { name: 'patient', type: 'reference', documentation: 'The patient', refs: (r) => [r.patient?.reference] },
    { name: 'date', type: 'date', documentation: 'When signed', dates: (r) => [r.dateTime] },
    { name: 'status', type: 'token', documentation: 'active', tokens: (r) => plainTokens(r.status) },
    { name: 'scope', type: 'token', documentation: 'treatment', tokens: (r) => codings([r.scope]) },
    { name: 'category', type: 'token', documentation: 'LOINC 59284-0', tokens: (r) => codings(r.category) },
  ],
};
