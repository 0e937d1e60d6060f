import type { Direction, Footprint, Point } from './types';

/**
 * A small seeded generator (mulberry32): layouts that draw with randomness draw the same picture
 * for the same seed, so a view opened twice looks the same.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a set of ids (order does not matter): FNV-1a over the sorted ids. */
export function seedOf(ids: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const id of [...ids].sort()) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 44, 0x01000193);
  }
  return h >>> 0;
}

/** Runs `task` with Math.random replaced by a seeded generator (layout libraries call it directly). */
export function withSeed<T>(seed: number, task: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return task();
  } finally {
    Math.random = original;
  }
}

/** Relations per node over the given edges (self-loops count once). */
export function degrees(edges: readonly { source: string; target: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of edges) {
    out.set(e.source, (out.get(e.source) ?? 0) + 1);
    if (e.target !== e.source) out.set(e.target, (out.get(e.target) ?? 0) + 1);
  }
  return out;
}

/** Node diameter by degree: area grows with the number of relations, within readable bounds. */
export function nodeSize(degree: number): number {
  return Math.round(Math.min(64, 18 + 7 * Math.sqrt(Math.max(0, degree))));
}

/** Room a node with its label needs around it, in model units (label about 130 wide, 3 lines). */
export const SLOT = { width: 150, height: 80 };

const clashes = (p: Point, taken: readonly Point[], slot: { width: number; height: number }) =>
  taken.some((q) => Math.abs(p.x - q.x) < slot.width && Math.abs(p.y - q.y) < slot.height);

/**
 * Positions for `count` new nodes around `anchor`, on rings of growing radius, skipping every
 * slot that would overlap a node already drawn (or one placed before it). Deterministic: the same
 * input gives the same positions, and nodes already drawn never move.
 */
export function placeAround(anchor: Point, count: number, taken: readonly Point[], slot = SLOT): Point[] {
  const placed: Point[] = [];
  const all = [...taken];
  for (let ring = 1; placed.length < count && ring < 60; ring++) {
    const rx = ring * slot.width * 0.9;
    const ry = ring * slot.height * 1.1;
    // Slots on this ring about one label width apart along its circumference.
    const circumference = Math.PI * (3 * (rx + ry) - Math.sqrt((3 * rx + ry) * (rx + 3 * ry)));
    const slots = Math.max(6, Math.floor(circumference / (slot.width * 0.85)));
    const offset = ring % 2 ? 0 : Math.PI / slots;
    for (let i = 0; i < slots && placed.length < count; i++) {
      const a = offset + (2 * Math.PI * i) / slots - Math.PI / 2;
      const p = { x: Math.round(anchor.x + rx * Math.cos(a)), y: Math.round(anchor.y + ry * Math.sin(a)) };
      if (clashes(p, all, { width: slot.width * 0.8, height: slot.height * 0.8 })) continue;
      placed.push(p);
      all.push(p);
    }
  }
  return placed;
}

/**
 * The node nearest to `from` in a direction (for arrow keys on the canvas): among the nodes within
 * 60 degrees of that direction, the closest, with distance across the direction weighing double.
 */
export function nearestInDirection(from: Point, candidates: readonly { id: string; p: Point }[], dir: Direction): string | null {
  const [ux, uy] = dir === 'left' ? [-1, 0] : dir === 'right' ? [1, 0] : dir === 'up' ? [0, -1] : [0, 1];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const dx = c.p.x - from.x;
    const dy = c.p.y - from.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore || (score === bestScore && best !== null && c.id < best)) (best = c.id), (bestScore = score);
  }
  return best;
}

/** Median distance between the positions of the same nodes in two drawings (ids in neither are left out). */
export function medianDisplacement(a: ReadonlyMap<string, Point>, b: ReadonlyMap<string, Point>): number {
  const d: number[] = [];
  for (const [id, p] of a) {
    const q = b.get(id);
    if (q) d.push(Math.hypot(p.x - q.x, p.y - q.y));
  }
  if (!d.length) return NaN;
  d.sort((x, y) => x - y);
  const mid = d.length >> 1;
  return d.length % 2 ? d[mid]! : (d[mid - 1]! + d[mid]!) / 2;
}

/**
 * Pushes overlapping footprints apart (node and label boxes), each pair along the axis where it
 * overlaps least (or along `axis` alone: a layered drawing keeps its columns), until none
 * overlap or `rounds` are spent. Deterministic (order by id); fixed footprints stay put. Returns
 * the new positions of the ones that moved.
 */
export function separate(items: readonly Footprint[], gap = 4, rounds = 60, axis?: 'y'): Map<string, Point> {
  const f = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => ({ ...x }));
  const cell = Math.max(50, ...f.map((x) => Math.max(x.right - x.left, x.bottom - x.top))) + gap;
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    const grid = new Map<string, number[]>();
    f.forEach((a, i) => {
      const k = `${Math.floor(a.x / cell)},${Math.floor(a.y / cell)}`;
      grid.set(k, [...(grid.get(k) ?? []), i]);
    });
    f.forEach((a, i) => {
      const cx = Math.floor(a.x / cell), cy = Math.floor(a.y / cell);
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
        if (j <= i) continue;
        const b = f[j]!;
        if (a.fixed && b.fixed) continue;
        const ox = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x + a.left, b.x + b.left) + gap;
        const oy = Math.min(a.y + a.bottom, b.y + b.bottom) - Math.max(a.y + a.top, b.y + b.top) + gap;
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Move along the axis of least overlap, splitting the move between the two unless one is fixed.
        const share = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
        if (ox < oy && axis !== 'y') {
          const dir = a.x + (a.left + a.right) / 2 <= b.x + (b.left + b.right) / 2 ? -1 : 1;
          a.x += dir * ox * share[0]!;
          b.x -= dir * ox * share[1]!;
        } else {
          const dir = a.y + (a.top + a.bottom) / 2 <= b.y + (b.top + b.bottom) / 2 ? -1 : 1;
          a.y += dir * oy * share[0]!;
          b.y -= dir * oy * share[1]!;
        }
      }
    });
    if (!moved) break;
  }
  const before = new Map(items.map((x) => [x.id, x]));
  const out = new Map<string, Point>();
  for (const x of f) {
    const o = before.get(x.id)!;
    if (x.x !== o.x || x.y !== o.y) out.set(x.id, { x: Math.round(x.x), y: Math.round(x.y) });
  }
  return out;
}
