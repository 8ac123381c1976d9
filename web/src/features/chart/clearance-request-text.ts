import type { ClearanceRequest } from '../../../../src/modules/safety/schemas.ts';

/** The words of the clearance request form, as plain functions (tested without a browser). */

/** The question a therapist starts from: what the flags say, and what a physician needs to answer. */
export function draftQuestion(
  flags: readonly { subject: string; restriction: string }[],
  visitsSoFar: number,
) {
  const plan =
    visitsSoFar > 0
      ? `I would like to continue medical massage therapy (${visitsSoFar} ${visitsSoFar === 1 ? 'visit' : 'visits'} so far).`
      : 'I would like to begin medical massage therapy.';
  return [
    ...flags.map((f) => `${f.subject}: ${f.restriction}.`),
    `${plan} Is it safe for this patient, and are there areas, techniques or a pressure to avoid?`,
  ].join('\n');
}

/** A request to this provider about one of these flags that still waits for an answer (asking again is refused). */
export const waitingRequest = (
  requests: readonly ClearanceRequest[],
  providerId: string,
  ruleIds: readonly string[],
) =>
  requests.find(
    (r) =>
      r.answeredAt === null && r.provider.id === providerId && r.ruleIds.some((id) => ruleIds.includes(id)),
  ) ?? null;

/**
 * Who may clear a medical contraindication: a physician, or another medical provider (nurse practitioner,
 * physician assistant: filed as "other"). A chiropractor or physical therapist can refer, but is not normally
 * the one to clear one.
 */
export const mayClearMedically = (kind: string) => kind === 'physician' || kind === 'other';
