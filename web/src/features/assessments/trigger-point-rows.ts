import { getRegion, isRegionId, type RegionId } from '../../../../src/domain/catalog/body-regions.ts';
import type { AssessmentContent } from './api.ts';

/** Trigger points as typed in a form, and what of them is saved. No JSX: tests import it. */
export type TriggerPoint = NonNullable<NonNullable<AssessmentContent['palpation']>['triggerPoints']>[number];

export interface TriggerPointRow {
  key: string;
  region: RegionId | '';
  muscle: string;
  referralPattern: string;
  activity: '' | 'active' | 'latent';
}

export const triggerPointRowsOf = (points: TriggerPoint[] | undefined): TriggerPointRow[] =>
  (points ?? []).map((p, i) => ({
    key: `tp${i}`,
    region: p.region,
    muscle: p.muscle ?? '',
    referralPattern: p.referralPattern,
    activity: p.active === undefined ? '' : p.active ? 'active' : 'latent',
  }));

/** The rows that can be saved: a region is chosen (the other fields are optional). */
export function validTriggerPoints(rows: TriggerPointRow[]): TriggerPoint[] {
  return rows.flatMap((r) => {
    if (!r.region || !isRegionId(r.region)) return [];
    const muscle = r.muscle.trim();
    return [
      {
        region: r.region,
        ...(muscle ? { muscle } : {}),
        referralPattern: r.referralPattern.trim(),
        ...(r.activity ? { active: r.activity === 'active' } : {}),
      },
    ];
  });
}

/** "Active", "Latent" or nothing, for a stored trigger point. */
export const activityLabel = (p: TriggerPoint) =>
  p.active === undefined ? null : p.active ? 'Active' : 'Latent';

export const regionLabel = (region: string) => (isRegionId(region) ? getRegion(region).label : region);
