/** Matching recorded physician clearances to findings. */
import type { DateTime } from 'luxon';
import { expandSites, isSiteId, type RegionId, type SiteId } from '../catalog/body-regions.ts';
import type { SafetyTag } from '../catalog/techniques.ts';
import type { Applicable } from './applicable.ts';
import { parseIsoDate } from './dates.ts';
import { getRule } from './rules.ts';
import type { Clearance, ScreeningIssue, TechniqueScope } from './types.ts';

interface ValidClearance {
  readonly record: Clearance;
  readonly date: DateTime;
  readonly expires: DateTime | null;
  readonly regions: readonly RegionId[] | null;
  readonly techniques: readonly SafetyTag[] | null;
}

/** What a clearance must cover: the regions and techniques the finding restricts (or that collide). */
export interface Coverage {
  readonly regions: 'everywhere' | readonly RegionId[];
  readonly techniques: TechniqueScope;
}

export function validateClearances(clearances: readonly Clearance[]): {
  valid: ValidClearance[];
  issues: ScreeningIssue[];
} {
  const valid: ValidClearance[] = [];
  const issues: ScreeningIssue[] = [];
  for (const record of clearances) {
    const label = record.findingKey ?? record.ruleId ?? '(no rule)';
    const problem = (message: string) =>
      issues.push({
        kind: 'invalid-clearance',
        level: 'review',
        message: `Clearance ${label}: ${message}`,
        value: label,
      });
    if (!record.ruleId && !record.findingKey) {
      problem('names neither a rule nor a finding, so it covers nothing.');
      continue;
    }
    const ruleId = record.ruleId ?? record.findingKey?.split(':')[0] ?? '';
    if (!getRule(ruleId)) {
      problem(`no screening rule "${ruleId}" exists, so it covers nothing.`);
      continue;
    }
    const date = parseIsoDate(record.date);
    if (!date) {
      problem(`date "${record.date}" is not valid, so it covers nothing.`);
      continue;
    }
    const expires = parseIsoDate(record.expiresOn);
    if (record.expiresOn !== undefined && !expires) {
      problem(`expiry "${record.expiresOn}" is not valid, so it covers nothing.`);
      continue;
    }
    const scopeSites = record.scope?.regions;
    const badSite = scopeSites?.find((s) => !isSiteId(s));
    if (badSite !== undefined) {
      problem(`unknown body site "${badSite}" in its scope, so it covers nothing.`);
      continue;
    }
    valid.push({
      record,
      date,
      expires,
      regions: scopeSites ? expandSites(scopeSites as readonly SiteId[]) : null,
      techniques: record.scope?.techniques ?? null,
    });
  }
  return { valid, issues };
}

/** The first clearance that covers this finding on `onDate`, or null. */
export function findClearance(
  applicable: Applicable,
  clearances: readonly ValidClearance[],
  onDate: DateTime,
  need: Coverage,
): Clearance | null {
  for (const c of clearances) {
    const { ruleId, findingKey } = c.record;
    if (ruleId !== undefined && ruleId !== applicable.rule.id) continue;
    if (findingKey !== undefined && findingKey !== applicable.key) continue;
    if (c.date > onDate) continue;
    if (c.expires && c.expires < onDate) continue;
    // A clearance given before the fact arose (e.g. before a later surgery) does not cover it.
    if (applicable.fact.date && c.date < applicable.fact.date) continue;
    if (!covers(c, need)) continue;
    return c.record;
  }
  return null;
}

function covers(c: ValidClearance, need: Coverage): boolean {
  if (c.regions) {
    if (need.regions === 'everywhere') return false;
    const allowed = c.regions;
    if (!need.regions.every((r) => allowed.includes(r))) return false;
  }
  if (c.techniques) {
    if (need.techniques === 'all') return false;
    const allowed = c.techniques;
    if (!need.techniques.every((t) => allowed.includes(t))) return false;
  }
  return true;
}
