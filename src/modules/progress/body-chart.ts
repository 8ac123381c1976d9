import { chartKindOf, compareBodyCharts } from '../clinical/body-chart.ts';
import type { BodyChartSnapshot } from '../clinical/body-chart-history.ts';
import type { ProgressView } from './schemas.ts';

/**
 * The body charts the progress view shows: the first and latest charts the clinicians recorded (evaluations and
 * session notes), compared region by region, and, apart, the patient's own latest pain map from their health
 * history. A questionnaire is not an examination: it is never compared with one, so it cannot make a region
 * "resolved" or "new". The one choice for every progress view and report. `history` is oldest first.
 */
export function progressBodyCharts(history: readonly BodyChartSnapshot[]): ProgressView['bodyChart'] {
  const recorded = history.filter((s) => chartKindOf(s.source) === 'clinician');
  const first = recorded[0] ?? null;
  const latest = recorded.at(-1) ?? null;
  return {
    first,
    latest,
    regions: first && latest && first !== latest ? compareBodyCharts(first.findings, latest.findings) : [],
    patientReport: history.filter((s) => chartKindOf(s.source) === 'patient').at(-1) ?? null,
  };
}
