import type { z } from 'zod';
import { getRomNorm, type JointMotion } from '../../../../src/domain/outcomes/rom.ts';
import { INSTRUMENT_NAMES } from '../../../../src/modules/outcome-measures/schemas.ts';
import type { goal } from '../../../../src/modules/plans/schemas.ts';
import { formatDay } from '../../components/format.ts';

type Goal = z.infer<typeof goal>;

/** A goal in words: "ODI from 44 to 24 by May 1, 2026", "“Sit through a meeting” by May 1, 2026". */
export function goalText(g: Goal): string {
  if (g.kind === 'functional') return `“${g.patientWords}” by ${formatDay(g.dueDate)}`;
  if (g.kind === 'instrument')
    return `${INSTRUMENT_NAMES[g.instrumentId]} from ${g.baseline} to ${g.target} by ${formatDay(g.dueDate)}${g.description ? ` — ${g.description}` : ''}`;
  const spec = getRomNorm(g.jointMotion as JointMotion);
  return `${spec.joint} ${spec.motion}${g.side ? ` (${g.side})` : ''} from ${g.baseline} to ${g.target}${spec.unit === 'mm' ? ' mm' : '°'} by ${formatDay(g.dueDate)}`;
}
