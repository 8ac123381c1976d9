/** Where a plan of care collides with the patient's safety flags today, for the physician who signs it. */
import { expandSites, isSiteId } from '../../../../src/domain/catalog/body-regions.ts';
import { restrictionLabel } from '../chart/clearance-restrictions.ts';
import type { PlanScreening } from '../plans/api.ts';

export interface PlanConflict {
  key: string;
  /** The flag: its condition and what it rules out. */
  flag: string;
  /** The plan's techniques and regions (as the plan names them) that it rules out. */
  techniques: string[];
  regions: string[];
}

export interface PlanSafetyMarks {
  conflicts: PlanConflict[];
  /** Technique or region id of the plan → the flags it conflicts with. */
  techniques: Map<string, string[]>;
  regions: Map<string, string[]>;
}

/**
 * The flags the plan's screening finds ruled out (blocking: no clearance covers them), each with the plan's
 * techniques and regions it touches; a plan region counts when any of its parts is in the conflict.
 */
export function planSafetyMarks(
  screening: Pick<PlanScreening, 'findings'>,
  plan: { techniques: readonly string[]; regions: readonly string[] },
): PlanSafetyMarks {
  const marks: PlanSafetyMarks = { conflicts: [], techniques: new Map(), regions: new Map() };
  const mark = (map: Map<string, string[]>, id: string, flag: string) => {
    const flags = map.get(id) ?? [];
    if (!flags.includes(flag)) map.set(id, [...flags, flag]);
  };
  for (const finding of screening.findings.filter((f) => f.blocking)) {
    const flag = restrictionLabel(finding);
    const touched = new Set(finding.conflicts.flatMap((c) => c.regions));
    const techniques = [...new Set(finding.conflicts.map((c) => c.technique))];
    const regions = plan.regions.filter(
      (r) => isSiteId(r) && expandSites([r]).some((part) => touched.has(part)),
    );
    for (const t of techniques) mark(marks.techniques, t, flag);
    for (const r of regions) mark(marks.regions, r, flag);
    marks.conflicts.push({ key: finding.key, flag, techniques, regions });
  }
  return marks;
}
