import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { patients } from '../../db/schema/index.ts';
import { requireUser } from '../../platform/auth-plugin.ts';
import { authorizeClinic, type ClinicAccess } from '../../platform/clinic-access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizePatient, linkedPatientIds, type PatientAccess } from '../../platform/patient-access.ts';
import { type Permission, rolesAllow, STAFF_ROLES } from '../../platform/permissions.ts';
import type { ResourceDef, Source } from './model.ts';

export const CLINIC_HEADER = 'x-palpa-clinic';

/**
 * The clinic a FHIR request is about: the `X-Palpa-Clinic` header; else an API token's clinic; else the caller's
 * only clinic. A caller in several clinics without the header gets a 400 that says so.
 */
export function clinicOf(request: FastifyRequest): string {
  const principal = requireUser(request);
  const header = request.headers[CLINIC_HEADER];
  if (typeof header === 'string' && header.trim()) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(header.trim()))
      throw new AppError('bad_request', 'X-Palpa-Clinic must be a clinic id');
    return header.trim().toLowerCase();
  }
  if (principal.token) return principal.token.clinicId;
  const clinics = [...new Set(principal.memberships.map((m) => m.clinicId))];
  if (clinics.length === 1) return clinics[0]!;
  if (clinics.length === 0) throw new AppError('forbidden', 'You do not belong to any clinic');
  throw new AppError('bad_request', 'You belong to several clinics: name one in the X-Palpa-Clinic header');
}

/** May the caller (roles, and an API token's scopes) use this permission at all? */
export function callerMay(
  request: FastifyRequest,
  roles: readonly string[],
  permission: Permission,
): boolean {
  const token = request.principal?.token;
  return rolesAllow(roles as never, permission) && (!token || token.scopes.includes(permission));
}

export const isStaff = (roles: readonly string[]) =>
  roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r));
export const onlyPatient = (roles: readonly string[]) =>
  roles.length > 0 && roles.every((r) => r === 'patient');

/** The roles the caller holds in the clinic (no audit; an empty list when none). */
export function rolesIn(request: FastifyRequest, clinicId: string): string[] {
  const principal = requireUser(request);
  return principal.memberships.filter((m) => m.clinicId === clinicId).map((m) => m.role);
}

/** The permission a type is gated by for this caller: the first of its sources' the caller holds, else the first. */
export function gatePermission(
  request: FastifyRequest,
  roles: readonly string[],
  def: ResourceDef,
): Permission {
  return (
    def.sources.find((s) => callerMay(request, roles, s.permission))?.permission ?? def.sources[0]!.permission
  );
}

/** The sources of a type this caller reads: permission held, and for a patient reaching only themself, allowSelf. */
export function usableSources(
  request: FastifyRequest,
  roles: readonly string[],
  def: ResourceDef,
  via?: PatientAccess['via'],
): Source[] {
  return def.sources.filter(
    (s) =>
      callerMay(request, roles, s.permission) &&
      (via !== 'self' || s.allowSelf) &&
      (!onlyPatient(roles) || s.allowSelf),
  );
}

/** Audited refusal for a patient reading records that are not theirs to read (as authorizeClinical does). */
export async function refuseSelf(
  request: FastifyRequest,
  input: {
    clinicId: string;
    patientId: string;
    roles: string[];
    action: string;
    resourceType: string;
    resourceId: string;
  },
): Promise<never> {
  await request.audit({
    action: input.action,
    outcome: 'refused',
    clinicId: input.clinicId,
    actorRoles: input.roles,
    patientId: input.patientId,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
  });
  throw new AppError('forbidden', 'You do not have access to this');
}

/**
 * The patients a caller reaches without naming one: every patient for staff (undefined); a physician's linked
 * patients; a patient's own record(s).
 */
export async function reachablePatients(
  request: FastifyRequest,
  access: ClinicAccess,
): Promise<string[] | undefined> {
  if (isStaff(access.roles)) return undefined;
  const { db } = request.server.deps;
  const ids = new Set<string>();
  if (access.roles.includes('physician'))
    for (const id of await linkedPatientIds(db, access.clinicId, access.principal.userId)) ids.add(id);
  if (access.roles.includes('patient')) {
    const rows = await db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.clinicId, access.clinicId), eq(patients.userId, access.principal.userId)));
    for (const r of rows) ids.add(r.id);
  }
  return [...ids];
}

export { authorizeClinic, authorizePatient };
