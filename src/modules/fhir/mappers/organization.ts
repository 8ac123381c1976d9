import { eq } from 'drizzle-orm';
import type { Organization } from 'fhir/r4.js';
import { clinics } from '../../../db/schema/index.ts';
import { SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef } from '../model.ts';

export function toOrganization(row: typeof clinics.$inferSelect): Organization {
  return clean({
    resourceType: 'Organization',
    id: row.id,
    active: true,
    type: [{ coding: [{ system: SYSTEMS.organizationType, code: 'prov', display: 'Healthcare Provider' }] }],
    name: row.name,
  });
}

export const organizationDef: ResourceDef<Organization> = {
  type: 'Organization',
  scope: 'clinic',
  documentation: 'The clinic (the clinic context of the request).',
  sources: [
    {
      name: 'clinic',
      permission: 'clinic.read',
      allowSelf: true,
      async load(q) {
        const rows = await q.db.select().from(clinics).where(eq(clinics.id, q.clinicId));
        return rows.map((row) => ({ resource: toOrganization(row), patientId: null }));
      },
    },
  ],
  params: [{ name: 'name', type: 'string', documentation: 'Clinic name', strings: (r) => [r.name] }],
};
