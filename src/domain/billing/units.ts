/**
 * Units for timed (15-minute) CPT codes.
 *
 * Default method `'cms'`: the Medicare 8-minute rule (Claims Processing Manual, Pub 100-04, ch. 5 §20.2;
 * clinical reference §4.2). Add the minutes of all timed codes of the day; the total gives the units
 * (8–22 = 1, 23–37 = 2, 38–52 = 3 …, i.e. a unit per full 15 minutes plus one for a remainder of 8 or more).
 * Then give each code its full 15-minute units, and the remaining units one each to the codes with the
 * most leftover minutes, so leftovers of 7 minutes or less from several codes can combine into a unit
 * billed to the code with more minutes. Ties (same leftover, same minutes) go to the lower code, so the
 * result does not depend on key order (CMS leaves that choice to the clinician).
 *
 * Method `'per-code'`: the CPT "midpoint" reading some commercial payers use: the same table applied to
 * each code on its own, so a code needs 8 minutes itself to earn a unit. Units per payer must be
 * configurable (reference §4.2); this module only computes.
 *
 * Untimed codes (e.g. 97010) never count toward timed minutes: known untimed codes passed in are ignored
 * and reported in `ignoredUntimed`. Codes Palpa does not know are treated as timed, as the caller says.
 */
import { isTimedCpt } from '../codes/cpt.ts';

export type UnitMethod = 'cms' | 'per-code';

export const DEFAULT_UNIT_METHOD: UnitMethod = 'cms';

export interface BillableUnits {
  readonly method: UnitMethod;
  readonly totalTimedMinutes: number;
  readonly totalUnits: number;
  /** Every timed code passed in, including those that earned 0 units. */
  readonly unitsByCode: Readonly<Record<string, number>>;
  /** Known untimed codes that were passed in and left out of the count. */
  readonly ignoredUntimed: readonly string[];
  /** Human-readable steps, one per line. */
  readonly explanation: string;
}

/** Units for a number of timed minutes: 0–7 → 0, 8–22 → 1, 23–37 → 2, 38–52 → 3, … */
export function unitsForMinutes(minutes: number): number {
  assertMinutes('minutes', minutes);
  return minutes < 8 ? 0 : Math.floor((minutes + 7) / 15);
}

/** Smallest number of minutes that earns `units` units (1 → 8, 2 → 23, 3 → 38 …). */
export function minutesForUnits(units: number): number {
  if (!Number.isInteger(units) || units < 0) throw new RangeError('units must be a whole number ≥ 0');
  return units === 0 ? 0 : units * 15 - 7;
}

function assertMinutes(label: string, minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`${label}: minutes must be a whole number ≥ 0, got ${minutes}`);
  }
}

interface Line {
  readonly code: string;
  readonly minutes: number;
}

function splitTimed(timedMinutesByCode: Readonly<Record<string, number>>): {
  lines: Line[];
  ignoredUntimed: string[];
} {
  const lines: Line[] = [];
  const ignoredUntimed: string[] = [];
  for (const [code, minutes] of Object.entries(timedMinutesByCode)) {
    assertMinutes(code, minutes);
    if (isTimedCpt(code) === false) ignoredUntimed.push(code);
    else lines.push({ code, minutes });
  }
  return { lines, ignoredUntimed };
}

function compareCodes(a: Line, b: Line): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function cmsUnits(
  lines: readonly Line[],
  total: number,
  totalUnits: number,
  steps: string[],
): Record<string, number> {
  const units: Record<string, number> = {};
  let assigned = 0;
  for (const line of lines) {
    const full = Math.floor(line.minutes / 15);
    units[line.code] = full;
    assigned += full;
    steps.push(
      `${line.code}: ${line.minutes} min = ${full} full unit(s), ${line.minutes % 15} min left over.`,
    );
  }
  let remaining = totalUnits - assigned;
  steps.push(`${total} total timed min → ${totalUnits} unit(s); ${assigned} from full 15-minute blocks.`);
  const byLeftover = lines
    .filter((line) => line.minutes % 15 > 0)
    .sort((a, b) => (b.minutes % 15) - (a.minutes % 15) || b.minutes - a.minutes || compareCodes(a, b));
  for (const line of byLeftover) {
    if (remaining <= 0) break;
    units[line.code] = (units[line.code] ?? 0) + 1;
    remaining--;
    steps.push(`Remaining unit → ${line.code} (most leftover minutes: ${line.minutes % 15}).`);
  }
  // Cannot happen: leftover units never exceed the codes with leftover minutes. Kept as a guard.
  if (remaining !== 0) throw new Error('8-minute rule: units left unassigned');
  return units;
}

export function billableUnits(
  timedMinutesByCode: Readonly<Record<string, number>>,
  method: UnitMethod = DEFAULT_UNIT_METHOD,
): BillableUnits {
  const { lines, ignoredUntimed } = splitTimed(timedMinutesByCode);
  const totalTimedMinutes = lines.reduce((sum, line) => sum + line.minutes, 0);
  const steps: string[] = [];
  if (ignoredUntimed.length > 0) {
    steps.push(`Untimed, not counted toward timed minutes: ${ignoredUntimed.join(', ')}.`);
  }

  let unitsByCode: Record<string, number>;
  let totalUnits: number;
  if (method === 'cms') {
    steps.unshift('Method: CMS 8-minute rule (total timed minutes of the day).');
    totalUnits = unitsForMinutes(totalTimedMinutes);
    unitsByCode = cmsUnits(lines, totalTimedMinutes, totalUnits, steps);
  } else {
    steps.unshift('Method: per code (CPT midpoint: each code needs 8 minutes for its first unit).');
    unitsByCode = {};
    totalUnits = 0;
    for (const line of lines) {
      const units = unitsForMinutes(line.minutes);
      unitsByCode[line.code] = units;
      totalUnits += units;
      steps.push(`${line.code}: ${line.minutes} min → ${units} unit(s).`);
    }
  }
  if (totalTimedMinutes < 8 && lines.length > 0) {
    steps.push('Less than 8 timed minutes in total: no timed unit is billable.');
  }
  steps.push(`Total: ${totalUnits} unit(s) for ${totalTimedMinutes} timed min.`);
  return {
    method,
    totalTimedMinutes,
    totalUnits,
    unitsByCode,
    ignoredUntimed,
    explanation: steps.join('\n'),
  };
}
