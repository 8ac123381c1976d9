import { and, eq, inArray } from 'drizzle-orm';
import type { Patient } from 'fhir/r4.js';
import { patients } from '../../../db/schema/index.ts';
import { EXTENSIONS, IDENTIFIERS, SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef, ref } from '../model.ts';

type PatientRow = typeof patients.$inferSelect;

const BIRTH_SEX: Record<string, string> = { female: 'F', male: 'M', unknown: 'UNK' };
const GENDER: Record<string, Patient['gender']> = { female: 'female', male: 'male', intersex: 'other' };

export function toPatient(row: PatientRow): Patient {
  const birthSex = row.sexAssignedAtBirth ? BIRTH_SEX[row.sexAssignedAtBirth] : undefined;
  return clean({
    resourceType: 'Patient',
    id: row.id,
    meta: { lastUpdated: row.updatedAt.toISOString() },
    extension: birthSex ? [{ url: EXTENSIONS.birthSex, valueCode: birthSex }] : [],
    identifier: [{ use: 'usual', system: IDENTIFIERS.patient, value: row.id }],
    active: row.mergedIntoId === null,
    name: [
      { use: 'official', family: row.legalLastName, given: [row.legalFirstName] },
      row.preferredName ? { use: 'usual', given: [row.preferredName] } : undefined,
    ],
    telecom: [
      row.phone ? { system: 'phone', value: row.phone } : undefined,
      row.email ? { system: 'email', value: row.email } : undefined,
    ],
    // Administrative gender: only what the record states (sex assigned at birth); gender identity is kept as text
    // in Palpa and not guessed into this code.
    gender: row.sexAssignedAtBirth ? (GENDER[row.sexAssignedAtBirth] ?? 'unknown') : undefined,
    birthDate: row.dateOfBirth,
    address: row.address
      ? [
          {
            use: 'home',
            line: [row.address.line1, row.address.line2].filter((l): l is string => Boolean(l)),
            city: row.address.city,
            state: row.address.region,
            postalCode: row.address.postalCode,
          },
        ]
      : [],
    contact: [
      row.emergencyContact
        ? {
            relationship: [{ coding: [{ system: SYSTEMS.contactRelationship, code: 'C' }] }],
            name: { text: row.emergencyContact.name },
            telecom: [
              row.emergencyContact.phone ? { system: 'phone', value: row.emergencyContact.phone } : undefined,
              row.emergencyContact.email ? { system: 'email', value: row.emergencyContact.email } : undefined,
            ],
          }
        : undefined,
      row.guardian
        ? {
            relationship: [{ coding: [{ system: SYSTEMS.roleCode, code: 'GUARD' }] }],
            name: { text: row.guardian.name },
            telecom: [
              row.guardian.phone ? { system: 'phone', value: row.guardian.phone } : undefined,
              row.guardian.email ? { system: 'email', value: row.guardian.email } : undefined,
            ],
          }
        : undefined,
    ],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: row.language }] } }],
    managingOrganization: ref('Organization', row.clinicId),
    link: row.mergedIntoId ? [{ other: ref('Patient', row.mergedIntoId), type: 'replaced-by' }] : [],
  } as Patient);
}

export const patientDef: ResourceDef<Patient> = {
  type: 'Patient',
  scope: 'patient',
  documentation: 'Patients of the clinic. A patient signed in sees only their own record.',
  sources: [
    {
      name: 'patients',
      permission: 'patients.read',
      allowSelf: true,
      async load(q) {
        const rows = await q.db
          .select()
          .from(patients)
          .where(
            and(
              eq(patients.clinicId, q.clinicId),
              q.patientIds ? inArray(patients.id, [...q.patientIds]) : undefined,
              q.rowId ? eq(patients.id, q.rowId) : undefined,
            ),
          );
        return rows.map((row) => ({ resource: toPatient(row), patientId: row.id }));
      },
    },
  ],
  params: [
    {
      name: 'name',
      type: 'string',
      documentation: 'Any part of a name (legal or preferred), accent- and case-insensitive, starts with',
      strings: (r) => (r.name ?? []).flatMap((n) => [n.family, ...(n.given ?? [])]),
    },
    {
      name: 'family',
      type: 'string',
      documentation: 'Legal last name',
      strings: (r) => (r.name ?? []).map((n) => n.family),
    },
    {
      name: 'given',
      type: 'string',
      documentation: 'Legal first or preferred name',
      strings: (r) => (r.name ?? []).flatMap((n) => n.given ?? []),
    },
    {
      name: 'birthdate',
      type: 'date',
      documentation: 'Date of birth (prefixes eq, ne, gt, lt, ge, le)',
      dates: (r) => [r.birthDate],
    },
    {
      name: 'identifier',
      type: 'token',
      documentation: `Palpa patient id: ${IDENTIFIERS.patient}|<id>`,
      tokens: (r) => (r.identifier ?? []).map((i) => ({ system: i.system, code: i.value ?? '' })),
    },
    {
      name: 'gender',
      type: 'token',
      documentation: 'Administrative gender (from sex assigned at birth)',
      tokens: (r) => (r.gender ? [{ code: r.gender }] : []),
    },
    {
      name: 'active',
      type: 'token',
      documentation: 'false for records merged into another',
      tokens: (r) => [{ code: String(r.active ?? true) }],
    },
  ],
};
