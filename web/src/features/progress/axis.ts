/** Width of one character of an axis label at the axis' 12 px font, a little generous (digits, "Nov"). */
const CHAR_PX = 7;
/** The room a line of label text needs across its own direction, so neighbouring labels do not touch. */
const LINE_PX = 15;
const SLANT = Math.SQRT1_2; // sin 45°
export const AXIS_FONT_PX = 12;

export interface AxisLayout {
  /** One label per point, in order. */
  labels: string[];
  angle: 0 | -45 | -90;
  /** The axis' height in pixels, enough for its longest label at that angle. */
  height: number;
  /** How far the labels reach past the first point (left) and the last point (right), in pixels. */
  reach: { left: number; right: number };
}

/** The chart's margins around the plot: the y axis is on the left; the labels' reach must stay inside the chart. */
export const BASE_MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };

const widest = (labels: readonly string[]) => Math.max(0, ...labels.map((l) => l.length)) * CHAR_PX;

/**
 * How a chart's x axis labels every one of its points within `plotWidth` pixels: level when the `full` labels
 * fit side by side, slanted when they do not, upright `short` labels when even slanted ones would touch. The
 * chart draws every tick (`interval={0}`): left to itself, recharts silently drops the labels that collide
 * (on a 375 px phone, three sessions read "1 (Nov 16) | 3 (Nov 23)").
 */
export function axisLayout(full: readonly string[], short: readonly string[], plotWidth: number): AxisLayout {
  const slot = plotWidth / Math.max(1, full.length);
  const longest = widest(full);
  // Level labels are centred on their point: half of the first and last stick out; slanted and upright ones
  // end at their point (text-anchor end), reaching left by their width along the slant, right by half a line.
  if (longest + CHAR_PX <= slot) {
    const half = (label: string | undefined) => Math.ceil(widest(label ? [label] : []) / 2) + 2;
    return {
      labels: [...full],
      angle: 0,
      height: 30,
      reach: { left: half(full[0]), right: half(full.at(-1)) },
    };
  }
  if (slot * SLANT >= LINE_PX) {
    const first = Math.ceil(widest(full.slice(0, 1)) * SLANT);
    return {
      labels: [...full],
      angle: -45,
      height: Math.ceil(longest * SLANT) + 14,
      reach: { left: first, right: LINE_PX / 2 },
    };
  }
  return {
    labels: [...short],
    angle: -90,
    height: widest(short) + 12,
    reach: { left: LINE_PX / 2, right: LINE_PX / 2 },
  };
}

/**
 * The chart's margins with room for the x axis labels' reach: on the right past the last point (at 1280 px,
 * "Nov 2" and "9 (Nov 2" were cut off), on the left past the y axis (`yAxisWidth`) for the first.
 */
export function chartMargin(layout: AxisLayout, yAxisWidth: number) {
  return {
    ...BASE_MARGIN,
    right: Math.max(BASE_MARGIN.right, layout.reach.right),
    left: Math.max(BASE_MARGIN.left, layout.reach.left - yAxisWidth),
  };
}

/**
 * The layout for a chart `chartWidth` pixels wide: laid out once, then again in the plot left once the margins
 * make room for the labels (so the fit is judged on the plot actually drawn).
 */
export function chartAxis(
  full: readonly string[],
  short: readonly string[],
  chartWidth: number,
  yAxisWidth: number,
) {
  const plot = (margin: typeof BASE_MARGIN) => chartWidth - margin.left - margin.right - yAxisWidth;
  const first = axisLayout(full, short, plot(BASE_MARGIN));
  const layout = axisLayout(full, short, plot(chartMargin(first, yAxisWidth)));
  const margin = chartMargin(layout, yAxisWidth);
  return { layout, margin };
}
