import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay, formatMonthDay } from '../../components/format.ts';
import { AXIS_FONT_PX } from '../progress/axis.ts';
import { everyTick, useAxisLayout } from '../progress/charts.tsx';
import type { Administration, Instrument } from './api.ts';

/**
 * Scores of one instrument over time, with the "no meaningful change" band (baseline ± MCID) shaded.
 * Decorative for screen readers: the same numbers are in the table next to it.
 */
export default function TrendChart({
  items,
  instrument,
}: {
  items: Administration[];
  instrument: Instrument | undefined;
}) {
  const points = [...items]
    .sort((a, b) => a.administeredOn.localeCompare(b.administeredOn) || a.id.localeCompare(b.id))
    .map((a) => ({ date: a.administeredOn, score: a.score }));
  const withChange = items.find((a) => a.change);
  const baseline = items.find((a) => a.isBaseline);
  const scale = instrument?.scales.find((s) => s.id === instrument.primaryScoreId) ?? instrument?.scales[0];
  let band: [number, number] | null = null;
  if (baseline && withChange?.change) {
    const m = withChange.change.mcidUsed;
    const delta = m.unit === 'percent' ? (Math.abs(baseline.score) * m.value) / 100 : m.value;
    band = [baseline.score - delta, baseline.score + delta];
  }
  const axis = useAxisLayout(points.map((p) => formatMonthDay(p.date)));
  return (
    <div className="trend-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={200} onResize={axis.onResize}>
        <LineChart data={points} margin={axis.margin} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" {...everyTick(axis.layout)} />
          <YAxis
            domain={scale ? [scale.range.min, scale.range.max] : ['auto', 'auto']}
            fontSize={AXIS_FONT_PX}
            width={36}
          />
          {band ? <ReferenceArea y1={band[0]} y2={band[1]} fill="#cfe3e2" fillOpacity={0.6} /> : null}
          <Tooltip labelFormatter={(date) => formatDay(String(date))} />
          <Line type="monotone" dataKey="score" stroke="#0b6461" strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      {band ? (
        <p className="small muted">Shaded: baseline ± MCID (inside it, no meaningful change).</p>
      ) : null}
    </div>
  );
}
