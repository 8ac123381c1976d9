import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
} from 'recharts';
import { useClinic } from '../../app/session.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { localDateIn, plusDays } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, LoadError, Loading } from '../../components/Status.tsx';
import { analyticsCsv, type ClinicOutcomes, reportsApi } from '../reports/api.ts';
import '../reports/reports.css';
import { barLabel, labelLines, pct, shareCell, tooFewToCompare } from './labels.ts';

type Row = ClinicOutcomes['total'];

/** Bars lie sideways so every condition, technique or therapist keeps its whole name beside its bar. */
const BAR_ROW_HEIGHT = 34;
/** The names' column: 190 px at 13 px type holds about 24 characters a line. */
const NAME_WIDTH = 190;
const NAME_CHARS = 24;
const LINE_EM = 1.2;
const LINE_PX = 16;

/** A bar's name on as many lines as it needs, centred on its bar. */
function BarName({ x, y, payload, fill }: YAxisTickContentProps) {
  const lines = labelLines(String(payload.value), NAME_CHARS);
  let offset = 0;
  return (
    <text x={x} y={y} textAnchor="end" fontSize={13} fill={fill}>
      {lines.map((line, i) => {
        const key = offset;
        offset += line.length;
        return (
          <tspan
            key={key}
            x={x}
            dy={i === 0 ? `${0.355 - ((lines.length - 1) * LINE_EM) / 2}em` : `${LINE_EM}em`}
          >
            {line}
          </tspan>
        );
      })}
    </text>
  );
}

function OutcomeTable({
  title,
  column,
  rows,
  minEpisodes,
}: {
  title: string;
  column: string;
  rows: Row[];
  minEpisodes: number;
}) {
  const id = useId();
  if (rows.length === 0) return null;
  const fewRows = rows.filter((r) => tooFewToCompare(r, minEpisodes)).length;
  // Every row as tall as the name with the most lines needs.
  const lines = Math.max(...rows.map((r) => labelLines(r.label, NAME_CHARS).length));
  const rowHeight = Math.max(BAR_ROW_HEIGHT, lines * LINE_PX + 10);
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-box" style={{ height: rows.length * rowHeight + 48 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            layout="vertical"
            data={rows.map((r) => ({
              label: r.label,
              share: r.share === null ? 0 : Math.round(r.share * 100),
              text: barLabel(r, minEpisodes),
            }))}
            margin={{ top: 8, right: 104, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit=" %" />
            <YAxis
              type="category"
              dataKey="label"
              width={NAME_WIDTH}
              interval={0}
              tick={(props: YAxisTickContentProps) => <BarName {...props} />}
            />
            <Tooltip />
            {/* A bar at least 2 px wide, so a 0 % row still has its label drawn beside it. */}
            <Bar
              dataKey="share"
              name="Reached a meaningful change"
              fill="#0b6461"
              minPointSize={2}
              isAnimationActive={false}
            >
              {rows.map((r) => (
                <Cell key={r.key} fill={tooFewToCompare(r, minEpisodes) ? '#8fb8b6' : '#0b6461'} />
              ))}
              <LabelList dataKey="text" position="right" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DataTable
        caption={title}
        rowKey={(r) => r.key}
        rows={rows}
        columns={[
          { label: column, cell: (r) => r.label },
          { label: 'Episodes', cell: (r) => r.episodes },
          { label: 'Measured', cell: (r) => r.measured },
          { label: 'Reached a meaningful change', cell: (r) => r.reachedMcid },
          { label: 'Share', cell: (r) => shareCell(r, minEpisodes) },
          { label: 'Median visits until then', cell: (r) => r.medianVisitsToMcid ?? '—' },
          { label: 'Drop-outs', cell: (r) => r.droppedOut },
        ]}
      />
      {fewRows > 0 ? (
        <p className="field-hint">
          Paler bars and rows marked “too few” have fewer than {minEpisodes} measured episodes: one patient
          more or less would change their share by 20 points or more, so they are not comparable with the
          others.
        </p>
      ) : null}
    </section>
  );
}

/** Clinic outcomes for the owner: share of episodes reaching a meaningful change, visits to it, drop-out. */
export function AnalyticsPage() {
  const clinic = useClinic();
  const id = useId();
  // The last year, in the clinic's days.
  const today = localDateIn(clinic.timeZone);
  const [from, setFrom] = useState(plusDays(today, -365));
  const [to, setTo] = useState(today);
  const valid = Boolean(from && to && from <= to);
  const outcomes = useQuery({
    queryKey: ['analytics', clinic.id, from, to],
    queryFn: () => reportsApi.outcomes(clinic.id, from, to),
    enabled: valid,
  });
  return (
    <Page
      title="Clinic outcomes"
      intro={
        <p>
          Episodes of care (plans) started in the period, and how many reached a meaningful change (MCID).
        </p>
      }
      actions={
        valid ? (
          <a className="button button-secondary" href={analyticsCsv(clinic.id, from, to)} download>
            Export CSV
          </a>
        ) : null
      }
    >
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-from`}>Started from</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>to</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      {!valid ? <p className="field-error">The start must be on or before the end.</p> : null}
      {outcomes.isPending && valid ? (
        <Loading />
      ) : outcomes.isError ? (
        <LoadError error={outcomes.error} retry={() => outcomes.refetch()} />
      ) : outcomes.data ? (
        outcomes.data.total.episodes === 0 ? (
          <EmptyState title="No episode of care started in this period" />
        ) : (
          <>
            <div className="summary">
              <div className="summary-tile">
                <span className="summary-number">{pct(outcomes.data.total.share)}</span>
                <span className="summary-label">reached a meaningful change</span>
              </div>
              <div className="summary-tile">
                <span className="summary-number">{outcomes.data.total.medianVisitsToMcid ?? '—'}</span>
                <span className="summary-label">median visits until then</span>
              </div>
              <div className="summary-tile">
                <span className="summary-number">{outcomes.data.total.droppedOut}</span>
                <span className="summary-label">drop-outs of {outcomes.data.total.episodes} episodes</span>
              </div>
            </div>
            {(
              [
                ['By condition', 'Condition', outcomes.data.byCondition],
                ['By technique', 'Technique', outcomes.data.byTechnique],
                ['By therapist', 'Therapist', outcomes.data.byTherapist],
              ] as const
            ).map(([title, column, rows]) => (
              <OutcomeTable
                key={title}
                title={title}
                column={column}
                rows={rows}
                minEpisodes={outcomes.data.minEpisodesToCompare}
              />
            ))}
            <details>
              <summary>How these numbers are counted</summary>
              <dl className="report-facts">
                {outcomes.data.definitions.map(({ term, meaning }) => (
                  <div key={term}>
                    <dt>{term}</dt>
                    <dd>{meaning}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </>
        )
      ) : null}
    </Page>
  );
}
