import type { RecordsRequest } from '../reports/api.ts';

const FHIR_MEANING = 'a standard health-record file for other systems';

/** The copy's format in plain words; FHIR is explained where it first appears. */
export const FORMAT_LABELS: Record<RecordsRequest['format'], string> = {
  pdf: 'PDF',
  fhir: `FHIR (${FHIR_MEANING})`,
  pdf_and_fhir: `PDF and FHIR (${FHIR_MEANING})`,
};

const RELATIONSHIPS: Record<RecordsRequest['requesterRelationship'], string> = {
  self: 'the patient',
  personal_representative: 'personal representative',
  designated_third_party: 'third party the patient named',
};

/**
 * Who asked, as a sentence: "Requested by the patient", "Requested by Ana Ruiz (the patient)",
 * "Requested by Lee Ruiz (personal representative)". A name typed as "The patient" reads mid-sentence.
 */
export function requestedBy(r: Pick<RecordsRequest, 'requesterName' | 'requesterRelationship'>): string {
  const name = r.requesterName.trim().replace(/^the\b/i, 'the');
  const relationship = RELATIONSHIPS[r.requesterRelationship];
  return name.toLowerCase() === relationship
    ? `Requested by ${name}`
    : `Requested by ${name} (${relationship})`;
}
