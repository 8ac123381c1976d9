import type { PayerKind } from '../../../../src/domain/billing/cms1500.ts';
import { type HealthPlanFiling, PAYER_ID_PATTERN } from '../../../../src/domain/billing/x12-837p.ts';
import type { Cms1500Preflight } from '../../../../src/modules/superbills/schemas.ts';

/**
 * Whether the 837P file can be downloaded: `blocked` says why not (null when it can), `payerIdError` what is
 * wrong with the payer ID typed. Any error among the claim's problems blocks it, as the API would refuse it.
 */
export function electronicClaimState(
  preflight: Pick<Cms1500Preflight, 'problems' | 'electronicProblems'>,
  payerId: string,
): { blocked: string | null; payerIdError?: string } {
  const entered = payerId.trim();
  const payerIdError =
    entered && !PAYER_ID_PATTERN.test(entered) ? 'A payer ID is 2 to 15 letters or digits' : undefined;
  const unclean = [...preflight.problems, ...preflight.electronicProblems].some(
    (p) => p.severity === 'error',
  );
  if (unclean)
    return {
      blocked: 'Fix what is listed above first: the clearinghouse would reject the claim.',
      payerIdError,
    };
  if (!entered || payerIdError) return { blocked: 'Enter the payer ID first.', payerIdError };
  return { blocked: null };
}

/** The 837P download: the claim's period and payer, the payer ID, and a health plan's filing indicator. */
export function electronicClaimUrl(
  patientBase: string,
  claim: { from: string; to: string; payer: PayerKind; payerId: string; filing: HealthPlanFiling },
): string {
  const query = new URLSearchParams({
    from: claim.from,
    to: claim.to,
    payer: claim.payer,
    payerId: claim.payerId.trim(),
    ...(claim.payer === 'health' ? { filing: claim.filing } : {}),
  });
  return `${patientBase}/claims/837p?${query}`;
}
