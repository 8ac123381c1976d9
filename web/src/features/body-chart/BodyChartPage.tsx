import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { type BodyChartSource, bodyChartApi } from './api.ts';
import { BodyChart } from './BodyChart.tsx';
import { CHART_KIND_LABELS, type ChartKind, chartKinds, kindComparison } from './compare.ts';
import { regionSummary } from './findings.ts';
import '../session-notes/notes.css';
import { formatDay } from '../../components/format.ts';
import { TableScroll } from '../../components/TableScroll.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';

const SOURCE: Record<BodyChartSource['type'], string> = {
  assessment: 'evaluation',
  session_note: 'session note',
  intake: 'intake pain map',
};
const CHANGE: Record<string, string> = {
  new: 'new',
  resolved: 'resolved',
  better: 'better',
  worse: 'worse',
  unchanged: 'unchanged',
  changed: 'changed',
};

/**
 * Body charts over time, and two of one kind side by side with what changed per region: the clinic's
 * examinations with one another, the patient's own pain maps with one another (never one with the other).
 */
export function BodyChartPage() {
  const clinic = useClinic();
  const id = useId();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const history = useQuery({
    queryKey: ['body-chart-history', clinic.id, patientId],
    queryFn: () => bodyChartApi.history(clinic.id, patientId),
  });
  const [chosenKind, setChosenKind] = useState<ChartKind | null>(null);
  const [chosen, setChosen] = useState<{ from?: string; to?: string }>({});
  if (history.isPending) return <Loading />;
  if (history.isError) return <LoadError error={history.error} />;
  const kinds = chartKinds(history.data.items);
  const kind = chosenKind && kinds.includes(chosenKind) ? chosenKind : kinds[0];
  const { charts, from, to, backwards, regions } = kind
    ? kindComparison(history.data.items, kind, chosen)
    : { charts: [], from: undefined, to: undefined, backwards: false, regions: [] };
  const chartSelect = (label: string, value: string | undefined, which: 'from' | 'to') => (
    <div className="field">
      <label htmlFor={`${id}-${which}`}>{label}</label>
      <select
        id={`${id}-${which}`}
        value={value}
        onChange={(e) => setChosen({ ...chosen, [which]: e.target.value })}
      >
        {charts.map((i) => (
          <option key={i.source.id} value={i.source.id}>
            {sourceText(i.source)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Page
      title={titled('Body chart history')}
      intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}
    >
      {!kind ? (
        <EmptyState title="No body chart yet">
          Signed evaluations and notes with a body chart appear here.
        </EmptyState>
      ) : (
        <>
          <div className="card">
            {kinds.length > 1 ? (
              <div className="field">
                <label htmlFor={`${id}-kind`}>Compare</label>
                <div id={`${id}-kind-hint`} className="field-hint">
                  What the patient reports is compared with their other reports, never with an examination.
                </div>
                <select
                  id={`${id}-kind`}
                  aria-describedby={`${id}-kind-hint`}
                  value={kind}
                  onChange={(e) => {
                    setChosenKind(e.target.value as ChartKind);
                    setChosen({});
                  }}
                >
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {CHART_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="small muted">{CHART_KIND_LABELS[kind]}</p>
            )}
            {charts.length > 1 ? (
              <div className="field-row">
                {chartSelect('First chart', from?.source.id, 'from')}
                {chartSelect('Second chart', to?.source.id, 'to')}
              </div>
            ) : (
              <p>Only one so far: nothing to compare it with yet.</p>
            )}
          </div>
          {backwards ? (
            <p className="alert alert-warning">The second chart must not be before the first.</p>
          ) : from && to ? (
            <>
              <div className="bc-compare">
                <section className="card" aria-label={`Body chart on ${formatDay(from.source.date)}`}>
                  <BodyChart findings={from.findings} label={sourceText(from.source)} />
                </section>
                {to !== from ? (
                  <section className="card" aria-label={`Body chart on ${formatDay(to.source.date)}`}>
                    <BodyChart
                      findings={to.findings}
                      label={sourceText(to.source)}
                      highlight={Object.fromEntries(regions.map((r) => [r.region, r.change]))}
                    />
                  </section>
                ) : null}
              </div>
              {to !== from ? (
                <section className="card" aria-labelledby={`${id}-changes`}>
                  <h2 id={`${id}-changes`}>What changed per region</h2>
                  {regions.length === 0 ? (
                    <p>Neither chart has a finding.</p>
                  ) : (
                    <TableScroll label="What changed per region">
                      <table className="table">
                        <thead>
                          <tr>
                            <th scope="col">Region</th>
                            <th scope="col">{formatDay(from.source.date)}</th>
                            <th scope="col">{formatDay(to.source.date)}</th>
                            <th scope="col">Change</th>
                          </tr>
                        </thead>
                        <tbody>
                          {regions.map((r) => (
                            <tr key={r.region}>
                              <td>{r.label}</td>
                              <td>{r.before.length ? regionSummary(r.before) : '—'}</td>
                              <td>{r.after.length ? regionSummary(r.after) : '—'}</td>
                              <td className={`change-${r.change}`}>{CHANGE[r.change]}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableScroll>
                  )}
                </section>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}

/** "Nov 23, 2026 — evaluation": a chart by its date and what it was recorded in. */
const sourceText = (source: BodyChartSource) => `${formatDay(source.date)} — ${SOURCE[source.type]}`;
