/** The canvas's pure logic: seeded layouts, placement around an anchor, label culling, overlap removal, arrow-key moves. */
import { describe, expect, it } from 'vitest';
import { cullLabels, labelPriority, labelSides, OVER_NODES, overlappingCount, placeLabelChoices, wrapWidth } from '../../client/src/core/labels';
import { fromMinimap, minimapFrame, toMinimap } from '../../client/src/core/minimap';
import { degrees, medianDisplacement, nearestInDirection, nodeSize, placeAround, seededRandom, seedOf, separate, SLOT, withSeed } from '../../client/src/core/layout';

describe('seeded layouts', () => {
  it('draws the same numbers for the same seed, whatever the order of the ids', () => {
    const a = seededRandom(seedOf(['b', 'a', 'c']));
    const b = seededRandom(seedOf(['c', 'b', 'a']));
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seedOf(['a', 'b'])).not.toBe(seedOf(['a', 'c']));
  });

  it('seeds Math.random during a task and restores it after, even when the task throws', () => {
    const original = Math.random;
    const first = withSeed(7, () => [Math.random(), Math.random()]);
    expect(withSeed(7, () => [Math.random(), Math.random()])).toEqual(first);
    expect(() => withSeed(7, () => { throw new Error('boom'); })).toThrow('boom');
    expect(Math.random).toBe(original);
  });
});

describe('placement around an anchor', () => {
  const clear = (ps: { x: number; y: number }[], w: number, h: number) => ps.every((p, i) => ps.every((q, j) => i === j || Math.abs(p.x - q.x) >= w || Math.abs(p.y - q.y) >= h));

  it('puts every new node in a free slot around the anchor, never on a drawn node, the same way twice', () => {
    const taken = [{ x: 0, y: 0 }, { x: 140, y: 0 }, { x: 0, y: 90 }];
    const spots = placeAround({ x: 0, y: 0 }, 40, taken);
    expect(spots).toHaveLength(40);
    expect(clear([...taken, ...spots], SLOT.width * 0.8, SLOT.height * 0.8)).toBe(true);
    expect(placeAround({ x: 0, y: 0 }, 40, taken)).toEqual(spots);
    // Around the anchor: the nearest ring first.
    const dist = spots.map((p) => Math.hypot(p.x, p.y));
    expect(Math.min(...dist)).toBeLessThan(SLOT.width * 1.2);
  });

  it('sizes nodes by degree within bounds', () => {
    expect(degrees([{ source: 'a', target: 'b' }, { source: 'a', target: 'a' }]).get('a')).toBe(2);
    expect(nodeSize(0)).toBeLessThan(nodeSize(4));
    expect(nodeSize(10_000)).toBe(64);
  });
});

describe('overlap removal', () => {
  const box = (id: string, x: number, y: number, fixed = false) => ({ id, x, y, left: -50, right: 50, top: -10, bottom: 30, fixed });
  it('pushes overlapping footprints apart and leaves fixed ones in place', () => {
    const items = [box('a', 0, 0, true), box('b', 10, 5), box('c', 20, 0)];
    const moved = separate(items, 4);
    expect(moved.has('a')).toBe(false);
    const at = items.map((i) => ({ ...i, ...(moved.get(i.id) ?? {}) }));
    const boxes = at.map((i) => ({ id: i.id, x1: i.x + i.left, x2: i.x + i.right, y1: i.y + i.top, y2: i.y + i.bottom, priority: 0 }));
    expect(overlappingCount(boxes)).toBe(0);
    expect(separate(items, 4)).toEqual(moved);
  });
  it('moves along one axis alone when told: a layered drawing keeps its columns', () => {
    // Side by side, they overlap least along x; held to y, they part up and down.
    const items = [box('a', 0, 0), box('b', 60, 5), box('c', 0, 20)];
    const moved = separate(items, 4, 60, 'y');
    const at = items.map((i) => ({ ...i, ...(moved.get(i.id) ?? {}) }));
    expect(at.map((i) => i.x)).toEqual([0, 60, 0]);
    const boxes = at.map((i) => ({ id: i.id, x1: i.x + i.left, x2: i.x + i.right, y1: i.y + i.top, y2: i.y + i.bottom, priority: 0 }));
    expect(overlappingCount(boxes)).toBe(0);
  });
});

describe('labels', () => {
  it('wraps long names wider rather than on more than three lines, and short ones at a readable width', () => {
    expect(wrapWidth('MOI')).toBe(110);
    const long = 'Inter-ministerial Working Group for Implementation of the MoU with Thailand';
    expect(wrapWidth(long) * 3).toBeGreaterThanOrEqual(long.length * 12 * 0.56);
  });

  it('keeps labels by priority where they fit: the selection first, then degree', () => {
    const b = (id: string, x: number, priority: number) => ({ id, x1: x, x2: x + 100, y1: 0, y2: 20, priority });
    const boxes = [b('hub', 0, labelPriority({ selected: false, pinned: false, hovered: false, degree: 9 })), b('leaf', 50, 1), b('far', 300, 1), b('chosen', 60, labelPriority({ selected: true, pinned: false, hovered: false, degree: 0 }))];
    const shown = cullLabels(boxes);
    expect([...shown].sort()).toEqual(['chosen', 'far']);
    expect(overlappingCount(boxes.filter((x) => shown.has(x.id)))).toBe(0);
    expect(overlappingCount(boxes)).toBe(3);
  });

  it('names the hovered node\'s neighbours before better-connected nodes, after the selection, the hovered node and pinned ones', () => {
    const p = (o: Partial<Parameters<typeof labelPriority>[0]>) => labelPriority({ selected: false, pinned: false, hovered: false, degree: 0, ...o });
    expect(p({ nearHovered: true, degree: 1 })).toBeGreaterThan(p({ degree: 500 }));
    expect(p({ pinned: true })).toBeGreaterThan(p({ nearHovered: true, degree: 500 }));
    expect(p({ hovered: true })).toBeGreaterThan(p({ pinned: true, degree: 500 }));
    expect(p({ selected: true })).toBeGreaterThan(p({ hovered: true, pinned: true, degree: 500 }));
  });

  it('keeps names off other nodes, and moves a name to a free side of its node before hiding it', () => {
    const node = (id: string, x: number, y: number) => ({ id, x1: x - 5, x2: x + 5, y1: y - 5, y2: y + 5 });
    // Two nodes side by side, 40 apart; each name (60 wide, 20 high) drawn below its node.
    const below = (x: number) => ({ x1: x - 30, x2: x + 30, y1: 8, y2: 28 });
    const a = { id: 'a', priority: 5, at: labelSides(below(0), 'bottom', { x: 0, y: 0, hw: 5, hh: 5 }) };
    const b = { id: 'b', priority: 1, at: labelSides(below(40), 'bottom', { x: 40, y: 0, hw: 5, hh: 5 }) };
    // Its sides keep the label's size and its distance (3) to the node.
    expect(a.at.map((s) => s.side)).toEqual(['bottom', 'top', 'right', 'left']);
    expect(a.at[1]).toEqual({ x1: -30, x2: 30, y1: -28, y2: -8, side: 'top' });
    expect(a.at[2]).toEqual({ x1: 8, x2: 68, y1: -10, y2: 10, side: 'right' });
    const placed = placeLabelChoices([a, b], 2, [node('a', 0, 0), node('b', 40, 0)]);
    // a keeps its side; b's below would cross a's name, the side above is free.
    expect([...placed]).toEqual([['a', 'bottom'], ['b', 'top']]);
    // With a node above b too, b's name goes to its right.
    expect(placeLabelChoices([a, b], 2, [node('a', 0, 0), node('b', 40, 0), node('c', 40, -18)]).get('b')).toBe('right');
    // Without other sides, b's name is hidden; a third node under a's name hides a's name too.
    expect([...cullLabels([{ id: 'a', priority: 5, ...a.at[0]! }, { id: 'b', priority: 1, ...b.at[0]! }])]).toEqual(['a']);
    expect(cullLabels([{ id: 'a', priority: 5, ...a.at[0]! }], 2, [node('c', 0, 18)]).size).toBe(0);
    // Unless it is the selection's (drawn whatever it covers).
    expect(cullLabels([{ id: 'a', priority: OVER_NODES, ...a.at[0]! }], 2, [node('c', 0, 18)]).size).toBe(1);
  });
});

describe('keyboard moves and displacement', () => {
  const nodes = [{ id: 'right', p: { x: 100, y: 5 } }, { id: 'up', p: { x: 0, y: -80 } }, { id: 'far-right', p: { x: 400, y: 0 } }];
  it('moves to the nearest node in the direction of the arrow, or nowhere', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'right')).toBe('right');
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'up')).toBe('up');
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'left')).toBeNull();
  });

  it('measures the median displacement of the nodes two drawings share', () => {
    const a = new Map([['x', { x: 0, y: 0 }], ['y', { x: 0, y: 0 }], ['z', { x: 0, y: 0 }]]);
    const b = new Map([['x', { x: 3, y: 4 }], ['y', { x: 0, y: 0 }], ['z', { x: 30, y: 40 }], ['w', { x: 9, y: 9 }]]);
    expect(medianDisplacement(a, b)).toBe(5);
    expect(medianDisplacement(a, new Map())).toBeNaN();
  });
});

describe('the minimap', () => {
  it('fits the drawing and the view in its box, and maps a point of the box back to the drawing', () => {
    const drawing = { x1: 0, y1: 0, x2: 1000, y2: 500 };
    // The view is the left half of the drawing: the map is the drawing's, 200 by 100 plus padding.
    const f = minimapFrame(drawing, { x1: 0, y1: 0, x2: 500, y2: 500 }, 208, 108, 4);
    expect(f.scale).toBeCloseTo(0.2);
    expect(toMinimap(f, { x: 0, y: 0 })).toEqual({ x: 4, y: 4 });
    expect(toMinimap(f, { x: 1000, y: 500 })).toEqual({ x: 204, y: 104 });
    expect(fromMinimap(f, toMinimap(f, { x: 321, y: 123 }))).toEqual({ x: expect.closeTo(321), y: expect.closeTo(123) });
    // A view reaching past the drawing widens the map, so that its frame stays inside.
    const wide = minimapFrame(drawing, { x1: -1000, y1: 0, x2: 0, y2: 500 }, 208, 108, 4);
    expect(toMinimap(wide, { x: -1000, y: 0 }).x).toBeCloseTo(4);
    expect(toMinimap(wide, { x: 1000, y: 0 }).x).toBeCloseTo(204);
  });
});
