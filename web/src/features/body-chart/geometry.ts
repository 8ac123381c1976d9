import type { RegionId, View } from '../../../../src/domain/catalog/body-regions.ts';

/**
 * Where each catalog region is drawn on the two figures (viewBox 0 0 200 410). Front view: the patient faces
 * us, so their right is on our left; back view: their left is on our left. Shapes are rounded rectangles,
 * at least 17 units on each side and never overlapping, so that on a phone (the figure about 300 px wide) every
 * region is a tap target of at least 24 × 24 px (WCAG 2.5.8).
 */
export interface Shape {
  x: number;
  y: number;
  w: number;
  h: number;
  r?: number;
}

type Layout = Partial<Record<RegionId, Shape>>;

/** Mirrors a shape around the figure's vertical centre line (x = 100). */
const mirror = (s: Shape): Shape => ({ ...s, x: 200 - s.x - s.w });

/** A paired region: `near` is the side drawn on the viewer's left. */
function pair(base: string, left: Shape, layout: Layout, viewerLeftSide: 'left' | 'right') {
  const other = viewerLeftSide === 'left' ? 'right' : 'left';
  layout[`${base}-${viewerLeftSide}` as RegionId] = left;
  layout[`${base}-${other}` as RegionId] = mirror(left);
}

const ARM: [string, Shape][] = [
  ['upper-arm', { x: 36, y: 100, w: 20, h: 44 }],
  ['elbow', { x: 34, y: 144, w: 20, h: 17 }],
  ['forearm', { x: 30, y: 161, w: 20, h: 43 }],
  ['wrist', { x: 26, y: 204, w: 20, h: 17 }],
  ['hand', { x: 20, y: 221, w: 26, h: 29, r: 10 }],
];

function front(): Layout {
  const l: Layout = {
    head: { x: 78, y: 4, w: 44, h: 20, r: 14 },
    face: { x: 80, y: 24, w: 40, h: 20, r: 8 },
    'neck-anterior': { x: 88, y: 61, w: 24, h: 17 },
    chest: { x: 73, y: 78, w: 54, h: 48, r: 6 },
    abdomen: { x: 73, y: 126, w: 54, h: 52, r: 6 },
  };
  const side = 'right'; // the patient's right is on the viewer's left
  pair('jaw', { x: 78, y: 44, w: 22, h: 17 }, l, side);
  pair('shoulder', { x: 42, y: 76, w: 28, h: 24, r: 10 }, l, side);
  pair('axilla', { x: 56, y: 100, w: 17, h: 20 }, l, side);
  for (const [base, s] of ARM) pair(base, s, l, side);
  pair('hip', { x: 62, y: 178, w: 21, h: 26 }, l, side);
  pair('groin', { x: 83, y: 182, w: 17, h: 22 }, l, side);
  pair('thigh-anterior', { x: 68, y: 204, w: 30, h: 70, r: 8 }, l, side);
  pair('knee', { x: 70, y: 274, w: 26, h: 22, r: 8 }, l, side);
  pair('shin', { x: 72, y: 296, w: 22, h: 69 }, l, side);
  pair('ankle', { x: 72, y: 365, w: 22, h: 17 }, l, side);
  pair('foot', { x: 64, y: 382, w: 30, h: 24, r: 8 }, l, side);
  return l;
}

function back(): Layout {
  const l: Layout = {
    head: { x: 78, y: 4, w: 44, h: 52, r: 20 },
    'neck-posterior': { x: 88, y: 56, w: 24, h: 20 },
    'upper-back': { x: 68, y: 80, w: 64, h: 34, r: 6 },
    'mid-back': { x: 70, y: 114, w: 60, h: 32 },
    'low-back': { x: 72, y: 146, w: 56, h: 30 },
    sacrum: { x: 88, y: 176, w: 24, h: 20 },
  };
  const side = 'left'; // seen from behind, the patient's left is on the viewer's left
  pair('upper-trapezius', { x: 58, y: 61, w: 30, h: 17, r: 6 }, l, side);
  pair('shoulder', { x: 40, y: 78, w: 28, h: 22, r: 10 }, l, side);
  for (const [base, s] of ARM) pair(base, s, l, side);
  pair('hip', { x: 50, y: 176, w: 17, h: 32 }, l, side);
  pair('gluteal', { x: 67, y: 176, w: 21, h: 36, r: 10 }, l, side);
  pair('thigh-posterior', { x: 68, y: 212, w: 30, h: 62, r: 8 }, l, side);
  pair('knee', { x: 70, y: 274, w: 26, h: 22, r: 8 }, l, side);
  pair('calf', { x: 72, y: 296, w: 22, h: 69, r: 8 }, l, side);
  pair('ankle', { x: 72, y: 365, w: 22, h: 17 }, l, side);
  pair('foot', { x: 64, y: 382, w: 30, h: 24, r: 8 }, l, side);
  return l;
}

export const LAYOUT: Record<View, Layout> = { front: front(), back: back() };
