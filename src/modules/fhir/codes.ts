/** Code systems, identifier systems and local URLs the FHIR mappers use. */
export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  nucc: 'http://nucc.org/provider-taxonomy',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  contactRelationship: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  flagCategory: 'http://terminology.hl7.org/CodeSystem/flag-category',
  provenanceParticipant: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  documentCompletion: 'http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion',
  dataOperation: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation',
  signatureType: 'urn:iso-astm:E1762-95:2013',
  // Palpa's own code systems (no standard code exists for these concepts, or none was verified).
  outcomeInstrument: 'https://palpa.dev/fhir/CodeSystem/outcome-instrument',
  technique: 'https://palpa.dev/fhir/CodeSystem/technique',
  bodyRegion: 'https://palpa.dev/fhir/CodeSystem/body-region',
  jointMotion: 'https://palpa.dev/fhir/CodeSystem/joint-motion',
  observation: 'https://palpa.dev/fhir/CodeSystem/observation',
  allergyKind: 'https://palpa.dev/fhir/CodeSystem/allergy-kind',
  medicationClass: 'https://palpa.dev/fhir/CodeSystem/medication-class',
  service: 'https://palpa.dev/fhir/CodeSystem/service',
  staffRole: 'https://palpa.dev/fhir/CodeSystem/staff-role',
  auditAction: 'https://palpa.dev/fhir/CodeSystem/audit-action',
  reportKind: 'https://palpa.dev/fhir/CodeSystem/report-kind',
  documentKind: 'https://palpa.dev/fhir/CodeSystem/document-kind',
  safetyRule: 'https://palpa.dev/fhir/CodeSystem/safety-rule',
  safetySeverity: 'https://palpa.dev/fhir/CodeSystem/safety-severity',
  screeningIssue: 'https://palpa.dev/fhir/CodeSystem/screening-issue',
  error: 'https://palpa.dev/fhir/CodeSystem/error',
} as const;

export const IDENTIFIERS = {
  patient: 'https://palpa.dev/fhir/NamingSystem/patient-id',
  user: 'https://palpa.dev/fhir/NamingSystem/user-id',
} as const;

export const EXTENSIONS = {
  minutes: 'https://palpa.dev/fhir/StructureDefinition/treatment-minutes',
  pressure: 'https://palpa.dev/fhir/StructureDefinition/treatment-pressure',
  consentSignature: 'https://palpa.dev/fhir/StructureDefinition/consent-signature',
  physicianClearance: 'https://palpa.dev/fhir/StructureDefinition/physician-clearance',
  signedContentSha256: 'https://palpa.dev/fhir/StructureDefinition/signed-content-sha256',
  // R5's Provenance.patient, carried in R4 by its cross-version extension.
  provenancePatient: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Provenance.patient',
  timezone: 'http://hl7.org/fhir/StructureDefinition/timezone',
  birthSex: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
} as const;

/** Canonical URLs of Palpa's questionnaires (intake, outcome instruments). */
export const QUESTIONNAIRES = {
  intake: (version: number) => `https://palpa.dev/fhir/Questionnaire/intake|${version}`,
  instrument: (id: string, version: string) => `https://palpa.dev/fhir/Questionnaire/${id}|${version}`,
};

/** NUCC taxonomy 225700000X "Massage Therapist" (clinical reference §4.6, [R116]). */
export const MASSAGE_THERAPIST = { system: SYSTEMS.nucc, code: '225700000X', display: 'Massage Therapist' };

export const ucum = (value: number, unit: 'deg' | 'mm' | 'min' | '{score}' | '{visit}' | '%') => ({
  value,
  unit,
  system: SYSTEMS.ucum,
  code: unit,
});
