import { formatCents } from './money.ts';

/**
 * What a superbill says of payments, as the patient's account allocates them (`allocation.ts`): what was
 * applied to the visits it lists, against their charges; and, said plainly apart, what was applied to the
 * period's visits it does not list (a note not signed yet…), so a patient who paid for five visits is not told
 * three were "paid in full" as if that were all.
 *
 * "Paid in full ($330.00). Payments for visits not listed: $185.00.", "Paid $110.00; balance due $110.00." or
 * "Nothing paid yet."
 */
export function superbillPaymentText(input: {
  chargedCents: number;
  paidCents: number;
  otherVisitsPaidCents: number;
}): string {
  const { chargedCents, paidCents, otherVisitsPaidCents } = input;
  const listed =
    paidCents === 0
      ? otherVisitsPaidCents > 0
        ? 'Nothing paid yet for these visits.'
        : 'Nothing paid yet.'
      : paidCents >= chargedCents
        ? `Paid in full (${formatCents(paidCents)}).`
        : `Paid ${formatCents(paidCents)}; balance due ${formatCents(chargedCents - paidCents)}.`;
  return otherVisitsPaidCents > 0
    ? `${listed} Payments for visits not listed: ${formatCents(otherVisitsPaidCents)}.`
    : listed;
}

/** Why a visit of the period is not on its superbill. */
export const SUPERBILL_LEFT_OUT_REASONS = [
  'no_note',
  'note_unsigned',
  'note_other_date',
  'no_procedure',
  'no_licence',
] as const;
export type SuperbillLeftOutReason = (typeof SUPERBILL_LEFT_OUT_REASONS)[number];

/** The reason in plain words, for the clinic's staff ("note not signed yet"). */
export function leftOutReasonText(reason: SuperbillLeftOutReason): string {
  switch (reason) {
    case 'no_note':
      return 'no note written yet';
    case 'note_unsigned':
      return 'note not signed yet';
    case 'note_other_date':
      return 'its note is dated outside this period';
    case 'no_procedure':
      return 'no billable procedure documented (no treatment with a procedure code)';
    case 'no_licence':
      return 'given without a valid licence';
  }
}
