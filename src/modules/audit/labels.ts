import { PERMISSION_DESCRIPTIONS, type Permission } from '../../platform/permissions.ts';

/**
 * The audit log in plain words, shared by the page, the CSV export and their tests. No server imports here.
 *
 * Each action code Palpa writes maps to what the person did, as a lower-case verb phrase ("cancel an
 * appointment"); the outcome turns it into a sentence: "Cancelled an appointment", "Refused: cancel an
 * appointment", "Failed: sign in". A write audited in two steps has two codes: its access check
 * (`{ check: … }`, "Allowed to cancel an appointment") and the write itself ("Cancelled an appointment").
 * labels.test.ts fails when a code written in src/ has no words here.
 */
type Words = string | { check: string };

const ACTION_WORDS: Record<string, Words> = {
  // Sign-in and security
  'auth.login': 'sign in',
  'auth.login.password_ok': 'enter the right password, before the two-factor code',
  'auth.login.second_factor': 'sign in with a two-factor code',
  'auth.logout': 'sign out',
  'auth.logout_everywhere': 'sign out of every session',
  'auth.password_changed': 'change their password',
  'auth.password_reset': 'reset their password with an e-mailed link',
  'auth.password_reset_requested': 'ask for a password reset e-mail',
  'auth.2fa.setup_started': 'start setting up two-factor sign-in',
  'auth.2fa.enable': 'turn on two-factor sign-in',
  'auth.2fa.disable': 'turn off two-factor sign-in',
  'auth.2fa.recovery_codes_regenerated': 'make new two-factor recovery codes',
  'api_token.created': 'create an API token',
  'api_token.revoked': 'revoke an API token',
  'cli.user.create': 'create an account from the command line',
  'cli.user.disable': 'disable an account from the command line',
  'cli.user.reset_password': 'reset a password from the command line',

  // Clinic and team
  'setup.completed': 'set up Palpa: the first clinic and its owner',
  'clinic.create': 'create a clinic',
  'clinic.settings_changed': "change the clinic's settings",
  'location.create': 'add a location',
  'location.update': 'change a location',
  'member.roles_changed': "change a team member's roles",
  'member.disabled': "remove a team member's access",
  'invitation.sent': 'send an invitation',
  'invitation.accepted': 'accept an invitation',
  'invitation.revoked': 'withdraw an invitation',
  'audit.read': 'read the audit log',
  'audit.export': 'export the audit log',
  'outbox.read': "read the clinic's sent e-mail",
  'analytics.outcomes.read': "read the clinic's outcome analytics",
  'data.export': 'export the whole database',
  'data.import': 'import a database export',
  'demo.created': 'create the demo clinic',
  'demo.refreshed': 'refresh the demo clinic',
  'directory.clinic_profile.created': "create the clinic's public profile",
  'directory.clinic_profile.updated': "change the clinic's public profile",
  'directory.clinic_photo.set': "set the clinic's public photo",
  'directory.therapist_profile.created': "create a therapist's public profile",
  'directory.therapist_profile.updated': "change a therapist's public profile",
  'directory.therapist_photo.set': "set a therapist's public photo",
  'credential.created': 'record a credential',
  'credential.updated': 'change a credential',
  'credential.verified': 'verify a credential with its issuer',
  'credential.expiry_warning.sent': 'send a credential expiry warning',
  'credential.licence_alerts.read': "read which therapists' licences are expiring",
  'review.eligibility.read': 'check whether a visit may be reviewed',
  'review.create': { check: 'write a review' },
  'review.created': 'write a review',
  'review.replied': 'reply to a review',
  'review.reported': 'report a review for moderation',
  'review.moderation.keep': 'keep a reported review',
  'review.moderation.hide': 'hide a reported review',
  'outcome_instrument.licensed_text.loaded': "load a licensed questionnaire's text",

  // Patient records
  'patient.search': 'search patients',
  'patient.read': "read a patient's record",
  'patient.chart.read': "open a patient's chart",
  'patient.created': 'add a patient',
  'patient.self_registered': 'register as a new patient online',
  'patient.duplicate_candidate_shown': 'see a possible duplicate while adding a patient',
  'patient.possible_duplicates.read': 'see possible duplicate records from online registration',
  'patient.possible_duplicate_shown': 'see that another record may be the same person',
  'patient.possible_duplicate.dismiss': { check: 'mark a possible duplicate as not the same person' },
  'patient.possible_duplicate_dismissed': 'mark a possible duplicate as not the same person',
  'patient.update': { check: "change a patient's record" },
  'patient.updated': "change a patient's record",
  'patient.contact.update': { check: "change a patient's contact details" },
  'patient.contact_updated': "change a patient's contact details",
  'patient.merge': { check: 'merge a duplicate patient record' },
  'patient.merged': 'merge a duplicate patient record',
  'patient.portal_invited': 'invite a patient to the patient portal',
  'patient.physician_access.read': 'read the physician access list',
  'patient.physician_access.grant': { check: 'give a physician access to a patient' },
  'patient.physician_access.granted': 'give a physician access to a patient',
  'patient.physician_access.revoke': { check: "remove a physician's access to a patient" },
  'patient.physician_access.revoked': "remove a physician's access to a patient",
  'attachment.list': "list a patient's documents",
  'attachment.download': 'download a document',
  'attachment.upload': { check: 'upload a document' },
  'attachment.uploaded': 'upload a document',
  'attachment.filed': 'file a document with a referral',
  'attachments.from_patients.read': 'list the documents patients sent',
  'disclosure.record': 'record a disclosure',
  'disclosures.read': 'read the accounting of disclosures',
  'records_request.list': 'list records requests',
  'records_request.read': 'read a records request',
  'records_request.create': { check: 'log a records request' },
  'records_request.created': 'log a records request',
  'records_request.extend': { check: "extend a records request's deadline" },
  'records_request.extended': "extend a records request's deadline",
  'records_request.fulfil': { check: 'mark a records request fulfilled' },
  'records_request.fulfilled': 'mark a records request fulfilled',
  'record.export.pdf': "produce a copy of a patient's record (PDF)",
  'record.export.fhir': "produce a copy of a patient's record (FHIR)",
  'fhir.read': 'read a record through the FHIR API',
  'fhir.search': 'search records through the FHIR API',
  'fhir.everything': "download a patient's whole record through the FHIR API",
  'provider.created': 'add a referring provider',
  'provider.updated': 'change a referring provider',
  'provider.deleted': 'remove a referring provider',
  'referral.list': 'list referrals',
  'referral.read': 'read a referral',
  'referral.create': { check: 'record a referral' },
  'referral.created': 'record a referral',
  'referral.visit_recorded': 'count a visit against a referral',
  'referral.prior_authorization_recorded': "record a referral's prior authorization",
  'referral.claim_recorded': "record a referral's injury claim",
  'referral.clinical_settings.read': "read a referral's clinical settings",
  'referral.clinical_settings.update': { check: "change a referral's clinical settings" },
  'referral.clinical_settings.updated': "change a referral's clinical settings",

  // Intake and health history
  'intake.list': "list a patient's questionnaires",
  'intake.read': 'read an intake questionnaire',
  'intake.open': 'open the intake questionnaire',
  'intake.started': 'start an intake questionnaire',
  'intake.autosave': 'save intake answers as a draft',
  'intake.submit': { check: 'submit an intake questionnaire' },
  'intake.submitted': 'submit an intake questionnaire',
  'intake.link.send': { check: 'send a personal intake link' },
  'intake.link.sent': 'send a personal intake link',
  'health_history.read': "read a patient's health history",
  'health_history.confirm': { check: 'confirm a health history is unchanged' },
  'health_history.confirmed': 'confirm a health history is unchanged',
  'health_history.update': { check: 'record a changed health history' },
  'health_history.version_recorded': 'record a changed health history',

  // Clinical records
  'assessment.list': "list a patient's assessments",
  'assessment.read': 'read an assessment',
  'assessment.create': { check: 'start an assessment' },
  'assessment.created': 'start an assessment',
  'assessment.update': { check: 'edit a draft assessment' },
  'assessment.updated': 'edit a draft assessment',
  'assessment.delete': { check: 'discard a draft assessment' },
  'assessment.discarded': 'discard a draft assessment',
  'assessment.sign': { check: 'sign an assessment' },
  'assessment.signed': 'sign an assessment',
  'assessment.amend': { check: 'amend a signed assessment' },
  'assessment.amended': 'amend a signed assessment',
  'assessment.addendum': { check: 'add an addendum to an assessment' },
  'assessment.addendum_added': 'add an addendum to an assessment',
  'session_note.list': "list a patient's session notes",
  'session_note.read': 'read a session note',
  'session_note.create': { check: 'start a session note' },
  'session_note.created': 'start a session note',
  'session_note.update': { check: 'edit a draft session note' },
  'session_note.updated': 'edit a draft session note',
  'session_note.delete': { check: 'discard a draft session note' },
  'session_note.discarded': 'discard a draft session note',
  'session_note.sign': { check: 'sign a session note' },
  'session_note.signed': 'sign a session note',
  'session_note.signed_over_contraindication':
    'sign a session note recording treatment given despite a contraindication, with the reason why',
  'session_note.amend': { check: 'amend a signed session note' },
  'session_note.amended': 'amend a signed session note',
  'session_note.amended_over_contraindication':
    'amend a session note with treatment given despite a contraindication, with the reason why',
  'session_note.addendum': { check: 'add an addendum to a session note' },
  'session_note.addendum_added': 'add an addendum to a session note',
  'plan.list': "list a patient's plans of care",
  'plan.read': 'read a plan of care',
  'plan.version.read': 'read an earlier version of a plan of care',
  'plan.create': { check: 'create a plan of care' },
  'plan.created': 'create a plan of care',
  'plan.update': { check: 'change a plan of care' },
  'plan.version_added': 'save a new version of a plan of care',
  'plan.screening.read': "read a plan's safety screening",
  'plan.home_care.read': "read a patient's home-care program",
  'plan.physician_list': 'list the plans of care awaiting their signature',
  'plan.physician_sign': { check: 'sign a plan of care as the physician' },
  'plan.physician_signed': 'sign a plan of care as the physician',
  'plan.physician_request_changes': { check: 'ask for changes to a plan of care as the physician' },
  'plan.changes_requested': 'ask for changes to a plan of care as the physician',
  'plan.draft.list': 'list their plan drafts',
  'plan.draft.save': 'save a plan draft',
  'plan.draft.discard': 'discard a plan draft',
  'progress.read': "read a patient's progress",
  'progress.portal.read': 'read their own progress in the portal',
  'report.list': "list a patient's reports to physicians",
  'report.read': 'read a report to a physician',
  'report.pdf': 'download a report to a physician (PDF)',
  'report.html': 'print a report to a physician',
  'report.create': { check: 'start a report to a physician' },
  'report.created': 'start a report to a physician',
  'report.update': { check: 'edit a draft report' },
  'report.updated': 'edit a draft report',
  'report.delete': { check: 'discard a draft report' },
  'report.discarded': 'discard a draft report',
  'report.sign': { check: 'sign a report' },
  'report.signed': 'sign a report',
  'report.deliver': { check: 'send a report to a physician' },
  'report.delivered': 'send a report to a physician',
  'report.sent_outside': 'record a report faxed, posted or handed to a provider',
  'report.opened': 'open a report as the physician',
  'report.physician_list': 'list the reports about their patients',
  'outcome.list': "list a patient's outcome measures",
  'outcome.administer': { check: 'record an outcome measure' },
  'outcome.administered': 'record an outcome measure',
  'safety.read': "read a patient's safety flags",
  'safety.day_flags.read': "read the safety flags of a day's patients",
  'safety.screen': 'screen a treatment against the health history',
  'safety.overrides.read': 'list treatment recorded as given despite a contraindication',
  'safety.clearances.read': "read a patient's physician clearances",
  'safety.clearance.record': { check: 'record a physician clearance' },
  'safety.clearance.recorded': 'record a physician clearance',
  'safety.clearance.revoke': { check: 'revoke a physician clearance' },
  'safety.clearance.revoked': 'revoke a physician clearance',
  'safety.clearance_requests.read': "read a patient's clearance requests",
  'safety.clearance_requests.physician_list': 'list the clearance requests sent to them',
  'safety.clearance_request.create': { check: 'ask a physician for clearance' },
  'safety.clearance_request.created': 'ask a physician for clearance',
  'safety.clearance_request.letter': 'print a clearance request letter',
  'clinical.todo.read': 'read their to-do list',
  'body_chart.history': "read a patient's body charts over time",
  'body_chart.compare': "compare a patient's body charts",
  'home_care_log.read': "read a patient's home-care log",
  'home_care_log.write': { check: 'log a home-care exercise' },
  'home_care_log.written': 'log a home-care exercise',
  'home_care_log.delete': { check: 'undo a home-care log entry' },
  'home_care_log.deleted': 'undo a home-care log entry',

  // Appointments and scheduling
  'appointment.calendar_read': 'read the calendar',
  'appointment.list': "list a patient's appointments",
  'appointment.read': 'read an appointment',
  'appointment.ics': 'download an appointment to a calendar',
  'appointment.book': { check: 'book an appointment' },
  'appointment.booked': 'book an appointment',
  'appointment.series_preview': 'preview a series of appointments',
  'appointment.series_book': { check: 'book a series of appointments' },
  'appointment.series_book.done': 'book a series of appointments',
  'appointment.confirm': { check: 'confirm an appointment' },
  'appointment.confirm.done': 'confirm an appointment',
  'appointment.check_in': { check: 'check a patient in' },
  'appointment.check_in.done': 'check a patient in',
  'appointment.undo_check_in': { check: 'undo a check-in' },
  'appointment.undo_check_in.done': 'undo a check-in',
  'appointment.no_show': { check: 'mark a no-show' },
  'appointment.no_show.done': 'mark a no-show',
  'appointment.complete': { check: 'complete a visit' },
  'appointment.complete.done': 'complete a visit',
  'appointment.reschedule': { check: 'move an appointment' },
  'appointment.reschedule.done': 'move an appointment',
  'appointment.cancel': { check: 'cancel an appointment' },
  'appointment.cancel.done': 'cancel an appointment',
  'appointment.referral_standing': "check a visit against the patient's referral",
  'appointment.referral_standing_list': "check the day's visits against the patients' referrals",
  'appointment.time_off_overlap_read': 'see the appointments that clash with time off',
  'appointments.rebook.read': 'read the list of patients to rebook',
  'appointments.rebook_reminder': 'send a reminder to rebook',
  'waitlist.read': 'read the waiting list',
  'waitlist.join': { check: 'put a patient on the waiting list' },
  'waitlist.join.done': 'put a patient on the waiting list',
  'waitlist.leave': { check: 'take a patient off the waiting list' },
  'waitlist.leave.done': 'take a patient off the waiting list',
  'waitlist.offer_make': { check: 'offer a waiting patient a time' },
  'waitlist.offer_make.done': 'offer a waiting patient a time',
  'waitlist.offer_read': 'open an offered time',
  'waitlist.offer_accept': { check: 'accept an offered time' },
  'waitlist.offer_accept.done': 'accept an offered time',
  'calendar_feed.create': 'create a calendar feed link',
  'calendar_feed.revoke': 'revoke a calendar feed link',
  'room.create': 'add a room',
  'room.update': 'change a room',
  'room.archive': 'archive a room',
  'service.create': 'add a service',
  'service.update': 'change a service',
  'service.archive': 'archive a service',
  'scheduling.rules_changed': 'change the booking rules',
  'therapist.schedule_changed': "change a therapist's weekly hours",
  'therapist.exception_added': 'add time off or extra hours',
  'therapist.exception_removed': 'remove time off or extra hours',

  // Billing
  'account.read': "read a patient's account",
  'balances.read': 'read who owes the clinic',
  'payment.record': 'record a payment',
  'payment.void': 'void a payment',
  'refund.record': 'record a refund',
  'fee.waive': 'waive a fee',
  'superbill.read': 'produce a superbill',
  'superbill.check': 'check a superbill before it is given',
  'claim.cms1500.read': 'produce a CMS-1500 claim',
  'claim.837p.read': 'produce an electronic (837P) claim',
};

/** A clinic use case refused for lack of a permission is audited as `access.<permission>` (authorizeClinic). */
const ACCESS_PREFIX = 'access.';

/** The past tense of every verb that starts the words above ("undo" → "undid"), checked by the unit test. */
export const PAST_TENSE: Record<string, string> = {
  accept: 'accepted',
  add: 'added',
  amend: 'amended',
  archive: 'archived',
  ask: 'asked',
  book: 'booked',
  cancel: 'cancelled',
  change: 'changed',
  check: 'checked',
  compare: 'compared',
  complete: 'completed',
  confirm: 'confirmed',
  count: 'counted',
  create: 'created',
  disable: 'disabled',
  discard: 'discarded',
  download: 'downloaded',
  edit: 'edited',
  enter: 'entered',
  export: 'exported',
  extend: 'extended',
  file: 'filed',
  give: 'gave',
  hide: 'hid',
  import: 'imported',
  invite: 'invited',
  keep: 'kept',
  list: 'listed',
  load: 'loaded',
  log: 'logged',
  make: 'made',
  mark: 'marked',
  merge: 'merged',
  move: 'moved',
  offer: 'offered',
  open: 'opened',
  preview: 'previewed',
  print: 'printed',
  produce: 'produced',
  put: 'put',
  read: 'read',
  record: 'recorded',
  refresh: 'refreshed',
  register: 'registered',
  remove: 'removed',
  reply: 'replied',
  report: 'reported',
  reset: 'reset',
  revoke: 'revoked',
  save: 'saved',
  screen: 'screened',
  search: 'searched',
  see: 'saw',
  send: 'sent',
  set: 'set',
  sign: 'signed',
  start: 'started',
  submit: 'submitted',
  take: 'took',
  turn: 'turned',
  undo: 'undid',
  upload: 'uploaded',
  verify: 'verified',
  void: 'voided',
  waive: 'waived',
  withdraw: 'withdrew',
  write: 'wrote',
};

/**
 * The audit log's action kinds, for the page's filter: each is the codes starting with one of its prefixes
 * (whole segments, so "patient." never matches "patients."). Every code belongs to exactly one kind.
 */
export const AUDIT_ACTION_KINDS = {
  security: {
    label: 'Sign-in, security and refused access',
    prefixes: ['auth.', 'api_token.', 'cli.', ACCESS_PREFIX],
  },
  patients: {
    label: 'Patient records, documents and referrals',
    prefixes: [
      'patient.',
      'attachment.',
      'attachments.',
      'disclosure.',
      'disclosures.',
      'records_request.',
      'record.',
      'fhir.',
      'provider.',
      'referral.',
    ],
  },
  intake: { label: 'Intake and health history', prefixes: ['intake.', 'health_history.'] },
  clinical: {
    label: 'Assessments, notes, plans and reports',
    prefixes: [
      'assessment.',
      'session_note.',
      'plan.',
      'progress.',
      'report.',
      'outcome.',
      'safety.',
      'clinical.',
      'body_chart.',
      'home_care_log.',
    ],
  },
  scheduling: {
    label: 'Appointments and scheduling',
    prefixes: [
      'appointment.',
      'appointments.',
      'waitlist.',
      'calendar_feed.',
      'room.',
      'service.',
      'scheduling.',
      'therapist.',
    ],
  },
  billing: {
    label: 'Billing',
    prefixes: ['account.', 'balances.', 'payment.', 'refund.', 'fee.', 'superbill.', 'claim.'],
  },
  clinic: {
    label: 'Clinic, team and public pages',
    prefixes: [
      'setup.',
      'clinic.',
      'location.',
      'member.',
      'invitation.',
      'audit.',
      'outbox.',
      'analytics.',
      'data.',
      'demo.',
      'directory.',
      'credential.',
      'review.',
      'outcome_instrument.',
    ],
  },
} as const satisfies Record<string, { label: string; prefixes: readonly string[] }>;
export type AuditActionKind = keyof typeof AUDIT_ACTION_KINDS;
export const AUDIT_ACTION_KIND_IDS = Object.keys(AUDIT_ACTION_KINDS) as [
  AuditActionKind,
  ...AuditActionKind[],
];

export type AuditOutcome = 'allowed' | 'refused' | 'failed';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function wordsOf(code: string): Words | undefined {
  if (Object.hasOwn(ACTION_WORDS, code)) return ACTION_WORDS[code];
  if (code.startsWith(ACCESS_PREFIX)) {
    const permission = code.slice(ACCESS_PREFIX.length);
    if (Object.hasOwn(PERMISSION_DESCRIPTIONS, permission))
      return { check: lowerFirst(PERMISSION_DESCRIPTIONS[permission as Permission]) };
  }
  return undefined;
}

/** Every action code with words: the literal codes, and `access.<permission>` for every permission. */
export const AUDIT_ACTION_CODES: readonly string[] = [
  ...Object.keys(ACTION_WORDS),
  ...Object.keys(PERMISSION_DESCRIPTIONS).map((p) => `${ACCESS_PREFIX}${p}`),
];

/** The kind an action code belongs to, or undefined for a code no kind covers. */
export function auditActionKind(code: string): AuditActionKind | undefined {
  return AUDIT_ACTION_KIND_IDS.find((kind) =>
    AUDIT_ACTION_KINDS[kind].prefixes.some((prefix) => code.startsWith(prefix)),
  );
}

function pastTense(words: string): string {
  const space = words.indexOf(' ');
  const verb = space < 0 ? words : words.slice(0, space);
  return `${PAST_TENSE[verb] ?? verb}${space < 0 ? '' : words.slice(space)}`;
}

/**
 * What an audit row says happened, as a sentence: "Cancelled an appointment", "Allowed to cancel an
 * appointment" (the access check before the write), "Refused: read a patient's record", "Failed: sign in".
 * A code without words (written by an older version) is answered as itself.
 */
export function auditActionText(code: string, outcome: AuditOutcome): string {
  const words = wordsOf(code);
  if (words === undefined) return code;
  const phrase = typeof words === 'string' ? words : words.check;
  if (outcome === 'refused') return `Refused: ${phrase}`;
  if (outcome === 'failed') return `Failed: ${phrase}`;
  return typeof words === 'string' ? capitalize(pastTense(words)) : `Allowed to ${phrase}`;
}

/** Whether the code is the access check before a write (the write itself is audited under its own code). */
export function isAccessCheck(code: string): boolean {
  const words = wordsOf(code);
  return words !== undefined && typeof words !== 'string';
}

/** An action's name where no outcome applies (the filter's choices): "Cancel an appointment". */
export function auditActionName(code: string): string {
  const words = wordsOf(code);
  if (words === undefined) return code;
  return typeof words === 'string' ? capitalize(words) : `${capitalize(words.check)} (access check)`;
}

/** The kinds of record audit rows are about, in words; a kind not listed (a FHIR type) reads as itself. */
const RESOURCE_WORDS: Record<string, string> = {
  analytics: 'Clinic analytics',
  api_token: 'API token',
  appointment: 'Appointment',
  appointment_series: 'Appointment series',
  assessment: 'Assessment',
  attachment: 'Document',
  calendar_feed: 'Calendar feed',
  clearance_request: 'Clearance request',
  clinic: 'Clinic',
  clinic_profile: 'Public clinic profile',
  clinical_report: 'Report to a physician',
  credential: 'Credential',
  database: 'Database',
  directory_photo: 'Public photo',
  disclosures: 'Accounting of disclosures',
  home_care_log: 'Home-care log',
  intake: 'Intake questionnaire',
  invitation: 'Invitation',
  location: 'Location',
  outcome_administration: 'Outcome measure',
  outcome_instrument: 'Outcome questionnaire',
  patient: 'Patient record',
  payment: 'Payment',
  payments: 'Payments',
  rebook: 'Patients to rebook',
  records_request: 'Records request',
  referral: 'Referral',
  referring_provider: 'Referring provider',
  review: 'Review',
  room: 'Room',
  safety_clearance: 'Physician clearance',
  service: 'Service',
  session_note: 'Session note',
  therapist_exception: 'Time off or extra hours',
  therapist_profile: 'Therapist profile',
  todo: 'To-do list',
  treatment_plan: 'Plan of care',
  user: 'Account',
  waitlist_entry: 'Waiting-list request',
  waitlist_offer: 'Waiting-list offer',
};

/** "treatment_plan" → "Plan of care"; an unknown kind with its underscores as spaces. */
export function auditResourceKind(resourceType: string): string {
  return Object.hasOwn(RESOURCE_WORDS, resourceType)
    ? RESOURCE_WORDS[resourceType]!
    : capitalize(resourceType.replaceAll('_', ' '));
}
