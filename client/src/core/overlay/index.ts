/**
 * Where a pop-up over the canvas goes: beside what it is about rather than on top of it, and
 * wholly inside the canvas. All boxes are in canvas pixels, with the origin at its top-left.
 */
export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Gap between the pop-up and what it is about, in pixels. */
const GAP = 6;

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * The top-left corner of a menu `w` by `h` pixels about `avoid` (a node with its name, or a small
 * box around the point pressed on a relation), inside `bounds` (the canvas): to the right of it,
 * else to its left, below, above, each aligned with its top (left) edge and pushed inside the
 * canvas; the first place that leaves `avoid` clear wins. Where none does (a canvas too small),
 * the menu covers as little of `avoid` as it can.
 */
export function placeMenu(avoid: Rect, w: number, h: number, bounds: Rect): { x: number; y: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));
  const inside = (x: number, y: number) => ({ x: clamp(x, bounds.x1, bounds.x2 - w), y: clamp(y, bounds.y1, bounds.y2 - h) });
  const tries = [
    inside(avoid.x2 + GAP, avoid.y1),
    inside(avoid.x1 - GAP - w, avoid.y1),
    inside(avoid.x1, avoid.y2 + GAP),
    inside(avoid.x1, avoid.y1 - GAP - h),
  ];
  const covered = (p: { x: number; y: number }) => {
    const m = { x1: p.x, y1: p.y, x2: p.x + w, y2: p.y + h };
    if (!overlaps(m, avoid)) return 0;
    return (Math.min(m.x2, avoid.x2) - Math.max(m.x1, avoid.x1)) * (Math.min(m.y2, avoid.y2) - Math.max(m.y1, avoid.y1));
  };
  return tries.reduce((best, p) => (covered(p) < covered(best) ? p : best));
}
