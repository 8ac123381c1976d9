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
