/** Which rules apply to which facts on a given date, and over which regions. */
import type { DateTime } from 'luxon';
import { expandSites, getRegion, type RegionGroupId, type RegionId } from '../catalog/body-regions.ts';
import type { Fact } from './facts.ts';
import { RULES } from './rules.ts';
import type { SafetyRule } from './types.ts';

export interface Applicable {
  readonly rule: SafetyRule;
  readonly fact: Fact;
  readonly key: string;
  readonly regions: 'everywhere' | readonly RegionId[];
  readonly siteUnknown: boolean;
  readonly dateUnknown: boolean;
}

export function applicableRules(facts: readonly Fact[], onDate: DateTime, rules = RULES): Applicable[] {
  const out: Applicable[] = [];
  for (const rule of rules) {
    for (const fact of facts) {
      if (!rule.triggers.includes(fact.code)) continue;
      if (!weeksMatch(rule, fact)) continue;
      const within = rule.when?.within;
      if (within && fact.date && onDate >= fact.date.plus(within)) continue;
      const { regions, siteUnknown } = ruleRegions(rule, fact);
      out.push({
        rule,
        fact,
        key: `${rule.id}:${fact.key}`,
        regions,
        siteUnknown,
        dateUnknown: Boolean(within) && fact.date === null,
      });
    }
  }
  return out;
}

function weeksMatch(rule: SafetyRule, fact: Fact): boolean {
  const range = rule.when?.pregnancyWeeks;
  // Unknown gestation: apply every trimester rule (the conservative choice, reported as an issue).
  if (!range || fact.pregnancyWeeks === null) return true;
  const weeks = fact.pregnancyWeeks;
  return (
    (range.from === undefined || weeks >= range.from) && (range.before === undefined || weeks < range.before)
  );
}

function ruleRegions(
  rule: SafetyRule,
  fact: Fact,
): { regions: 'everywhere' | readonly RegionId[]; siteUnknown: boolean } {
  switch (rule.site.kind) {
    case 'everywhere':
      return { regions: 'everywhere', siteUnknown: false };
    case 'fixed':
      return { regions: expandSites(rule.site.sites), siteUnknown: false };
    case 'finding-site':
      return fact.sites
        ? { regions: fact.sites, siteUnknown: false }
        : { regions: 'everywhere', siteUnknown: true };
    case 'finding-group': {
      if (!fact.sites) return { regions: 'everywhere', siteUnknown: true };
      const groups = new Set<RegionGroupId>(fact.sites.map((id) => getRegion(id).group));
      return { regions: expandSites([...groups]), siteUnknown: false };
    }
  }
}
