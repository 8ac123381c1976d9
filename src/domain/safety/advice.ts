/**
 * What to do when the patient's health rules out part of a plan of care or of a treatment given, in one
 * wording for the server's refusals, the plan page, the plan form and the session-note editor: none of them
 * offers a physician clearance where the rule says a clearance cannot lift it (clinical reference §3: an
 * absolute contraindication stands whatever a physician writes).
 */
import { type PressureDepth, pressureRank } from '../catalog/techniques.ts';
import type { Finding } from './types.ts';

/** What the therapist changes: the plan of care, or the treatment written in a session note. */
export type Work = 'plan' | 'treatment';

/** A finding's `clearancePolicy` (a `ClearancePolicy`; a string as an API answer or a stored snapshot types it). */
type Ruling = { readonly clearancePolicy: string };

/** A physician clearance can lift the finding: its rule requires one, or lets one override it. */
export const clearanceCanLift = (finding: Ruling): boolean => finding.clearancePolicy !== 'not-overridable';

/** Said beside one finding that rules something out. */
export const liftText = (finding: Ruling): string =>
  clearanceCanLift(finding)
    ? 'A physician clearance can lift this.'
    : 'A physician clearance cannot lift this.';

/** What to do about the findings that rule out part of the work, in one sentence. */
export function ruledOutAdvice(findings: readonly Ruling[], work: Work): string {
  const liftable = findings.filter(clearanceCanLift).length;
  if (liftable === 0)
    return `Change the ${work}: a physician clearance cannot lift ${findings.length > 1 ? 'these restrictions' : 'this restriction'}.`;
  if (liftable === findings.length)
    return `Change the ${work}, or ask the physician for a clearance and record it.`;
  return `Change the ${work}. A physician clearance can lift only the restrictions marked so: ask for it and record it, and change the ${work} for the others.`;
}

/**
 * Where a finding meets one treated region, when `screen()` proposed one technique at one pressure over regions
 * that include it: ruled out there (no clearance covers it), care it asks of the work there, or neither. A
 * pressure-only precaution ("light pressure only") asks nothing of work given at or under its limit, so such
 * work is not marked (the finding still shows in the note's screening).
 */
export function findingAt(
  finding: Pick<Finding, 'blocking' | 'pressureOnly' | 'maxPressure'> & {
    readonly regions: 'everywhere' | readonly string[];
    readonly conflicts: readonly { readonly regions: readonly string[] }[];
  },
  region: string,
  pressure: PressureDepth,
): 'blocked' | 'touched' | null {
  if (finding.blocking && finding.conflicts.some((c) => c.regions.includes(region))) return 'blocked';
  const within = finding.regions === 'everywhere' || finding.regions.includes(region);
  if (!within) return null;
  const met =
    finding.pressureOnly &&
    finding.maxPressure !== null &&
    pressureRank(pressure) <= pressureRank(finding.maxPressure);
  return met ? null : 'touched';
}
