import { BODY_FINDING_LABELS, type BodyFindingKind } from '../../../../src/modules/clinical/body-chart.ts';
import type { BodyChartFinding } from './api.ts';

export const KIND_LABELS: Readonly<Record<BodyFindingKind, string>> = BODY_FINDING_LABELS;
/** Short text marks drawn on a region, so a finding never depends on colour alone. */
export const KIND_MARKS: Record<BodyFindingKind, string> = {
  pain: 'P',
  tension: 'T',
  trigger_point: 'TP',
  numbness_tingling: 'N',
  swelling: 'S',
  scar: 'Sc',
};

export const findingText = (f: BodyChartFinding) =>
  `${KIND_LABELS[f.kind]}${f.intensity !== undefined ? ` ${f.intensity}/10` : ''}`;

export const regionSummary = (findings: BodyChartFinding[]) => findings.map(findingText).join(', ');

/** The fill class of a region: pain by intensity band, otherwise "other finding". */
export function toneOf(findings: BodyChartFinding[]): string {
  if (findings.length === 0) return 'bc-none';
  const pain = findings.find((f) => f.kind === 'pain');
  if (pain)
    return pain.intensity! >= 7 ? 'bc-pain-high' : pain.intensity! >= 4 ? 'bc-pain-mid' : 'bc-pain-low';
  return 'bc-other';
}

export const markOf = (findings: BodyChartFinding[]) => {
  const pain = findings.find((f) => f.kind === 'pain');
  const others = findings.filter((f) => f.kind !== 'pain').map((f) => KIND_MARKS[f.kind]);
  return [pain ? String(pain.intensity) : null, ...others].filter(Boolean).join(' ');
};
