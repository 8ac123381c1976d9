import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { type BodyChartSource, bodyChartApi } from './api.ts';
import { BodyChart } from './BodyChart.tsx';
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

/** Body charts over time, and two dates side by side with what changed per region. */
export function BodyChartPage() {
  const clinic = useClinic();
  const id = useId();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const history = useQuery({
    queryKey: ['body-chart-history', clinic.id, patientId],
    queryFn: () => bodyChartApi.history(clinic.id, patientId),
  });
  const dates = [...new Set(history.data?.items.map((i) => i.source.date) ?? [])];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const a = from || dates[0] || '';
  const b = to || dates.at(-1) || '';
  const compare = useQuery({
    queryKey: ['body-chart-compare', clinic.id, patientId, a, b],
    queryFn: () => bodyChartApi.compare(clinic.id, patientId, a, b),
    enabled: Boolean(a && b && a <= b),
  });
  if (history.isPending) return <Loading />;
  if (history.isError) return <LoadError error={history.error} />;
  const dateSelect = (label: string, value: string, onChange: (v: string) => void, suffix: string) => (
    <div className="field">
      <label htmlFor={`${id}-${suffix}`}>{label}</label>
      <select id={`${id}-${suffix}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {history.data.items.map((i) => (
          <option key={`${i.source.id}`} value={i.source.date}>
            {formatDay(i.source.date)} — {SOURCE[i.source.type]}
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
      {history.data.items.length === 0 ? (
        <EmptyState title="No body chart yet">
          Signed evaluations and notes with a body chart appear here.
        </EmptyState>
      ) : (
        <>
          <div className="field-row card">
            {dateSelect('First date', a, setFrom, 'from')}
            {dateSelect('Second date', b, setTo, 'to')}
          </div>
          {a > b ? (
            <p className="alert alert-warning">The second date must not be before the first.</p>
          ) : null}
          {compare.data ? (
            <>
              <div className="bc-compare">
                <section className="card" aria-label={`Body chart on ${formatDay(compare.data.from.date)}`}>
                  <BodyChart
                    findings={compare.data.from.findings}
                    label={`${formatDay(compare.data.from.date)}${compare.data.from.source ? ` (${SOURCE[compare.data.from.source.type]})` : ''}`}
                  />
                </section>
                <section className="card" aria-label={`Body chart on ${formatDay(compare.data.to.date)}`}>
                  <BodyChart
                    findings={compare.data.to.findings}
                    label={`${formatDay(compare.data.to.date)}${compare.data.to.source ? ` (${SOURCE[compare.data.to.source.type]})` : ''}`}
                    highlight={Object.fromEntries(compare.data.regions.map((r) => [r.region, r.change]))}
                  />
                </section>
              </div>
              <section className="card" aria-labelledby={`${id}-changes`}>
                <h2 id={`${id}-changes`}>What changed per region</h2>
                <TableScroll label="What changed per region">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Region</th>
                        <th scope="col">{formatDay(compare.data.from.date)}</th>
                        <th scope="col">{formatDay(compare.data.to.date)}</th>
                        <th scope="col">Change</th>
                      </tr>
                    </thead>
                    <tbody>
                      {compare.data.regions.map((r) => (
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
              </section>
            </>
          ) : compare.isError ? (
            <LoadError error={compare.error} />
          ) : null}
        </>
      )}
    </Page>
  );
}
