import { describe, expect, it } from 'vitest';
import { chartAxis } from '../../web/src/features/progress/axis.ts';

/** Roughly a progress chart's width in a card at 1280 px, where "Nov 2" and "9 (Nov 2" were cut off. */
const DESKTOP_PX = 560;
const Y_AXIS_PX = 36;
const CHAR_PX = 7;

const days = (n: number) => Array.from({ length: n }, (_, i) => `Nov ${i + 2}`);
const sessions = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1} (Nov ${i + 2})`);

describe('the x axis labels stay inside the chart', () => {
  it('gives the right margin half of the last level label, which is centred on the last point', () => {
    const { layout, margin } = chartAxis(sessions(5), sessions(5), DESKTOP_PX, Y_AXIS_PX);
    expect(layout.angle).toBe(0);
    // "5 (Nov 6)": 9 characters, half of it past the last point (more than the old 16 px margin).
    expect(margin.right).toBeGreaterThanOrEqual((9 * CHAR_PX) / 2);
    const dates = chartAxis(days(3), days(3), DESKTOP_PX, Y_AXIS_PX);
    expect(dates.margin.right).toBeGreaterThanOrEqual((5 * CHAR_PX) / 2);
  });

  it('keeps the base margins when the labels are short, and room on the left for a long first slanted label', () => {
    const short = chartAxis(['1', '2'], ['1', '2'], DESKTOP_PX, Y_AXIS_PX);
    expect(short.margin).toEqual({ top: 8, right: 16, bottom: 8, left: 0 });
    const slanted = chartAxis(
      sessions(12),
      sessions(12).map((_, i) => String(i + 1)),
      375,
      Y_AXIS_PX,
    );
    expect(slanted.layout.angle).toBe(-45);
    // "1 (Nov 2)" slanted reaches about 45 px left of its point: past the 36 px y axis.
    expect(slanted.margin.left).toBeGreaterThan(0);
    expect(slanted.margin.left + Y_AXIS_PX).toBeGreaterThanOrEqual(Math.ceil(9 * CHAR_PX * Math.SQRT1_2));
  });
});
