/**
 * Contraindication screening. Pure: the caller passes the date to screen on.
 *
 * - screen(profile, proposed, onDate, clearances?) → does this treatment plan collide with the record?
 * - screenProfile(profile, onDate, clearances?)     → chart-header flags: everything that applies today.
 */
import type { DateTime } from 'luxon';
import type { SafetyTag } from '../catalog/techniques.ts';
import { type Applicable, applicableRules } from './applicable.ts';
import { type Coverage, type PhysicianAnswer, physicianAnswer, validateClearances } from './clearances.ts';
import { parseIsoDate, toIsoDate } from './dates.ts';
import { collectFacts } from './facts.ts';
import { describe } from './messages.ts';
import { compare, resolveProposal } from './proposal.ts';
import type {
  ChartFlags,
  Clearance,
  Finding,
  HealthProfile,
  IsoDate,
  ProposalConflict,
  ProposedTreatment,
  ScreeningIssue,
  ScreeningResult,
  ScreeningStatus,
  Severity,
} from './types.ts';

const SEVERITY_ORDER: readonly Severity[] = [
  'defer',
  'avoid-area',
  'avoid-technique',
  'clearance',
  'precaution',
];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

/** Screens a proposed treatment. Throws RangeError when `onDate` is not a valid ISO date. */
export function screen(
  profile: HealthProfile,
  proposed: ProposedTreatment,
  onDate: IsoDate,
  clearances: readonly Clearance[] = [],
): ScreeningResult {
  const day = requireDate(onDate);
  const { facts, issues: factIssues } = collectFacts(profile, day);
  const plan = resolveProposal(proposed);
  const { valid, issues: clearanceIssues } = validateClearances(clearances);
  const issues: ScreeningIssue[] = [...factIssues, ...plan.issues, ...clearanceIssues];

  const findings: Finding[] = [];
  const notApplicable: Finding[] = [];
  for (const applicable of applicableRules(facts, day)) {
    const { conflicts, touches } = compare(applicable, plan);
    const need: Coverage = {
      regions: unionRegions(conflicts) ?? applicable.regions,
      techniques:
        conflicts.length > 0 ? conflictTags(conflicts, applicable) : (applicable.rule.rulesOut ?? []),
    };
    const finding = buildFinding(
      applicable,
      physicianAnswer(applicable, valid, day, need),
      conflicts,
      issues,
    );
    (touches ? findings : notApplicable).push(finding);
  }
  findings.sort((a, b) => Number(b.blocking) - Number(a.blocking) || bySeverity(a, b));
  notApplicable.sort(bySeverity);
  const blocked = findings.some((f) => f.blocking);
  return {
    onDate: toIsoDate(day),
    status: status(blocked, issues, findings),
    blocked,
    findings,
    notApplicable,
    issues: dedupeIssues(issues),
  };
}

/** Everything that applies to the patient on `onDate`, for the chart header. */
export function screenProfile(
  profile: HealthProfile,
  onDate: IsoDate,
  clearances: readonly Clearance[] = [],
): ChartFlags {
  const day = requireDate(onDate);
  const { facts, issues: factIssues } = collectFacts(profile, day);
  const { valid, issues: clearanceIssues } = validateClearances(clearances);
  const issues: ScreeningIssue[] = [...factIssues, ...clearanceIssues];
  const flags = applicableRules(facts, day).map((applicable) => {
    const need: Coverage = { regions: applicable.regions, techniques: applicable.rule.rulesOut ?? [] };
    return buildFinding(applicable, physicianAnswer(applicable, valid, day, need), null, issues);
  });
  flags.sort(bySeverity);
  const first = flags[0];
  return {
    onDate: toIsoDate(day),
    flags,
    highestSeverity: first ? first.severity : null,
    clearancesNeeded: [
      ...new Set(flags.filter((f) => f.severity === 'clearance' && !f.acknowledged).map((f) => f.ruleId)),
    ],
    allergies: (profile.allergies ?? []).map((a) => a.trim()).filter((a) => a.length > 0),
    issues: dedupeIssues(issues),
  };
}

function buildFinding(
  applicable: Applicable,
  { clearance, declined }: PhysicianAnswer,
  conflicts: readonly ProposalConflict[] | null,
  issues: ScreeningIssue[],
): Finding {
  const { rule } = applicable;
  const policy = rule.clearance;
  if (clearance && policy === 'not-overridable') {
    issues.push({
      kind: 'clearance-not-applicable',
      level: 'info',
      message: `A clearance was recorded for "${rule.id}", but this rule cannot be lifted by a clearance.`,
      value: rule.id,
    });
  }
  const acknowledged = clearance !== null && policy !== 'not-overridable';
  const restricts = rule.rulesOut !== undefined || rule.maxPressure !== undefined;
  const blocking = !acknowledged && (conflicts === null ? restricts : conflicts.length > 0);
  const text = describe(applicable);
  return {
    key: applicable.key,
    ruleId: rule.id,
    condition: applicable.fact.code,
    subject: applicable.fact.subject,
    severity: rule.severity,
    ruledOut: rule.rulesOut ?? [],
    modified: rule.modifies ?? [],
    maxPressure: rule.maxPressure ?? null,
    pressureOnly: rule.pressureOnly ?? false,
    regions: applicable.regions,
    siteUnknown: applicable.siteUnknown,
    dateUnknown: applicable.dateUnknown,
    restriction: text.restriction,
    message: text.message,
    reason: rule.reason,
    action: text.action,
    sources: rule.sources,
    evidence: rule.evidence,
    clearancePolicy: policy,
    acknowledged,
    overridden: acknowledged && rule.severity !== 'clearance',
    clearance: acknowledged ? clearance : null,
    declined,
    blocking,
    conflicts: conflicts ?? [],
  };
}

function requireDate(onDate: IsoDate): DateTime {
  const day = parseIsoDate(onDate);
  if (!day) throw new RangeError(`screening date "${onDate}" is not a valid ISO date`);
  return day;
}

function unionRegions(conflicts: readonly ProposalConflict[]): Coverage['regions'] | null {
  if (conflicts.length === 0) return null;
  return [...new Set(conflicts.flatMap((c) => c.regions))];
}

/** Tags a clearance must name to cover these conflicts; 'all' when an unknown technique is involved. */
function conflictTags(
  conflicts: readonly ProposalConflict[],
  applicable: Applicable,
): Coverage['techniques'] {
  const scope = applicable.rule.rulesOut;
  const tags = new Set<SafetyTag>();
  for (const conflict of conflicts) {
    if (conflict.tags.length === 0) return 'all';
    for (const tag of conflict.tags) {
      if (conflict.because === 'pressure' || scope === 'all' || scope?.includes(tag)) tags.add(tag);
    }
  }
  return [...tags];
}

function status(
  blocked: boolean,
  issues: readonly ScreeningIssue[],
  findings: readonly Finding[],
): ScreeningStatus {
  if (blocked) return 'blocked';
  if (issues.some((i) => i.level === 'review')) return 'needs-review';
  return findings.length > 0 ? 'proceed-with-precautions' : 'clear';
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity);
}

function dedupeIssues(issues: readonly ScreeningIssue[]): ScreeningIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const id = `${issue.kind}|${issue.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
