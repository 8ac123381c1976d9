import type { FastifyRequest } from 'fastify';
import type { Role } from '../db/schema/index.ts';
import { requireUser } from './auth-plugin.ts';
import { AppError } from './errors.ts';
import { type Permission, rolesAllow, STAFF_ROLES } from './permissions.ts';
import type { Principal } from './sessions.ts';

export interface ClinicAccess {
  principal: Principal;
  clinicId: string;
  roles: Role[];
  clinic: { id: string; name: string; timeZone: string };
}

/**
 * The first line of every clinic-scoped use case: may this caller do `permission` in this clinic?
 * Refusals are audited and answered 403 whether or not the clinic exists, so ids cannot be probed.
 */
export async function authorizeClinic(
  request: FastifyRequest,
  clinicId: string,
  permission: Permission,
): Promise<ClinicAccess> {
  const principal = requireUser(request);
  const rows = principal.memberships.filter((m) => m.clinicId === clinicId);
  const roles = rows.map((r) => r.role);
  const tokenRefused =
    principal.token &&
    (principal.token.clinicId !== clinicId || !principal.token.scopes.includes(permission));
  if (roles.length === 0 || !rolesAllow(roles, permission) || tokenRefused) {
    await request.audit({
      action: `access.${permission}`,
      outcome: 'refused',
      clinicId,
      actorRoles: roles,
      resourceType: 'clinic',
      resourceId: clinicId,
      details: { method: request.method, route: request.routeOptions.url },
    });
    throw new AppError('forbidden', 'You do not have access to this in this clinic');
  }
  const first = rows[0]!;
  if (first.require2faForStaff && !principal.totpEnabled && roles.some((r) => STAFF_ROLES.includes(r))) {
    throw new AppError('mfa_enrollment_required', 'This clinic requires two-factor sign-in: set it up first');
  }
  return {
    principal,
    clinicId,
    roles,
    clinic: { id: clinicId, name: first.clinicName, timeZone: first.timeZone },
  };
}
