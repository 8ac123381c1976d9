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

const fmt = (x: number | null) => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(1));

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
  return (
    <figure className={className}>
      <figcaption>
        <strong>{title}</strong> <span className="small muted">({betterWhen} is better)</span>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={formatMonthDay} />
            <YAxis domain={[range.min, range.max]} />
            {band ? (
              <ReferenceArea
                y1={band.low}
                y2={band.high}
                fill="#0b6461"
                fillOpacity={0.12}
                label="MCID band"
              />
            ) : null}
            <Tooltip />
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
  return (
    <figure className={className}>
      <figcaption>
        <strong>Pain before and after each session</strong>{' '}
        <span className="small muted">(0–10, lower is better)</span>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="session" />
            <YAxis domain={[0, 10]} />
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
