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
  'providers.read': ['owner', 'front_desk', 'therapist'],
  'providers.manage': ['owner', 'front_desk'],
  // Physicians submit e-referrals and upload their documents, for their own patients only (authorizePatient).
  'referrals.write': ['owner', 'front_desk', 'therapist', 'physician'],
  'attachments.write': ['owner', 'front_desk', 'therapist', 'physician'],
  // The intake questionnaire: staff fill it in with the patient, a patient fills in their own (authorizePatient).
  'intake.read': ['owner', 'front_desk', 'therapist', 'patient'],
  'intake.write': ['owner', 'front_desk', 'therapist', 'patient'],
  // Physician clearances: staff record a clearance they received; a linked physician records their own.
  'clearances.write': ['owner', 'therapist', 'physician'],
  // Scheduling: set-up is managed by owner and front desk; patients read services and availability to book.
  'schedule.read': ['owner', 'front_desk', 'therapist', 'patient'],
  'schedule.manage': ['owner', 'front_desk'],
  // Appointments: patients only their own (authorizePatient); physicians only their linked patients'.
  'appointments.read': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  'appointments.book': ['owner', 'front_desk', 'therapist', 'patient'],
  'appointments.manage': ['owner', 'front_desk', 'therapist'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export const STAFF_ROLES: readonly Role[] = ['owner', 'front_desk', 'therapist'];

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
