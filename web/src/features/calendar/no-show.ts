import { formatCents } from '../../../../src/domain/billing/money.ts';

/**
 * What recording a no-show does, asked before it is done (one click used to record it): the visit is closed as
 * missed, the clinic's no-show fee (if it has one) goes on the patient's account, and the status stays. A fee
 * charged by mistake is waived from the patient's payments.
 */
export function noShowQuestion(patientName: string | null, feeCents: number | undefined): string {
  const whose = patientName ? `${patientName} as a no-show` : 'this patient as a no-show';
  const fee =
    feeCents === undefined
      ? ' The clinic’s no-show fee, if it has one, goes on the account.'
      : feeCents > 0
        ? ` The clinic’s no-show fee of ${formatCents(feeCents)} goes on the account (it can be waived from the patient’s payments).`
        : ' The clinic charges no no-show fee.';
  return `Mark ${whose}?${fee} A no-show cannot be undone: if they have arrived, check them in instead.`;
}
