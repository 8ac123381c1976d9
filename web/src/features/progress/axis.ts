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
}

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
  if (longest + CHAR_PX <= slot) return { labels: [...full], angle: 0, height: 30 };
  if (slot * SLANT >= LINE_PX)
    return { labels: [...full], angle: -45, height: Math.ceil(longest * SLANT) + 14 };
  return { labels: [...short], angle: -90, height: widest(short) + 12 };
}
