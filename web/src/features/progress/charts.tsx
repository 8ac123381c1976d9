import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay, formatMonthDay } from '../../components/format.ts';
import { AXIS_FONT_PX, type AxisLayout, chartAxis } from './axis.ts';

const fmt = (x: number | null) => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1));

const Y_AXIS_PX = 36;

/**
 * The x axis' labels laid out for the chart's measured width (a phone's until measured): every point keeps
 * its label, and the margins keep the first and last labels inside the chart. `onResize` goes on the
 * ResponsiveContainer, `margin` on the chart.
 */
export function useAxisLayout(full: readonly string[], short: readonly string[] = full) {
  const [width, setWidth] = useState(320);
  const { layout, margin } = chartAxis(full, short, width, Y_AXIS_PX);
  return { layout, margin, onResize: (w: number) => setWidth(w) };
}

/** XAxis props that draw every tick with the layout's labels. */
export const everyTick = (layout: AxisLayout) => ({
  interval: 0 as const,
  angle: layout.angle,
  textAnchor: layout.angle === 0 ? ('middle' as const) : ('end' as const),
  height: layout.height,
  fontSize: AXIS_FONT_PX,
  tickFormatter: (_value: unknown, index: number) => layout.labels[index] ?? '',
});

/**
 * A measure over time with the MCID band around its baseline (a score outside the band is a meaningful change).
 * The same numbers are given as a table for screen readers.
 */
export function OutcomeChart({
  title,
  points,
  band,
  range,
  betterWhen,
  className = 'card',
}: {
  title: string;
  points: { date: string; score: number }[];
  band: { low: number; high: number } | null;
  range: { min: number; max: number };
  betterWhen: 'lower' | 'higher';
  /** `card` stands alone; the patient portal draws charts inside its own cards. */
  className?: string;
}) {
  const axis = useAxisLayout(points.map((p) => formatMonthDay(p.date)));
  return (
    <figure className={className}>
      <figcaption>
        <strong>{title}</strong> <span className="small muted">({betterWhen} is better)</span>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" onResize={axis.onResize}>
          <LineChart data={points} margin={axis.margin} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" {...everyTick(axis.layout)} />
            <YAxis domain={[range.min, range.max]} width={Y_AXIS_PX} fontSize={AXIS_FONT_PX} />
            {band ? (
              <ReferenceArea
                y1={band.low}
                y2={band.high}
                fill="#0b6461"
                fillOpacity={0.12}
                label="MCID band"
              />
            ) : null}
            <Tooltip labelFormatter={(date) => formatDay(String(date))} />
            <Line
              type="monotone"
              dataKey="score"
              stroke="#0b6461"
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{title} scores</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: several scores may share a date
            <tr key={i}>
              <th scope="row">{formatDay(p.date)}</th>
              <td>{fmt(p.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {band ? (
        <p className="small muted">
          Shaded: the baseline ± the MCID ({fmt(band.low)}–{fmt(band.high)}); beyond it the change is
          meaningful.
        </p>
      ) : null}
    </figure>
  );
}

/** Pain before and after each session (0–10). */
export function PainChart({
  points,
  className = 'card',
}: {
  points: { date: string; before: number | null; after: number | null }[];
  className?: string;
}) {
  const data = points.map((p, i) => ({ ...p, session: `${i + 1} (${formatMonthDay(p.date)})` }));
  // Too many sessions for their dates to fit even slanted: the numbers alone (the tooltip and table say the dates).
  const axis = useAxisLayout(
    data.map((p) => p.session),
    data.map((_, i) => String(i + 1)),
  );
  return (
    <figure className={className}>
      <figcaption>
        <strong>Pain before and after each session</strong>{' '}
        <span className="small muted">(0–10, lower is better)</span>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" onResize={axis.onResize}>
          <LineChart data={data} margin={axis.margin} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="session" {...everyTick(axis.layout)} />
            <YAxis domain={[0, 10]} width={Y_AXIS_PX} fontSize={AXIS_FONT_PX} />
            <Tooltip />
            <Legend />
            <Line dataKey="before" name="Before" stroke="#a3261b" strokeWidth={2} isAnimationActive={false} />
            <Line dataKey="after" name="After" stroke="#0b6461" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Pain before and after each session</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.session}>
              <th scope="row">{p.session}</th>
              <td>{fmt(p.before)}</td>
              <td>{fmt(p.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
