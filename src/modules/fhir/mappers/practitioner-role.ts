import { and, eq } from 'drizzle-orm';
import type { PractitionerRole } from 'fhir/r4.js';
import { therapistHours } from '../../../db/schema/index.ts';
import { MASSAGE_THERAPIST, SYSTEMS } from '../codes.ts';
import { clean, type ResourceDef, ref } from '../model.ts';
import { codings } from '../search.ts';
import { clinicalStaff, type StaffRow } from './practitioner.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const time = (hhmm: string) => (hhmm === '24:00' ? '23:59:59' : `${hhmm}:00`);

type Hours = typeof therapistHours.$inferSelect;

/** A staff member's role in the clinic (id = the user id): specialty, working hours and locations. */
export function toPractitionerRole(clinicId: string, staff: StaffRow, hours: Hours[]): PractitionerRole {
  return clean({
    resourceType: 'PractitionerRole',
    id: staff.userId,
    active: staff.active,
    practitioner: ref('Practitioner', staff.userId, staff.displayName),
    organization: ref('Organization', clinicId),
    code: staff.roles.map((role) => ({ coding: [{ system: SYSTEMS.staffRole, code: role }] })),
    specialty: staff.roles.includes('therapist') ? [{ coding: [MASSAGE_THERAPIST] }] : [],
    location: [...new Set(hours.map((h) => h.locationId))].map((id) => ref('Location', id)),
    availableTime: hours.map((h) => ({
      daysOfWeek: [DAYS[h.weekday - 1]!],
      availableStartTime: time(h.startTime),
      availableEndTime: time(h.endTime),
    })),
  } as PractitionerRole);
}

export const practitionerRoleDef: ResourceDef<PractitionerRole> = {
  type: 'PractitionerRole',
  scope: 'clinic',
  documentation:
    "A treating staff member's role in the clinic (id = the user id): NUCC 225700000X specialty for therapists, weekly hours, locations.",
  sources: [
    {
      name: 'staff',
      permission: 'clinic.read',
      allowSelf: true,
      async load(q) {
        const [staff, hours] = await Promise.all([
          clinicalStaff(q.db, q.clinicId, q.rowId),
          q.db
            .select()
            .from(therapistHours)
            .where(
              and(
                eq(therapistHours.clinicId, q.clinicId),
                q.rowId ? eq(therapistHours.therapistId, q.rowId) : undefined,
              ),
            ),
        ]);
        return staff.map((s) => ({
          resource: toPractitionerRole(
            q.clinicId,
            s,
            hours.filter((h) => h.therapistId === s.userId),
          ),
          patientId: null,
        }));
      },
    },
  ],
  params: [
    {
      name: 'practitioner',
      type: 'reference',
      target: 'Practitioner',
      documentation: 'The practitioner',
      refs: (r) => [r.practitioner?.reference],
    },
    {
      name: 'specialty',
      type: 'token',
      documentation: 'e.g. http://nucc.org/provider-taxonomy|225700000X',
      tokens: (r) => codings(r.specialty ?? []),
    },
    {
      name: 'location',
      type: 'reference',
      target: 'Location',
      documentation: 'Where they work',
      refs: (r) => (r.location ?? []).map((l) => l.reference),
    },
  ],
};
