import type { Role } from '../db/schema/index.ts';

/**
 * Role → permission table, kept as data: the only place that says who may do what.
 * Physicians and patients reach patient data only through their own relationship to the patient,
 * which each capability checks on top of the permission (least privilege).
 */
export const PERMISSIONS = {
  'clinic.read': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  'clinic.manage': ['owner'],
  'members.read': ['owner', 'front_desk'],
  'members.manage': ['owner'],
  'audit.read': ['owner'],
  'outbox.read': ['owner'],
  // Physicians and patients hold these too, but only for their own patients / their own record:
  // authorizePatient() checks that relationship on top of the role.
  'patients.read': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  'patients.write': ['owner', 'front_desk', 'therapist'],
  'clinical.read': ['owner', 'therapist', 'physician', 'patient'],
  'clinical.write': ['owner', 'therapist'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export const STAFF_ROLES: readonly Role[] = ['owner', 'front_desk', 'therapist'];

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
