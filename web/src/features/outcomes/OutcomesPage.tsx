import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { AdministerForm } from './AdministerForm.tsx';
import { type Administration, outcomesApi } from './api.ts';
import { formatScore, scoreText } from './score.ts';

const TrendChart = lazy(() => import('./TrendChart.tsx'));

/** A patient's outcome measures: administer one, and per instrument the scores over time with the change. */
export function OutcomesPage() {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const instruments = useQuery({
    queryKey: ['instruments', clinic.id],
    queryFn: () => outcomesApi.instruments(clinic.id),
  });
  const history = useQuery({
    queryKey: ['outcomes', clinic.id, patientId],
    queryFn: () => outcomesApi.list(clinic.id, patientId),
  });
  if (instruments.isPending || history.isPending) return <Loading />;
  if (instruments.isError || history.isError)
    return (
      <Page title="Outcome measures">
        <LoadError error={instruments.error ?? history.error} />
      </Page>
    );
  const groups = new Map<string, Administration[]>();
  for (const a of history.data.items) groups.set(a.instrumentId, [...(groups.get(a.instrumentId) ?? []), a]);

  return (
    <Page
      title={titled('Outcome measures')}
      intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}
    >
      <section className="section" aria-labelledby="outcomes-new">
        <h2 id="outcomes-new">Administer a measure</h2>
        <div className="card">
          <AdministerForm
            patientId={patientId}
            instruments={instruments.data.items}
            onDone={() => void history.refetch()}
          />
        </div>
      </section>
      <section className="section" aria-labelledby="outcomes-history">
        <h2 id="outcomes-history">Scores over time</h2>
        {groups.size === 0 ? (
          <EmptyState title="No outcome measure yet">
            The first score of an instrument is its baseline.
          </EmptyState>
        ) : (
          [...groups.entries()].map(([instrumentId, items]) => {
            const instrument = instruments.data.items.find((i) => i.id === instrumentId);
            return (
              <article
                key={instrumentId}
                className="card outcome-card"
                aria-labelledby={`trend-${instrumentId}`}
              >
                <h3 id={`trend-${instrumentId}`}>
                  {instrument?.name ?? instrumentId}{' '}
                  <span className="muted small">
                    {instrument?.direction === 'higher-is-better' ? 'higher is better' : 'higher is worse'}
                  </span>
                </h3>
                <Suspense fallback={<Loading label="Loading the chart…" />}>
                  <TrendChart items={items} instrument={instrument} />
                </Suspense>
                <TableScroll label={`${instrument?.name ?? 'Outcome'} scores`}>
                  <table className="table">
                    <caption className="visually-hidden">{instrument?.name} scores</caption>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">Score</th>
                        <th scope="col">Band</th>
                        <th scope="col">Change from baseline</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((a) => (
                        <tr key={a.id}>
                          <td>{formatDay(a.administeredOn)}</td>
                          <td>{scoreText(a.instrumentId, a.score)}</td>
                          <td>{a.band ?? '—'}</td>
                          <td>
                            {a.change ? (
                              <>
                                <span className={`change-${a.change.classification}`}>
                                  {a.change.change > 0 ? '+' : ''}
                                  {formatScore(a.change.change)} {a.change.label}
                                </span>{' '}
                                <span className="small muted">
                                  (MCID {formatScore(a.change.mcidUsed.value)} {a.change.mcidUsed.unit},{' '}
                                  {a.change.mcidUsed.source})
                                </span>
                              </>
                            ) : (
                              'Baseline'
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </article>
            );
          })
        )}
      </section>
    </Page>
  );
}
