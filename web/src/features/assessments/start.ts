/**
 * The referral a new evaluation starts under: the one chosen ("" is the choice of none), or before any choice
 * the patient's first referral, if any.
 */
export function chosenReferral(choice: string | null, referrals: readonly { id: string }[]): string {
  return choice ?? referrals[0]?.id ?? '';
}
