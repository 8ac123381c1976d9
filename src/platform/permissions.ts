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
  // How to reach the patient and whether to send reminders: staff, and the patient for their own record.
  'patients.contact': ['owner', 'front_desk', 'therapist', 'patient'],
  // The chart header's contraindication flags: every role that sees the chart, front desk included
  // (it must not book what the flags rule out); physicians and patients only for their own (authorizePatient).
  'safety.read': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  'clinical.read': ['owner', 'therapist', 'physician', 'patient'],
  'clinical.write': ['owner', 'therapist'],
  // The referring physician signs (certifies) a plan of care, for their linked patients only (authorizePatient).
  'plans.sign': ['physician'],
  'providers.read': ['owner', 'front_desk', 'therapist'],
  'providers.manage': ['owner', 'front_desk'],
  // Physicians submit e-referrals and upload their documents, for their own patients only (authorizePatient).
  'referrals.write': ['owner', 'front_desk', 'therapist', 'physician'],
  // The auto or workers' compensation claim behind a referral: billing, so the owner and the front desk.
  'claims.manage': ['owner', 'front_desk'],
  // A physician for their linked patients, a patient for their own record (the doctor's prescription, an MRI
  // report they were given): authorizePatient checks the relationship.
  'attachments.write': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  // The intake questionnaire: staff fill it in with the patient, a patient fills in their own (authorizePatient).
  'intake.read': ['owner', 'front_desk', 'therapist', 'patient'],
  'intake.write': ['owner', 'front_desk', 'therapist', 'patient'],
  // Physician clearances: staff record a clearance they received; a linked physician records their own.
  'clearances.write': ['owner', 'therapist', 'physician'],
  // Asking a provider for clearance (and printing the letter): the clinicians who treat.
  'clearances.request': ['owner', 'therapist'],
  // Scheduling: set-up is managed by owner and front desk; patients read services and availability to book.
  'schedule.read': ['owner', 'front_desk', 'therapist', 'patient'],
  'schedule.manage': ['owner', 'front_desk'],
  // Appointments: patients only their own (authorizePatient); physicians only their linked patients'.
  'appointments.read': ['owner', 'front_desk', 'therapist', 'physician', 'patient'],
  'appointments.book': ['owner', 'front_desk', 'therapist', 'patient'],
  'appointments.manage': ['owner', 'front_desk', 'therapist'],
  // Public directory: the owner publishes the clinic; a therapist edits their own profile (checked in the module).
  'directory.read': ['owner', 'front_desk', 'therapist'],
  'directory.manage': ['owner'],
  'directory.self': ['owner', 'therapist'],
  'credentials.read': ['owner', 'front_desk', 'therapist'],
  'credentials.manage': ['owner', 'therapist'],
  'credentials.verify': ['owner'],
  // Reviews: patients write their own (authorizePatient, self only); staff reply and report; the owner moderates.
  'reviews.write': ['patient'],
  'reviews.read': ['owner', 'front_desk', 'therapist'],
  'reviews.respond': ['owner', 'front_desk', 'therapist'],
  'reviews.moderate': ['owner'],
  // Reports, disclosures, right of access, clinic outcomes and the home-care log (src/modules/reports & co.).
  // The accounting of disclosures: staff, and the patient for their own (authorizePatient); not physicians.
  'disclosures.read': ['owner', 'front_desk', 'therapist', 'patient'],
  'disclosures.write': ['owner', 'front_desk', 'therapist'],
  // Right of access: a patient downloads their own record (authorizePatient, self); the owner handles requests.
  'records.export': ['owner', 'patient'],
  // Superbills (itemised statements for the patient's insurer): staff, and the patient for their own.
  'billing.read': ['owner', 'front_desk', 'therapist', 'patient'],
  // Payments: whoever takes them at the desk or, in a solo practice, the therapist; a mistake is voided.
  'billing.record': ['owner', 'front_desk', 'therapist'],
  'records_requests.manage': ['owner'],
  'analytics.read': ['owner'],
  // The patient logs their own exercises (authorizePatient, self); staff may log for them.
  'home_care.log': ['owner', 'therapist', 'patient'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What each permission lets an API token do, in plain words (shown where a person creates a token). */
export const PERMISSION_DESCRIPTIONS = {
  'clinic.read': 'See the clinic, its locations and team',
  'clinic.manage': 'Change the clinic’s settings and locations',
  'members.read': 'See who works at the clinic',
  'members.manage': 'Invite people and change their roles',
  'audit.read': 'Read the audit log',
  'outbox.read': 'Read the e-mails the clinic sent',
  'patients.read': 'Read patient records',
  'patients.write': 'Add and correct patient records',
  'patients.contact': 'Update contact details',
  'safety.read': 'See contraindication flags',
  'clinical.read': 'Read evaluations, plans of care and session notes',
  'clinical.write': 'Write evaluations, plans of care and session notes',
  'plans.sign': 'Sign plans of care',
  'providers.read': 'See referring providers',
  'providers.manage': 'Add and change referring providers',
  'referrals.write': 'Record referrals',
  'claims.manage': 'Record injury claims (carrier, claim number)',
  'attachments.write': 'Upload documents',
  'intake.read': 'Read intake questionnaires',
  'intake.write': 'Fill in intake questionnaires',
  'clearances.write': 'Record physician clearances',
  'clearances.request': 'Ask physicians for clearance',
  'schedule.read': 'See the schedule and free times',
  'schedule.manage': 'Set up services, rooms and working hours',
  'appointments.read': 'See appointments',
  'appointments.book': 'Book, move and cancel appointments',
  'appointments.manage': 'Check in, complete and manage appointments',
  'directory.read': 'See the public directory pages',
  'directory.manage': 'Edit the clinic’s public pages',
  'directory.self': 'Edit your own public profile',
  'credentials.read': 'See therapists’ credentials',
  'credentials.manage': 'Record credentials',
  'credentials.verify': 'Mark credentials verified',
  'reviews.write': 'Write reviews',
  'reviews.read': 'Read reviews',
  'reviews.respond': 'Reply to and report reviews',
  'reviews.moderate': 'Moderate reviews',
  'disclosures.read': 'Read who records were shared with',
  'disclosures.write': 'Record disclosures',
  'records.export': 'Download whole records (PDF, FHIR)',
  'billing.read': 'Read accounts and superbills',
  'billing.record': 'Record and void payments',
  'records_requests.manage': 'Handle records requests',
  'analytics.read': 'See clinic outcomes',
  'home_care.log': 'Log home exercises',
} as const satisfies Record<Permission, string>;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export const STAFF_ROLES: readonly Role[] = ['owner', 'front_desk', 'therapist'];

export function rolesAllow(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
