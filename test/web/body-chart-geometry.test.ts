import { describe, expect, it } from 'vitest';
import { BODY_REGIONS } from '../../src/domain/catalog/body-regions.ts';
import { LAYOUT, type Shape } from '../../web/src/features/body-chart/geometry.ts';

const VIEWBOX = { width: 200, height: 410 };
const overlap = (a: Shape, b: Shape) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('body chart geometry', () => {
  for (const [view, layout] of Object.entries(LAYOUT)) {
    const shapes = Object.entries(layout) as [string, Shape][];

    it(`${view}: every region is at least 17 units each way (24 px when the figure is about 300 px wide)`, () => {
      const small = shapes.filter(([, s]) => s.w < 17 || s.h < 17).map(([region]) => region);
      expect(small).toEqual([]);
    });

    it(`${view}: no two regions overlap, so a tap reaches the region drawn there`, () => {
      const clashes: string[] = [];
      shapes.forEach(([a, sa], i) => {
        for (const [b, sb] of shapes.slice(i + 1)) if (overlap(sa, sb)) clashes.push(`${a} × ${b}`);
      });
      expect(clashes).toEqual([]);
    });

    it(`${view}: every region lies inside the figure and names a catalog region`, () => {
      const known = new Set(BODY_REGIONS.map((r) => r.id));
      for (const [region, s] of shapes) {
        expect(known.has(region as never), region).toBe(true);
        expect(
          s.x >= 0 && s.y >= 0 && s.x + s.w <= VIEWBOX.width && s.y + s.h <= VIEWBOX.height,
          region,
        ).toBe(true);
      }
    });
  }

  it('draws every catalog region on at least one view', () => {
    const drawn = new Set(Object.values(LAYOUT).flatMap((l) => Object.keys(l)));
    expect(BODY_REGIONS.filter((r) => !drawn.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});
