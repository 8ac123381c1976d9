import type { Billing } from './api.ts';

/**
 * A note's billable units in plain words, as a superbill bills them: "Billable units: 3 (45 timed minutes:
 * 97140 × 3)", each code with its units, "(35 timed minutes: 97124 × 1, 97140 × 1)"; an untimed code is one
 * unit, "(…; 97010 untimed, 1 unit)". The step-by-step count by the 8-minute rule stays in the API's
 * `explanation`.
 */
export function unitsLine(
  billing: Pick<Billing, 'totalTimedMinutes' | 'totalUnits' | 'unitsByCode' | 'untimedCodes'>,
): string {
  const { totalTimedMinutes: minutes, totalUnits, untimedCodes } = billing;
  const codes = Object.entries(billing.unitsByCode).filter(([, units]) => units > 0);
  const parts: string[] = [];
  if (minutes > 0) {
    const timed = `${minutes} timed ${minutes === 1 ? 'minute' : 'minutes'}`;
    parts.push(
      totalUnits === 0
        ? `${timed}; a unit needs 8`
        : `${timed}: ${codes.map(([code, units]) => `${code} × ${units}`).join(', ')}`,
    );
  }
  if (untimedCodes.length > 0)
    parts.push(`${untimedCodes.join(', ')} untimed, 1 unit${untimedCodes.length > 1 ? ' each' : ''}`);
  if (parts.length === 0) return 'Billable units: none (no treatment recorded)';
  return `Billable units: ${totalUnits + untimedCodes.length} (${parts.join('; ')})`;
}
