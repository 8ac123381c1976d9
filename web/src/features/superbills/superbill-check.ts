import { formatCents } from '../../../../src/domain/billing/money.ts';
import type { SuperbillCheck } from '../../../../src/modules/superbills/schemas.ts';
import { formatDay } from '../../components/format.ts';
import type { ClaimFix } from './claim-fixes.ts';

type LeftOut = SuperbillCheck['leftOut'][number];
type Unpointed = SuperbillCheck['withoutDiagnosis'][number];

const notePath = (patientId: string, noteId: string) => `/patients/${patientId}/notes/${noteId}`;

/**
 * Where a visit left off the superbill is put right: its note (to sign, to document the treatment, to check its
 * date), a note to write for the visit, or the therapists' credentials for a visit given without a valid licence.
 * Null when there is nothing to open.
 */
export function leftOutFix(visit: LeftOut, patientId: string): ClaimFix | null {
  if (visit.reason === 'no_licence')
    return {
      to: '/directory-admin/credentials',
      label: 'Open the therapists’ credentials',
      gate: 'directory',
    };
  if (visit.noteId)
    return {
      to: notePath(patientId, visit.noteId),
      label: visit.reason === 'note_unsigned' ? 'Open the note to sign it' : 'Open the note',
      gate: 'todo',
    };
  if (visit.appointmentId)
    return {
      to: `/patients/${patientId}/notes/new?appointmentId=${visit.appointmentId}`,
      label: 'Write the note',
      gate: 'todo',
    };
  return null;
}

/** Where a visit pointing to no diagnosis is put right: the referral (its dates, its diagnoses), or its note. */
export function withoutDiagnosisFix(visit: Unpointed, patientId: string): ClaimFix {
  return visit.fixAt === 'note'
    ? { to: notePath(patientId, visit.noteId), label: 'Open the note', gate: 'todo' }
    : { to: `/patients/${patientId}#section-referrals`, label: 'Open the referrals', gate: 'patients' };
}

/** "Nov 7, 2026: note not signed yet" (and what the patient paid for it). */
export function leftOutLine(visit: LeftOut): string {
  return `${formatDay(visit.date)}: ${visit.message}${visit.paidCents > 0 ? ` (paid ${formatCents(visit.paidCents)})` : ''}.`;
}

/** "Nov 12, 2026: the visit is after the referral of … ends …". */
export function withoutDiagnosisLine(visit: Unpointed): string {
  return `${formatDay(visit.date)}: ${visit.message}.`;
}

/** The alert's heading: how many visits on the superbill point to no diagnosis, and what that means. */
export function withoutDiagnosisTitle(count: number): string {
  return count === 1
    ? '1 visit on this superbill has no diagnosis: the insurer cannot reimburse it'
    : `${count} visits on this superbill have no diagnosis: the insurer cannot reimburse them`;
}

/**
 * What the superbill lists, as the staff read it before giving it: "3 visits, total charged $330.00. Paid in
 * full ($330.00). Payments for visits not listed: $185.00."
 */
export function superbillSummary(check: SuperbillCheck): string {
  if (check.visits === 0)
    return `No visit to put on the superbill in this period.${check.otherVisitsPaidCents > 0 ? ` ${check.paymentText}` : ''}`;
  const visits = `${check.visits} ${check.visits === 1 ? 'visit' : 'visits'}`;
  const charged =
    check.unpriced === check.visits
      ? 'no fee recorded'
      : `total charged ${formatCents(check.chargedCents)}${check.unpriced > 0 ? ` (${check.unpriced} without a recorded fee)` : ''}`;
  return `On this superbill: ${visits}, ${charged}. ${check.paymentText}`;
}

/** The heading of the visits left out, with their number. */
export function leftOutTitle(count: number): string {
  return `Visits not on this superbill (${count})`;
}
