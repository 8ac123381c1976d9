import { describe, expect, it } from 'vitest';
import type { BodyChartSnapshot } from '../clinical/body-chart-history.ts';
import { progressBodyCharts } from './body-chart.ts';

const chart = (
  type: BodyChartSnapshot['source']['type'],
  date: string,
  pain: Record<string, number>,
): BodyChartSnapshot => ({
  source: { type, id: `${type}-${date}`, date },
  findings: Object.entries(pain).map(([region, intensity]) => ({
    region: region as BodyChartSnapshot['findings'][number]['region'],
    kind: 'pain',
    intensity,
  })),
});

const changes = (view: ReturnType<typeof progressBodyCharts>) =>
  Object.fromEntries(view.regions.map((r) => [r.region, r.change]));

describe('progressBodyCharts', () => {
  it('compares the first and latest charts the clinicians recorded, never the patient’s questionnaire', () => {
    // The patient re-submitted their health history after the last session, pain map unchanged (shoulder).
    const view = progressBodyCharts([
      chart('intake', '2026-11-15', { 'shoulder-right': 6 }),
      chart('assessment', '2026-11-16', { 'low-back': 6, 'shoulder-right': 5 }),
      chart('session_note', '2026-11-23', { 'low-back': 3, 'shoulder-right': 5 }),
      chart('intake', '2026-11-27', { 'shoulder-right': 6 }),
    ]);
    expect(view.first?.source).toMatchObject({ type: 'assessment', date: '2026-11-16' });
    expect(view.latest?.source).toMatchObject({ type: 'session_note', date: '2026-11-23' });
    expect(changes(view)).toEqual({ 'low-back': 'better', 'shoulder-right': 'unchanged' });
    // Shown apart, as the patient's own (latest) report.
    expect(view.patientReport?.source).toMatchObject({ type: 'intake', date: '2026-11-27' });
  });

  it('declares nothing resolved or new from a single chart, and nothing at all from pain maps alone', () => {
    const one = progressBodyCharts([
      chart('intake', '2026-11-15', { 'shoulder-right': 6 }),
      chart('assessment', '2026-11-16', { 'low-back': 6 }),
    ]);
    expect(one.first).toBe(one.latest);
    expect(one.regions).toEqual([]);
    const questionnairesOnly = progressBodyCharts([
      chart('intake', '2026-11-15', { 'low-back': 6 }),
      chart('intake', '2026-11-27', { 'shoulder-right': 6 }),
    ]);
    expect(questionnairesOnly).toMatchObject({ first: null, latest: null, regions: [] });
    expect(questionnairesOnly.patientReport?.source.date).toBe('2026-11-27');
    expect(progressBodyCharts([])).toEqual({ first: null, latest: null, regions: [], patientReport: null });
  });
});
