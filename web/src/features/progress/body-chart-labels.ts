import { formatDay } from '../../components/format.ts';
import type { Progress } from '../reports/api.ts';

type Source = NonNullable<Progress['bodyChart']['first']>['source'];

const FROM: Record<Source['type'], string> = {
  assessment: 'evaluation',
  session_note: 'session note',
  intake: "the patient's own report (health history)",
};

/**
 * Where a body chart comes from and when, as its caption says it: "First: evaluation, Nov 15, 2026";
 * the patient's pain map is named as their own report.
 */
export function bodyChartCaption(which: 'First' | 'Latest' | null, source: Source): string {
  const from = `${FROM[source.type]}, ${formatDay(source.date)}`;
  return which ? `${which}: ${from}` : from.charAt(0).toUpperCase() + from.slice(1);
}
