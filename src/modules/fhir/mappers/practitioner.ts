import { and, eq, inArray } from 'drizzle-orm';
import type { Practitioner } from 'fhir/r4.js';
import type { Database } from '../../../db/connection.ts';
import { memberships, referringProviders, users } from '../../../db/schema/index.ts';
import { type ProviderIdentity, providerIdentities } from '../../credentials/identity.ts';
import { IDENTIFIERS, MASSAGE_THERAPIST, SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef } from '../model.ts';

/** Clinic staff who give or document treatment: therapists and owners (an owner may treat and sign notes). */
export const CLINICAL_STAFF_ROLES = ['therapist', 'owner'] as const;

export interface StaffRow {
  userId: string;
  displayName: string;
  email: string;
  roles: string[];
  active: boolean;
}

export async function clinicalStaff(db: Database, clinicId: string, userId?: string): Promise<StaffRow[]> {
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: memberships.role,
      disabledAt: memberships.disabledAt,
      userDisabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.clinicId, clinicId),
        inArray(memberships.role, [...CLINICAL_STAFF_ROLES]),
        userId ? eq(memberships.userId, userId) : undefined,
      ),
    );
  const byUser = new Map<string, StaffRow>();
  for (const r of rows) {
    const row = byUser.get(r.userId) ?? {
      userId: r.userId,
      displayName: r.displayName,
      email: r.email,
      roles: [],
      active: false,
    };
    row.roles.push(r.role);
    row.active ||= r.disabledAt === null && r.userDisabledAt === null;
    byUser.set(r.userId, row);
  }
  return [...byUser.values()];
}

/**
 * A staff member as a Practitioner: their NPI as an identifier, and (clinical reference §6) each current
 * licence or certification as a qualification with its number, validity and issuer.
 */
export function staffPractitioner(row: StaffRow, identity?: ProviderIdentity): Practitioner {
  return clean({
    resourceType: 'Practitioner',
    id: row.userId,
    identifier: [
      { system: IDENTIFIERS.user, value: row.userId },
      identity?.npi ? { use: 'official', system: SYSTEMS.npi, value: identity.npi } : undefined,
    ],
    active: row.active,
    name: [{ use: 'usual', text: row.displayName }],
    telecom: [{ system: 'email', value: row.email, use: 'work' }],
    qualification: [
      ...(row.roles.includes('therapist') ? [{ code: { coding: [MASSAGE_THERAPIST] } }] : []),
      ...(identity?.qualifications ?? []).map((c) => ({
        identifier: c.number ? [{ value: c.number }] : [],
        code: { text: c.title },
        period: c.issuedOn || c.expiresOn ? { start: c.issuedOn, end: c.expiresOn } : undefined,
        issuer: { display: c.region ? `${c.issuer} (${c.region})` : c.issuer },
      })),
    ],
  } as Practitioner);
}

export function providerPractitioner(row: typeof referringProviders.$inferSelect): Practitioner {
  return clean({
    resourceType: 'Practitioner',
    id: row.id,
    identifier: row.npi ? [{ use: 'official', system: SYSTEMS.npi, value: row.npi }] : [],
    active: true,
    name: [
      {
        use: 'official',
        family: row.lastName,
        given: [row.firstName],
        suffix: row.credentials ? [row.credentials] : [],
        text: `${row.firstName} ${row.lastName}${row.credentials ? `, ${row.credentials}` : ''}`,
      },
    ],
    telecom: [
      row.phone ? { system: 'phone', value: row.phone, use: 'work' } : undefined,
      row.fax ? { system: 'fax', value: row.fax, use: 'work' } : undefined,
      row.email ? { system: 'email', value: row.email, use: 'work' } : undefined,
    ],
    address: row.addressLine1
      ? [
          {
            use: 'work',
            line: [row.addressLine1, row.addressLine2],
            city: row.city,
            state: row.region,
            postalCode: row.postalCode,
          },
        ]
      : [],
  } as Practitioner);
}

export const practitionerDef: ResourceDef<Practitioner> = {
  type: 'Practitioner',
  scope: 'clinic',
  documentation:
    'Clinic staff who treat (therapists, owners; id = the user id) and referring providers (id = the provider id, NPI identifier). Referring providers need the providers.read permission.',
  sources: [
    {
      name: 'staff',
      permission: 'clinic.read',
      allowSelf: true,
      async load(q) {
        const rows = await clinicalStaff(q.db, q.clinicId, q.rowId);
        const identities = await providerIdentities(
          q.db,
          q.clinicId,
          rows.map((r) => r.userId),
          q.today,
        );
        return rows.map((row) => ({
          resource: staffPractitioner(row, identities.get(row.userId)),
          patientId: null,
        }));
      },
    },
    {
      name: 'referring-providers',
      permission: 'providers.read',
      allowSelf: false,
      async load(q) {
        const rows = await q.db
          .select()
          .from(referringProviders)
          .where(
            and(
              eq(referringProviders.clinicId, q.clinicId),
              q.rowId ? eq(referringProviders.id, q.rowId) : undefined,
            ),
          );
        return rows.map((row) => ({ resource: providerPractitioner(row), patientId: null }));
      },
    },
  ],
  params: [
    {
      name: 'name',
      type: 'string',
      documentation: 'Any part of the name',
      strings: (r) => (r.name ?? []).flatMap((n) => [n.text, n.family, ...(n.given ?? [])]),
    },
    {
      name: 'identifier',
      type: 'token',
      documentation: 'NPI (http://hl7.org/fhir/sid/us-npi|<npi>) or Palpa user id',
      tokens: (r) => (r.identifier ?? []).map((i) => ({ system: i.system, code: i.value ?? '' })),
    },
    {
      name: 'active',
      type: 'token',
      documentation: 'true or false',
      tokens: (r) => [{ code: String(r.active ?? true) }],
    },
  ],
};
