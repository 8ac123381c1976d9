/** Resolves a ProposedTreatment into planned items (safety tags + pressure) over region ids. */
import { expandSites, isSiteId, type RegionId, type SiteId } from '../catalog/body-regions.ts';
import {
  getTechnique,
  isSafetyTag,
  isTechniqueId,
  type PressureDepth,
  pressureRank,
  type SafetyTag,
  TAG_DEFAULT_PRESSURE,
} from '../catalog/techniques.ts';
import type { Applicable } from './applicable.ts';
import type { ProposalConflict, ProposedTreatment, ScreeningIssue, TechniqueScope } from './types.ts';

export interface PlannedItem {
  readonly ref: string;
  /** Empty for an unknown technique: only rules that rule out 'all' techniques can catch it. */
  readonly tags: readonly SafetyTag[];
  readonly pressure: PressureDepth;
  /** The pressure may be lowered to what a rule allows (a plan of care; see `ProposedTreatment`). */
  readonly adjustable: boolean;
}

export interface Plan {
  readonly items: readonly PlannedItem[];
  readonly regions: readonly RegionId[];
  readonly issues: readonly ScreeningIssue[];
}

export function resolveProposal(proposed: ProposedTreatment): Plan {
  const issues: ScreeningIssue[] = [];
  const items: PlannedItem[] = [];
  const adjustable = proposed.pressureAdjustable ?? false;
  for (const ref of proposed.techniques) {
    if (isTechniqueId(ref)) {
      const technique = getTechnique(ref);
      items.push({
        ref,
        tags: technique.safetyTags,
        pressure: proposed.pressure ?? technique.defaultPressure,
        adjustable,
      });
    } else if (isSafetyTag(ref)) {
      items.push({ ref, tags: [ref], pressure: proposed.pressure ?? TAG_DEFAULT_PRESSURE[ref], adjustable });
    } else {
      issues.push({
        kind: 'unknown-technique',
        level: 'review',
        message: `Unknown technique "${ref}": only whole-treatment and whole-area rules could be checked for it.`,
        value: ref,
      });
      items.push({ ref, tags: [], pressure: proposed.pressure ?? 'deep', adjustable: false });
    }
  }
  const sites: SiteId[] = [];
  for (const site of proposed.regions) {
    if (isSiteId(site)) sites.push(site);
    else {
      issues.push({
        kind: 'unknown-site',
        level: 'review',
        message: `Unknown body site "${site}" in the proposal: it could not be screened.`,
        value: site,
      });
    }
  }
  if (items.length === 0 || proposed.regions.length === 0) {
    issues.push({
      kind: 'empty-proposal',
      level: 'review',
      message: 'The proposal names no technique or no body region, so it cannot be fully screened.',
    });
  }
  return { items, regions: expandSites(sites), issues };
}

export function inScope(scope: TechniqueScope | undefined, tags: readonly SafetyTag[]): boolean {
  if (scope === undefined) return false;
  return scope === 'all' || tags.some((t) => scope.includes(t));
}

/** Where the plan collides with an applicable rule, and whether the rule touches the plan at all. */
export function compare(
  applicable: Applicable,
  plan: Plan,
): { conflicts: ProposalConflict[]; touches: boolean } {
  const { rule, regions } = applicable;
  const area = regions === 'everywhere' ? plan.regions : plan.regions.filter((r) => regions.includes(r));
  const inArea = regions === 'everywhere' || area.length > 0;
  const conflicts: ProposalConflict[] = [];
  let touches = false;
  if (!inArea) return { conflicts, touches };
  for (const item of plan.items) {
    const base = { technique: item.ref, tags: item.tags, regions: area, pressure: item.pressure };
    if (inScope(rule.rulesOut, item.tags)) conflicts.push({ ...base, because: 'technique' });
    else if (rule.maxPressure && pressureRank(item.pressure) > pressureRank(rule.maxPressure)) {
      // Given at the pressure allowed, an adjustable technique meets the limit: care, not a block.
      if (item.adjustable) touches = true;
      else conflicts.push({ ...base, because: 'pressure' });
    } else if (inScope(rule.modifies, item.tags)) touches = true;
  }
  return { conflicts, touches: touches || conflicts.length > 0 };
}
