import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { patients, physicianPatientLinks } from '../db/schema/index.ts';
import { authorizeClinic, type ClinicAccess } from './clinic-access.ts';
import { AppError } from './errors.ts';
import type { Permission } from './permissions.ts';

export interface PatientAccess extends ClinicAccess {
  patientId: string;
  /** How the caller reaches this patient: as clinic staff, as a linked physician, or as the patient. */
  via: 'staff' | 'physician' | 'self';
}

const STAFF = new Set(['owner', 'front_desk', 'therapist']);

/**
 * The one gate for patient data, and its audit: may this caller do `permission` to this patient?
 * Staff reach every patient of their clinic (by role); a physician only patients they referred or were
 * granted; a patient only their own record. Every call leaves an audit row — allowed or refused — naming
 * `action` and the patient, so "every read or write of patient data" is audited by construction.
 */
export async function authorizePatient(
  request: FastifyRequest,
  input: {
    clinicId: string;
    patientId: string;
    permission: Permission;
    action: string;
    resourceType?: string;
    resourceId?: string;
  },
): Promise<PatientAccess> {
  const access = await authorizeClinic(request, input.clinicId, input.permission);
  const { db } = request.server.deps;
  const [patient] = await db
    .select({ id: patients.id, userId: patients.userId, mergedIntoId: patients.mergedIntoId })
    .from(patients)
    .where(and(eq(patients.clinicId, access.clinicId), eq(patients.id, input.patientId)));
  let via: PatientAccess['via'] | undefined;
  if (patient) {
    if (access.roles.some((r) => STAFF.has(r))) via = 'staff';
    else if (access.roles.includes('patient') && patient.userId === access.principal.userId) via = 'self';
    else if (access.roles.includes('physician')) {
      const [link] = await db
        .select({ reason: physicianPatientLinks.reason })
        .from(physicianPatientLinks)
        .where(
          and(
            eq(physicianPatientLinks.clinicId, access.clinicId),
            eq(physicianPatientLinks.patientId, patient.id),
            eq(physicianPatientLinks.userId, access.principal.userId),
            isNull(physicianPatientLinks.revokedAt),
          ),
        )
        .limit(1);
      if (link) via = 'physician';
    }
  }
  const audit = {
    action: input.action,
    clinicId: access.clinicId,
    actorRoles: access.roles,
    patientId: input.patientId,
    resourceType: input.resourceType ?? 'patient',
    resourceId: input.resourceId ?? input.patientId,
  };
  if (!via) {
    await request.audit({ ...audit, outcome: 'refused' });
    // The same answer whether the patient does not exist or is someone else's: ids cannot be probed.
    throw new AppError('forbidden', 'You do not have access to this patient');
  }
  await request.audit({ ...audit, details: { via } });
  return { ...access, patientId: input.patientId, via };
}
