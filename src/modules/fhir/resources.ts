import { allergyIntoleranceDef } from './mappers/allergy-intolerance.ts';
import { appointmentDef } from './mappers/appointment.ts';
import { auditEventDef } from './mappers/audit-event.ts';
import { carePlanDef } from './mappers/care-plan.ts';
import { conditionDef } from './mappers/condition.ts';
import { consentDef } from './mappers/consent.ts';
import { coverageDef } from './mappers/coverage.ts';
import type { ReportLoader } from './mappers/document-reference.ts';
import { documentReferenceDef } from './mappers/document-reference.ts';
import { encounterDef } from './mappers/encounter.ts';
import { flagDef } from './mappers/flag.ts';
import { goalDef } from './mappers/goal.ts';
import { locationDef } from './mappers/location.ts';
import { medicationStatementDef } from './mappers/medication-statement.ts';
import { observationDef } from './mappers/observation.ts';
import { organizationDef } from './mappers/organization.ts';
import { patientDef } from './mappers/patient.ts';
import { practitionerDef } from './mappers/practitioner.ts';
import { practitionerRoleDef } from './mappers/practitioner-role.ts';
import { procedureDef } from './mappers/procedure.ts';
import { provenanceDef } from './mappers/provenance.ts';
import { questionnaireResponseDef } from './mappers/questionnaire-response.ts';
import { serviceRequestDef } from './mappers/service-request.ts';
import type { ResourceDef } from './model.ts';

/** Every resource type Palpa serves, in CapabilityStatement order. */
export function resourceDefs(options: { reports?: ReportLoader; publicUrl: string }): ResourceDef[] {
  return [
    patientDef,
    practitionerDef,
    practitionerRoleDef,
    organizationDef,
    locationDef,
    serviceRequestDef,
    conditionDef,
    allergyIntoleranceDef,
    medicationStatementDef,
    flagDef,
    questionnaireResponseDef,
    carePlanDef,
    goalDef,
    appointmentDef,
    encounterDef,
    procedureDef,
    observationDef,
    documentReferenceDef(options.reports, options.publicUrl),
    consentDef,
    coverageDef,
    provenanceDef,
    auditEventDef,
  ] as unknown as ResourceDef[];
}
