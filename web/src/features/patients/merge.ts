import {
  linkAccountWarning,
  type Patient,
  type PossibleDuplicate,
} from '../../../../src/modules/patients/schemas.ts';

/**
 * The words of the merge panel: the two records side by side, what moves to the kept record, the warning when
 * the merge links an online account to a chart, and what the merge did.
 */

/** "1 referral", "2 referrals", "0 documents". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const FIELD_LABELS: Record<string, string> = {
  preferredName: 'preferred name',
  pronouns: 'pronouns',
  sexAssignedAtBirth: 'sex assigned at birth',
  genderIdentity: 'gender identity',
  email: 'e-mail',
  phone: 'phone',
  contactPreferences: 'contact preferences',
  emergencyContact: 'emergency contact',
  address: 'address',
  insurance: 'insurance',
  guardian: 'guardian',
  notes: 'notes',
};

/** What a moved row is, in one and many. */
const TABLE_WORDS: Record<string, [string, string]> = {
  appointments: ['appointment', 'appointments'],
  appointment_series: ['repeating booking', 'repeating bookings'],
  session_notes: ['session note', 'session notes'],
  assessments: ['assessment', 'assessments'],
  treatment_plans: ['treatment plan', 'treatment plans'],
  outcome_administrations: ['questionnaire score', 'questionnaire scores'],
  referrals: ['referral', 'referrals'],
  attachments: ['document', 'documents'],
  intake_responses: [
    'intake questionnaire or health-history version',
    'intake questionnaires and health-history versions',
  ],
  safety_clearances: ['physician clearance', 'physician clearances'],
  physician_patient_links: ['physician with access', 'physicians with access'],
  intake_links: ['intake link', 'intake links'],
  health_history_confirmations: ['“no change” confirmation', '“no change” confirmations'],
  waitlist_entries: ['waitlist entry', 'waitlist entries'],
  'patients.merged_into_id': ['record merged earlier', 'records merged earlier'],
  patient_possible_duplicates: ['possible-duplicate notice', 'possible-duplicate notices'],
  'patient_possible_duplicates.existing_patient_id': [
    'possible-duplicate notice',
    'possible-duplicate notices',
  ],
};

/** One moved table in plain words: "3 appointments"; a table without words reads "waitlist offers (2)". */
export function movedWords(table: string, n: number): string {
  const words = TABLE_WORDS[table];
  if (words) return plural(n, words[0], words[1]);
  return `${table.split('.')[0]!.replace(/_/g, ' ')} (${n})`;
}

/** The message after a merge: what moved, which empty fields were filled, and whether an account was linked. */
export function mergedMessage(result: { moved: Record<string, number>; filledFields: string[] }): string {
  const moved = Object.entries(result.moved)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => movedWords(t, n));
  const filled = result.filledFields.filter((f) => f !== 'userId').map((f) => FIELD_LABELS[f] ?? f);
  const parts = [
    moved.length
      ? `Merged. Moved to this record: ${moved.join(', ')}.`
      : 'Merged. The duplicate held nothing else to move.',
  ];
  if (filled.length) parts.push(`Filled in from the duplicate: ${filled.join(', ')}.`);
  if (result.filledFields.includes('userId')) parts.push('The online account is now linked to this record.');
  return parts.join(' ');
}

/** What the duplicate's chart holds, as counted for the confirmation. */
export interface DuplicateHoldings {
  appointments: number;
  referrals: number;
  documents: number;
  /** The intake: none, a draft, or submitted up to this health-history version. */
  intake: { status: 'none' } | { status: 'draft' } | { status: 'submitted'; version: number };
}

/** The list under "Appointments, notes, documents and referrals move to the kept record". */
export function movesList(h: DuplicateHoldings): string[] {
  const lines = [
    plural(h.appointments, 'upcoming appointment'),
    plural(h.referrals, 'referral'),
    plural(h.documents, 'document'),
  ];
  if (h.intake.status === 'draft') lines.push('the intake questionnaire draft');
  if (h.intake.status === 'submitted')
    lines.push(
      h.intake.version > 1
        ? `the intake questionnaire and ${h.intake.version} health-history versions`
        : 'the intake questionnaire',
    );
  lines.push('session notes, assessments, treatment plans, physician clearances and physician access');
  return lines;
}

/** Which of the two records the patient created by registering online, from a possible-duplicate notice. */
export function onlineRecordId(
  notices: readonly Pick<PossibleDuplicate, 'patient' | 'existing'>[],
  a: string,
  b: string,
): string | null {
  const pair = notices.find(
    (n) => (n.patient.id === a && n.existing.id === b) || (n.patient.id === b && n.existing.id === a),
  );
  return pair ? pair.patient.id : null;
}

export type MergeSide = Pick<Patient, 'id' | 'displayName' | 'email' | 'phone' | 'hasPortalAccount'>;

/** One record's column in the side-by-side comparison. */
export function sideFacts(
  side: MergeSide,
  onlineId: string | null,
): { email: string; phone: string; account: string } {
  return {
    email: side.email ?? 'No e-mail',
    phone: side.phone ?? 'No phone',
    account:
      side.id === onlineId
        ? 'Registered online (has an online account)'
        : side.hasPortalAccount
          ? 'Has an online account'
          : 'No online account',
  };
}

/**
 * The warning when the merge links an online account to a chart it cannot read today (the server refuses the
 * merge without confirmIdentity then), or null. The account is the kept record's, or the duplicate's it takes.
 */
export function accountLinkWarning(survivor: MergeSide, duplicate: MergeSide): string | null {
  if (!survivor.hasPortalAccount && !duplicate.hasPortalAccount) return null;
  const [owner, other] = survivor.hasPortalAccount ? [survivor, duplicate] : [duplicate, survivor];
  return linkAccountWarning(owner.email, other.displayName);
}
