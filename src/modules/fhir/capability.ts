import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4.js';
import type { ResourceDef } from './model.ts';

export const CLINIC_CONTEXT_RULE =
  "Sign in with the session cookie or `Authorization: Bearer <API token>`. Resources are clinic-scoped: the clinic is the `X-Palpa-Clinic` header (a clinic id) when sent; otherwise the API token's clinic; otherwise the caller's only clinic (a caller in several clinics must send the header). Patient data follows the same access rules as the rest of the API (staff of the clinic, linked physicians, the patient themself) and every read or search of it is audited. Paging: `_count` (default 50, at most 200) and the cursor in `link.next`. Unknown parameters answer 400 unless `Prefer: handling=lenient`.";

const COMMON = [
  { name: '_id', type: 'token' as const, documentation: 'Resource id(s), comma-separated' },
  { name: '_count', type: 'number' as const, documentation: 'Page size (default 50, max 200)' },
];

export function capabilityStatement(
  defs: readonly ResourceDef[],
  base: string,
  date: string,
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Palpa',
    kind: 'instance',
    software: { name: 'Palpa', version: '0.1.0' },
    implementation: { description: 'Palpa FHIR R4 API (read-only)', url: base },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: CLINIC_CONTEXT_RULE,
        security: {
          cors: false,
          description: CLINIC_CONTEXT_RULE,
        },
        resource: defs.map((def) => ({
          type: def.type as CapabilityStatementRestResource['type'],
          documentation: def.documentation,
          interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
          versioning: 'no-version' as const,
          readHistory: false,
          searchParam: [
            ...COMMON,
            ...def.params.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
          ],
          ...(def.type === 'Patient'
            ? {
                operation: [
                  {
                    name: 'everything',
                    definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
                    documentation: "The patient's whole record as a searchset Bundle",
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}
