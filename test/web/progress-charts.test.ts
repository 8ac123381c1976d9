import { describe, expect, it } from 'vitest';
import { axisLayout } from '../../web/src/features/progress/axis.ts';
import { bodyChartCaption } from '../../web/src/features/progress/body-chart-labels.ts';

/** The plot of a chart in a card on a 375 px phone: the card's inner width less the y axis and margins. */
const PHONE_PLOT_PX = 375 - 2 * 16 - 2 * 16 - 36 - 16;

const sessions = (n: number) =>
  Array.from({ length: n }, (_, i) => `${i + 1} (Nov ${String(10 + i).padStart(2, '0')})`);
const numbers = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe('axisLayout', () => {
  it('labels every visit on a phone: level while they fit, then slanted, then upright numbers', () => {
    const three = axisLayout(sessions(3), numbers(3), PHONE_PLOT_PX);
    expect(three).toMatchObject({ labels: ['1 (Nov 10)', '2 (Nov 11)', '3 (Nov 12)'], angle: 0 });
    const eight = axisLayout(sessions(8), numbers(8), PHONE_PLOT_PX);
    expect(eight.angle).toBe(-45);
    expect(eight.labels).toEqual(sessions(8));
    const thirty = axisLayout(sessions(30), numbers(30), PHONE_PLOT_PX);
    expect(thirty).toMatchObject({ angle: -90, labels: numbers(30) });
  });

  it('gives the axis room for its longest label at its angle', () => {
    expect(axisLayout(sessions(3), numbers(3), 800).height).toBe(30);
    const slanted = axisLayout(sessions(12), numbers(12), PHONE_PLOT_PX);
    // "10 (Nov 19)": 11 characters at about 7 px, slanted at 45°.
    expect(slanted.height).toBeGreaterThanOrEqual(Math.ceil(11 * 7 * Math.SQRT1_2));
    expect(axisLayout([], [], PHONE_PLOT_PX)).toMatchObject({ labels: [], angle: 0 });
  });
});

describe('bodyChartCaption', () => {
  it('says where each chart comes from and when; the pain map is the patient’s own report', () => {
    expect(bodyChartCaption('First', { type: 'assessment', id: 'a', date: '2026-11-16' })).toBe(
      'First: evaluation, Nov 16, 2026',
    );
    expect(bodyChartCaption('Latest', { type: 'session_note', id: 'n', date: '2026-11-23' })).toBe(
      'Latest: session note, Nov 23, 2026',
    );
    expect(bodyChartCaption(null, { type: 'intake', id: 'i', date: '2026-11-27' })).toBe(
      "The patient's own report (health history), Nov 27, 2026",
    );
  });
});
