import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
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
import { labelLines } from './labels.ts';

type Row = ClinicOutcomes['total'];
// A no-break space keeps "100 %" on one line in a narrow column.
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}\u00a0%`);

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

function OutcomeTable({ title, column, rows }: { title: string; column: string; rows: Row[] }) {
  const id = useId();
  if (rows.length === 0) return null;
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
            }))}
            margin={{ top: 8, right: 64, bottom: 8, left: 8 }}
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
            <Bar dataKey="share" name="Reached MCID" fill="#0b6461" isAnimationActive={false}>
              <LabelList dataKey="share" position="right" formatter={(v) => `${v}\u00a0%`} />
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
          { label: 'Reached MCID', cell: (r) => r.reachedMcid },
          { label: 'Share', cell: (r) => pct(r.share) },
          { label: 'Median visits to MCID', cell: (r) => r.medianVisitsToMcid ?? '—' },
          { label: 'Drop-outs', cell: (r) => r.droppedOut },
        ]}
      />
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
            <OutcomeTable title="By condition" column="Condition" rows={outcomes.data.byCondition} />
            <OutcomeTable title="By technique" column="Technique" rows={outcomes.data.byTechnique} />
            <OutcomeTable title="By therapist" column="Therapist" rows={outcomes.data.byTherapist} />
            <details>
              <summary>How these numbers are counted</summary>
              <dl className="report-facts">
                {Object.entries(outcomes.data.definitions).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
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
