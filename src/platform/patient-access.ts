import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/connection.ts';
import { patients, physicianPatientLinks } from '../db/schema/index.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { auditEntryOf } from './auth-plugin.ts';
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
  input: PatientAccessRequest,
): Promise<PatientAccess> {
  const { access, audit } = await checkPatientAccess(request, input);
  await recordAudit(request.server.deps.db, audit);
  return access;
}

export interface PatientAccessRequest {
  clinicId: string;
  patientId: string;
  permission: Permission;
  action: string;
  resourceType?: string;
  resourceId?: string;
}

/**
 * `authorizePatient` for a route that writes its effect in one statement: a refusal is audited and thrown here;
 * an allowed access returns its audit entry, which the caller MUST write in the same statement as its effect
 * (or on its own when the request fails), so the access is audited without a round trip of its own.
 */
export async function checkPatientAccess(
  request: FastifyRequest,
  input: PatientAccessRequest,
): Promise<{ access: PatientAccess; audit: AuditEntry }> {
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
  return {
    access: { ...access, patientId: input.patientId, via },
    audit: auditEntryOf(request, { ...audit, details: { via } }),
  };
}

/** The patients a physician reaches in a clinic: those they referred or were granted, not revoked. */
export async function linkedPatientIds(
  db: Executor,
  clinicId: string,
  physicianUserId: string,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ patientId: physicianPatientLinks.patientId })
    .from(physicianPatientLinks)
    .where(
      and(
        eq(physicianPatientLinks.clinicId, clinicId),
        eq(physicianPatientLinks.userId, physicianUserId),
        isNull(physicianPatientLinks.revokedAt),
      ),
    );
  return rows.map((r) => r.patientId);
}

/**
 * A physician-portal list across the caller's linked patients: refused to anyone but a physician (`staffReadIn`
 * says where staff find the same), and audited with the patients it showed.
 */
export async function physicianPortalList<T extends { patientId: string }>(
  request: FastifyRequest,
  clinicId: string,
  list: { action: string; resourceType: string; staffReadIn: string },
  load: (access: ClinicAccess, patientIds: string[]) => Promise<T[]>,
): Promise<T[]> {
  const access = await authorizeClinic(request, clinicId, 'clinical.read');
  if (!access.roles.includes('physician'))
    throw new AppError('forbidden', `This list is for physicians; staff read ${list.staffReadIn}`);
  const patientIds = await linkedPatientIds(request.server.deps.db, access.clinicId, access.principal.userId);
  const items = patientIds.length > 0 ? await load(access, patientIds) : [];
  const shown = [...new Set(items.map((i) => i.patientId))];
  await request.audit({
    action: list.action,
    clinicId: access.clinicId,
    actorRoles: access.roles,
    resourceType: list.resourceType,
    patientId: shown.length === 1 ? shown[0] : null,
    details: { patientIds: shown },
  });
  return items;
}
