import { describe, expect, it } from 'vitest';
import { type ChartSnapshot, chartKinds, kindComparison } from '../../web/src/features/body-chart/compare.ts';

const chart = (
  type: ChartSnapshot['source']['type'],
  id: string,
  date: string,
  pain: number,
): ChartSnapshot => ({
  source: { type, id, date },
  findings: [{ region: 'calf-left', kind: 'pain', intensity: pain }],
});

// Oldest first, as the history endpoint sends it: the patient's questionnaire on the day of the evaluation.
const history = [
  chart('intake', 'i1', '2026-11-02', 8),
  chart('assessment', 'a1', '2026-11-02', 6),
  chart('session_note', 'n1', '2026-11-09', 4),
  chart('intake', 'i2', '2026-11-20', 3),
];

describe('body chart comparison, like with like', () => {
  it('offers the clinic’s examinations first, then the patient’s pain maps', () => {
    expect(chartKinds(history)).toEqual(['clinician', 'patient']);
    expect(chartKinds(history.filter((s) => s.source.type === 'intake'))).toEqual(['patient']);
    expect(chartKinds([])).toEqual([]);
  });

  it('compares the first and latest charts of one kind, never a questionnaire with an examination', () => {
    const clinician = kindComparison(history, 'clinician');
    expect(clinician.charts.map((s) => s.source.id)).toEqual(['a1', 'n1']);
    expect([clinician.from?.source.id, clinician.to?.source.id]).toEqual(['a1', 'n1']);
    expect(clinician.regions).toMatchObject([{ region: 'calf-left', painBefore: 6, painAfter: 4 }]);
    const patient = kindComparison(history, 'patient');
    expect([patient.from?.source.id, patient.to?.source.id]).toEqual(['i1', 'i2']);
    expect(patient.regions).toMatchObject([{ painBefore: 8, painAfter: 3, change: 'better' }]);
  });

  it('ignores a chosen chart of the other kind, and says when the second comes first', () => {
    const mixed = kindComparison(history, 'clinician', { from: 'i1', to: 'i2' });
    expect([mixed.from?.source.id, mixed.to?.source.id]).toEqual(['a1', 'n1']);
    const backwards = kindComparison(history, 'clinician', { from: 'n1', to: 'a1' });
    expect(backwards).toMatchObject({ backwards: true, regions: [] });
  });

  it('has nothing to compare with a single chart of the kind', () => {
    const one = kindComparison([history[1]!], 'clinician');
    expect(one.from).toBe(one.to);
    expect(one).toMatchObject({ backwards: false, regions: [] });
    expect(kindComparison([history[1]!], 'patient')).toMatchObject({ charts: [], from: undefined });
  });
});
