/** Matching recorded physician clearances to findings. */
import type { DateTime } from 'luxon';
import { expandSites, isSiteId, type RegionId, type SiteId } from '../catalog/body-regions.ts';
import type { SafetyTag } from '../catalog/techniques.ts';
import type { Applicable } from './applicable.ts';
import { parseIsoDate } from './dates.ts';
import { getRule } from './rules.ts';
import type { Clearance, ClearanceAnswer, ScreeningIssue, TechniqueScope } from './types.ts';

export const CLEARANCE_ANSWERS = [
  'cleared',
  'cleared-with-limits',
  'not-cleared',
] as const satisfies readonly ClearanceAnswer[];

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

export interface PhysicianAnswer {
  readonly clearance: Clearance | null;
  readonly declined: Clearance | null;
}

/**
 * The physician's standing answer on this finding on `onDate`: the first clearance that covers it, unless a later
 * refusal (`not-cleared`) answers it, in which case the restriction stands and `declined` names that refusal.
 */
export function physicianAnswer(
  applicable: Applicable,
  clearances: readonly ValidClearance[],
  onDate: DateTime,
  need: Coverage,
): PhysicianAnswer {
  const answers = clearances.filter((c) => answersFinding(c, applicable, onDate));
  const refusal = answers
    .filter((c) => c.record.answer === 'not-cleared')
    .reduce<ValidClearance | null>((latest, c) => (latest && !isLater(c, latest) ? latest : c), null);
  const clearance = answers.find(
    (c) =>
      c.record.answer !== 'not-cleared' &&
      !(c.expires && c.expires < onDate) &&
      covers(c, need) &&
      !(refusal && isLater(refusal, c)),
  );
  if (clearance) return { clearance: clearance.record, declined: null };
  return { clearance: null, declined: refusal?.record ?? null };
}

/** Names this finding (by rule or key), given on or before `onDate` and not before the fact arose. */
function answersFinding(c: ValidClearance, applicable: Applicable, onDate: DateTime): boolean {
  const { ruleId, findingKey } = c.record;
  if (ruleId !== undefined && ruleId !== applicable.rule.id) return false;
  if (findingKey !== undefined && findingKey !== applicable.key) return false;
  if (c.date > onDate) return false;
  // An answer given before the fact arose (e.g. before a later surgery) does not answer it.
  return !(applicable.fact.date && c.date < applicable.fact.date);
}

/**
 * `a` was given after `b`: a later date, or the same day and recorded later. Without two distinct recording
 * times a same-day refusal counts as the later answer, so the restriction stands.
 */
function isLater(a: ValidClearance, b: ValidClearance): boolean {
  if (+a.date !== +b.date) return a.date > b.date;
  const [x, y] = [a.record.recordedAt, b.record.recordedAt];
  if (x !== undefined && y !== undefined && x !== y) return x > y;
  return a.record.answer === 'not-cleared';
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
