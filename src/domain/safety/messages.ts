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

export function sourceText(rule: SafetyRule): string {
  if (rule.sources.length === 0) return 'Source: none in the clinical reference (not verified).';
  const list = `Source: ${rule.sources.join(', ')}.`;
  if (rule.evidence === 'secondary') return `${list} Secondary sources only; treat with care.`;
  if (rule.evidence === 'not-verified') return `${list} Not verified.`;
  return list;
}

export function describe(applicable: Applicable): { restriction: string; action: string; message: string } {
  const area = areaPhrase(applicable);
  const { rule } = applicable;
  const restriction = fillArea(rule.restriction, area);
  const dated = applicable.dateUnknown ? ' Date not recorded, so treated as recent.' : '';
  return {
    restriction,
    action: fillArea(rule.action, area),
    message: `${applicable.fact.subject}: ${restriction} (${rule.reason}). ${sourceText(rule)}${dated}`,
  };
}

/**
 * One line per health fact, merging its findings:
 * "Blood clot (DVT) in the left calf: no massage of the left leg …; no lymphatic drainage anywhere … (…). Source: R47, R48, R49."
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
    const sources = unique(list.flatMap((f) => f.sources));
    const source = sources.length > 0 ? `Source: ${sources.join(', ')}.` : 'Source: not verified.';
    const cleared = list.some((f) => f.acknowledged) ? ' Physician clearance on file.' : '';
    return `${subject}: ${restrictions} (${reasons}). ${source}${cleared}`;
  });
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
