/**
 * How a patient's payments settle their charges. Each charge first takes what was paid for it, up to what it is
 * owed; everything else (payments on account, and what was paid beyond a charge) settles the oldest charges
 * still owing. So a charge shows as due only while the account as a whole owes, and the amounts due add up to
 * the balance. A refund is a negative payment on account: it takes back from the credit it was given from.
 */
export interface OwedCharge {
  id: string;
  /** Orders the charges: the oldest is settled first (ISO instants compare as strings). */
  start: string;
  /** What the charge is owed: its fee, or 0 once waived. */
  owedCents: number;
}

export function allocatePayments(
  charges: readonly OwedCharge[],
  payments: readonly { chargeId: string | null; amountCents: number }[],
): Map<string, number> {
  const settled = new Map<string, number>();
  let unapplied = payments.reduce((total, p) => total + p.amountCents, 0);
  for (const charge of charges) {
    const paidFor = payments
      .filter((p) => p.chargeId === charge.id)
      .reduce((total, p) => total + p.amountCents, 0);
    const applied = Math.min(paidFor, charge.owedCents);
    settled.set(charge.id, applied);
    unapplied -= applied;
  }
  for (const charge of [...charges].sort((a, b) => a.start.localeCompare(b.start))) {
    const take = Math.min(charge.owedCents - settled.get(charge.id)!, unapplied);
    if (take <= 0) continue;
    settled.set(charge.id, settled.get(charge.id)! + take);
    unapplied -= take;
  }
  return settled;
}
