import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { romValueText } from '../../../../src/modules/reports/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { reportsApi } from '../reports/api.ts';
import { bodyChartCaption } from './body-chart-labels.ts';
import { OutcomeChart, PainChart } from './charts.tsx';
import { GoalProgressTable, measured } from './GoalProgressTable.tsx';
import '../reports/reports.css';
import { DataTable } from '../../components/DataTable.tsx';

const CHANGE = {
  new: 'New',
  resolved: 'Resolved',
  better: 'Better',
  worse: 'Worse',
  unchanged: 'Unchanged',
  changed: 'Changed',
};

/** The progress view per patient: measures with the MCID band, pain, ROM, goals, visits, home care, body chart. */
export function ProgressPage({ mode = 'staff' }: { mode?: 'staff' | 'physician' }) {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const progress = useQuery({
    queryKey: ['progress', clinic.id, patientId],
    queryFn: () => reportsApi.progress(clinic.id, patientId),
  });
  const chart = mode === 'physician' ? `/physician/patients/${patientId}` : `/patients/${patientId}`;

  if (progress.isPending) return <Loading />;
  if (progress.isError)
    return (
      <Page title="Progress">
        <LoadError error={progress.error} retry={() => progress.refetch()} />
      </Page>
    );
  const p = progress.data;
  const { first, latest, regions, patientReport } = p.bodyChart;
  return (
    <Page
      title={`Progress · ${p.patient.name}`}
      intro={
        <p>
          Since {formatDay(p.since)} · <Link to={chart}>Back to the chart</Link>
          {mode === 'staff' ? (
            <>
              {' '}
              · <Link to={`/patients/${patientId}/reports`}>Reports</Link>
            </>
          ) : null}
        </p>
      }
    >
      <div className="summary">
        <div className="summary-tile">
          <span className="summary-number">
            {p.visits.used}
            {p.visits.authorized !== null ? ` / ${p.visits.authorized}` : ''}
          </span>
          <span className="summary-label">
            {p.visits.authorized !== null ? 'Visits used / authorised' : 'Visits so far'}
          </span>
        </div>
        <div className="summary-tile">
          <span className="summary-number">{p.visits.missed}</span>
          <span className="summary-label">Visits missed</span>
        </div>
        <div className="summary-tile">
          <span className="summary-number">
            {p.homeCare.adherence.percent === null ? '—' : `${p.homeCare.adherence.percent} %`}
          </span>
          <span className="summary-label">Home-care adherence (2 weeks)</span>
        </div>
      </div>

      <section className="section" aria-labelledby="pg-outcomes">
        <h2 id="pg-outcomes">Outcome measures</h2>
        {p.outcomes.length === 0 ? <EmptyState title="No outcome measure recorded yet" /> : null}
        <div className="chart-grid">
          {p.outcomes.map((o) => (
            <div key={o.instrumentId}>
              <OutcomeChart
                title={o.name}
                points={o.points}
                band={o.band}
                range={o.range}
                betterWhen={o.direction === 'higher-is-better' ? 'higher' : 'lower'}
              />
              {o.meaning ? <p className="small">{o.meaning}</p> : null}
            </div>
          ))}
        </div>
      </section>

      {p.pain.length > 0 ? (
        <section className="section" aria-labelledby="pg-pain">
          <h2 id="pg-pain">Pain</h2>
          <PainChart points={p.pain} />
        </section>
      ) : null}

      <section className="section" aria-labelledby="pg-rom">
        <h2 id="pg-rom">Range of motion against normal</h2>
        {p.rom.length === 0 ? (
          <p>No range of motion measured.</p>
        ) : (
          <DataTable
            caption="Range of motion"
            rows={p.rom}
            rowKey={(r) => `${r.jointMotion}-${r.side}`}
            columns={[
              { label: 'Motion', cell: (r) => `${r.label}${r.side ? ` (${r.side})` : ''}` },
              { label: 'First', cell: (r) => romValueText(r.points[0]?.value ?? null, r.unit) },
              { label: 'Latest', cell: (r) => romValueText(r.points.at(-1)?.value ?? null, r.unit) },
              { label: 'Normal', cell: (r) => romValueText(r.normal, r.unit) },
              {
                label: '% of normal',
                cell: (r) => (r.percentOfNormal === null ? '—' : `${r.percentOfNormal} %`),
              },
              { label: 'Status', cell: (r) => r.status.replace('-', ' ') },
            ]}
          />
        )}
      </section>

      <section className="section" aria-labelledby="pg-goals">
        <h2 id="pg-goals">Goals</h2>
        <GoalProgressTable goals={p.goals} caption="Goals with status" />
      </section>

      <section className="section" aria-labelledby="pg-home">
        <h2 id="pg-home">Home care</h2>
        {p.homeCare.exercises.length === 0 ? (
          <p>No home program.</p>
        ) : (
          <p>
            {p.homeCare.exercises.map((e) => `${e.name} (${e.dosage})`).join('; ')}. Logged as done:{' '}
            {p.homeCare.adherence.done} of the {p.homeCare.adherence.expected} times prescribed in the last
            two weeks (each exercise counted as often a day as its dosage says).
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="pg-body">
        <h2 id="pg-body">Body chart: first visit and latest</h2>
        {!first || !latest ? (
          <p>No body chart recorded at an evaluation or session yet.</p>
        ) : (
          <>
            <div className="body-compare">
              <BodyChart findings={first.findings} label={bodyChartCaption('First', first.source)} />
              {latest.source.id !== first.source.id ? (
                <BodyChart findings={latest.findings} label={bodyChartCaption('Latest', latest.source)} />
              ) : null}
            </div>
            {regions.length > 0 ? (
              <DataTable
                caption="Change per region, first to latest"
                rows={regions}
                rowKey={(r) => r.region}
                columns={[
                  { label: 'Region', cell: (r) => r.label },
                  { label: 'Pain first', cell: (r) => measured(r.painBefore) },
                  { label: 'Pain latest', cell: (r) => measured(r.painAfter) },
                  { label: 'Change', cell: (r) => CHANGE[r.change] },
                ]}
              />
            ) : null}
          </>
        )}
        {patientReport ? (
          <>
            <h3>The patient's own report</h3>
            <p className="small muted">
              The pain map from the health history the patient filled in: what they told us, not compared with
              the findings above.
            </p>
            <BodyChart
              findings={patientReport.findings}
              label={bodyChartCaption(null, patientReport.source)}
            />
          </>
        ) : null}
      </section>
    </Page>
  );
}
