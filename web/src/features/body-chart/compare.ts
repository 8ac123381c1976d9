import {
  CHART_KINDS,
  type ChartKind,
  chartKindOf,
  compareBodyCharts,
} from '../../../../src/modules/clinical/body-chart.ts';
import type { BodyChartFinding, BodyChartSource } from './api.ts';

export type { ChartKind };

export const CHART_KIND_LABELS: Record<ChartKind, string> = {
  clinician: 'The clinic’s examinations (evaluations and session notes)',
  patient: 'The patient’s own pain maps (health history)',
};

export interface ChartSnapshot {
  source: BodyChartSource;
  findings: BodyChartFinding[];
}

/** The kinds the patient has charts of, the clinic's examinations first. */
export function chartKinds(history: readonly ChartSnapshot[]): ChartKind[] {
  const kinds = new Set(history.map((s) => chartKindOf(s.source)));
  return CHART_KINDS.filter((k) => kinds.has(k));
}

/**
 * Two charts of one kind and what changed per region. `history` is oldest first (as the API sends it); a chart
 * not chosen, or not of the kind, falls back to the kind's first (`from`) and latest (`to`). `backwards` when
 * the second comes before the first (nothing is compared then); `regions` is empty when the kind has one chart.
 */
export function kindComparison(
  history: readonly ChartSnapshot[],
  kind: ChartKind,
  chosen: { from?: string; to?: string } = {},
) {
  const charts = history.filter((s) => chartKindOf(s.source) === kind);
  const index = (id: string | undefined, fallback: number) => {
    const found = charts.findIndex((s) => s.source.id === id);
    return found < 0 ? fallback : found;
  };
  const fromIndex = index(chosen.from, 0);
  const toIndex = index(chosen.to, charts.length - 1);
  const from = charts[fromIndex];
  const to = charts[toIndex];
  const backwards = fromIndex > toIndex;
  return {
    charts,
    from,
    to,
    backwards,
    regions: from && to && from !== to && !backwards ? compareBodyCharts(from.findings, to.findings) : [],
  };
}
