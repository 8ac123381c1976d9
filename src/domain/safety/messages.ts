/** Wording of findings: everything a therapist reads is built here. */
import { describeRegions } from '../catalog/body-regions.ts';
import type { Applicable } from './applicable.ts';
import type { Finding, SafetyRule } from './types.ts';

export function areaPhrase(applicable: Applicable): string {
  if (applicable.siteUnknown) return 'the affected area (site not recorded, so applied everywhere)';
  return applicable.regions === 'everywhere' ? 'the whole body' : describeRegions(applicable.regions);
}

export function fillArea(template: string, area: string): string {
  return template.replaceAll('{area}', area);
}

/**
 * How well the rule is supported, in words: reference keys (R47…) stay in the rule and the API's `sources` for
 * reviewers, never in what a therapist, physician or patient reads.
 */
export function evidenceText(rule: Pick<SafetyRule, 'evidence'>): string {
  if (rule.evidence === 'secondary') return ' Secondary sources only; treat with care.';
  if (rule.evidence === 'not-verified') return ' Not verified in the clinical reference.';
  return '';
}

export function describe(applicable: Applicable): { restriction: string; action: string; message: string } {
  const area = areaPhrase(applicable);
  const { rule } = applicable;
  const restriction = fillArea(rule.restriction, area);
  const dated = applicable.dateUnknown ? ' Date not recorded, so treated as recent.' : '';
  return {
    restriction,
    action: fillArea(rule.action, area),
    message: `${applicable.fact.subject}: ${restriction} (${rule.reason}).${evidenceText(rule)}${dated}`,
  };
}

/**
 * One line per health fact, merging its findings:
 * "Blood clot (DVT) in the left calf: no massage of the left leg …; no lymphatic drainage anywhere … (…)."
 */
export function summarise(findings: readonly Finding[]): string[] {
  const bySubject = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = bySubject.get(finding.subject) ?? [];
    list.push(finding);
    bySubject.set(finding.subject, list);
  }
  return [...bySubject.entries()].map(([subject, list]) => {
    const restrictions = unique(list.map((f) => f.restriction)).join('; ');
    const reasons = unique(list.map((f) => f.reason)).join('; ');
    const unverified = list.some((f) => f.evidence === 'not-verified')
      ? evidenceText({ evidence: 'not-verified' })
      : '';
    const cleared = list.some((f) => f.acknowledged) ? ' Physician clearance on file.' : '';
    return `${subject}: ${restrictions} (${reasons}).${unverified}${cleared}`;
  });
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
