import { and, eq } from 'drizzle-orm';
import type { Location } from 'fhir/r4.js';
import { locations } from '../../../db/schema/index.ts';
import { EXTENSIONS } from '../codes.ts';
import { clean, type ResourceDef, ref } from '../model.ts';

export function toLocation(row: typeof locations.$inferSelect): Location {
  return clean({
    resourceType: 'Location',
    id: row.id,
    extension: [{ url: EXTENSIONS.timezone, valueCode: row.timeZone }],
    status: 'active',
    name: row.name,
    mode: 'instance',
    telecom: row.phone ? [{ system: 'phone', value: row.phone, use: 'work' }] : [],
    address: {
      use: 'work',
      line: [row.addressLine1, row.addressLine2].filter((l): l is string => !!l),
      city: row.city,
      state: row.region,
      postalCode: row.postalCode,
      country: row.country,
    },
    managingOrganization: ref('Organization', row.clinicId),
  });
}

export const locationDef: ResourceDef<Location> = {
  type: 'Location',
  scope: 'clinic',
  documentation: "The clinic's locations.",
  sources: [
    {
      name: 'locations',
      permission: 'clinic.read',
      allowSelf: true,
      async load(q) {
        const rows = await q.db
          .select()
          .from(locations)
          .where(and(eq(locations.clinicId, q.clinicId), q.rowId ? eq(locations.id, q.rowId) : undefined));
        return rows.map((row) => ({ resource: toLocation(row), patientId: null }));
      },
    },
  ],
  params: [
    { name: 'name', type: 'string', documentation: 'Location name', strings: (r) => [r.name] },
    {
      name: 'address-city',
      type: 'string',
      documentation: 'City',
      strings: (r) => [r.address?.city],
    },
  ],
};
