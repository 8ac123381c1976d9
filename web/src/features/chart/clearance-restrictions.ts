/** Which restrictions a physician clearance lifts: ticked on the form, named on the record. */
import type { ClinicianSafety } from '../patients/api.ts';

type Flag = Pick<ClinicianSafety['flags'][number], 'ruleId' | 'subject' | 'restriction'>;

/** The condition, then what the restriction forbids: a condition such as a DVT carries several restrictions. */
export const restrictionLabel = (flag: Flag) => `${flag.subject}: ${flag.restriction}`;

/**
 * What a clearance lifted, one line per restriction as the chart flags it (a rule may flag more than one
 * condition); a rule no longer flagged is named by its id.
 */
export function liftedRestrictions(ruleIds: readonly string[], flags: readonly Flag[]): string[] {
  return ruleIds.flatMap((ruleId) => {
    const labels = [...new Set(flags.filter((f) => f.ruleId === ruleId).map(restrictionLabel))];
    return labels.length > 0 ? labels : [ruleId];
  });
}

/**
 * The restrictions ticked when the form opens: only those the request being answered asked about, else none,
 * so that a clearance never lifts what the physician was not asked and did not tick.
 */
export const initiallyTicked = (rules: readonly Flag[], asked: readonly string[] = []): string[] =>
  rules.filter((r) => asked.includes(r.ruleId)).map((r) => r.ruleId);
