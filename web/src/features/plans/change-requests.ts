/** A physician's answer "changes needed" to a plan version, in words, for the therapist's and the physician's pages. */
import { PLAN_CHANGE_REASON_MAX } from '../../../../src/modules/plans/schemas.ts';
import { formatDate } from '../../components/format.ts';
import type { Plan, PlanChangeRequest } from './api.ts';

/** What is wrong with a reason before it is sent (the server says the same), or null. */
export function changeReasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (!text) return 'Say what needs to change, and why';
  if (text.length > PLAN_CHANGE_REASON_MAX)
    return `At most ${PLAN_CHANGE_REASON_MAX.toLocaleString('en-US')} characters (${text.length.toLocaleString('en-US')} now)`;
  return null;
}

/** "Dr Ana Ruiz asked for changes to version 2 on Nov 28, 2026", the day in the clinic's time zone. */
export function changeRequestHeadline(request: PlanChangeRequest, timeZone: string, you = false): string {
  const who = you ? 'You' : request.physician.name || 'The physician';
  return `${who} asked for changes to version ${request.version} on ${formatDate(request.requestedAt, timeZone)}`;
}

/** The signed-in physician's own open answer to the plan's current version, if any. */
export const ownChangeRequest = (plan: Pick<Plan, 'changesRequested'>, userId: string) =>
  plan.changesRequested.find((r) => r.physician.userId === userId) ?? null;

/** The reason as the physician wrote it, one paragraph per non-empty line (plain text, never markup). */
export const reasonParagraphs = (reason: string): string[] =>
  reason
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
