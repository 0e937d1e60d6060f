/** Pure logic behind the canvas's pop-ups, the exported picture's legend and counted nouns. */
import { describe, expect, it } from 'vitest';
import { pictureLegend } from '../../client/src/core/export';
import { placeMenu, type Rect } from '../../client/src/core/overlay';
import { counted } from '../../client/src/core/text';

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const box = (p: { x: number; y: number }, w: number, h: number): Rect => ({ x1: p.x, y1: p.y, x2: p.x + w, y2: p.y + h });
const canvas = { x1: 0, y1: 0, x2: 800, y2: 600 };

describe('context menu placement', () => {
  it('opens to the right of the node and its name, level with its top', () => {
    const node = { x1: 100, y1: 100, x2: 220, y2: 160 };
    const at = placeMenu(node, 160, 180, canvas);
    expect(at).toEqual({ x: 226, y: 100 });
    expect(overlaps(box(at, 160, 180), node)).toBe(false);
  });

  it('near the right edge it opens to the left, and never past the canvas', () => {
    const node = { x1: 700, y1: 500, x2: 790, y2: 560 };
    const at = placeMenu(node, 160, 180, canvas);
    const menu = box(at, 160, 180);
    expect(overlaps(menu, node)).toBe(false);
    expect(menu.x1).toBeGreaterThanOrEqual(0);
    expect(menu.x2).toBeLessThanOrEqual(800);
    expect(menu.y2).toBeLessThanOrEqual(600);
    expect(menu.x2).toBeLessThanOrEqual(node.x1);
  });

  it('on a narrow canvas (a phone) it goes below or above what it is about', () => {
    const phone = { x1: 0, y1: 0, x2: 390, y2: 600 };
    const node = { x1: 100, y1: 100, x2: 300, y2: 150 };
    const menu = box(placeMenu(node, 200, 170, phone), 200, 170);
    expect(overlaps(menu, node)).toBe(false);
    expect(menu.x1).toBeGreaterThanOrEqual(0);
    expect(menu.x2).toBeLessThanOrEqual(390);
  });

  it('where nothing leaves it clear, it covers as little as it can and stays inside', () => {
    const small = { x1: 0, y1: 0, x2: 200, y2: 200 };
    const node = { x1: 20, y1: 20, x2: 180, y2: 60 };
    const menu = box(placeMenu(node, 190, 190, small), 190, 190);
    expect(menu.x1).toBeGreaterThanOrEqual(0);
    expect(menu.y1).toBeGreaterThanOrEqual(0);
    expect(menu.x2).toBeLessThanOrEqual(200);
    expect(menu.y2).toBeLessThanOrEqual(200);
  });
});

describe('the exported picture legend', () => {
  const nodes = [
    { id: 'a', type: 'Ministry', name: 'A' },
    { id: 'b', type: 'Ministry', name: 'B' },
    { id: 'c', type: 'Committee', name: 'C' },
  ];
  const edges = [
    { id: 'e1', type: 'CHAIRS', source: 'a', target: 'c' },
    { id: 'e2', type: 'MEMBER_OF', source: 'b', target: 'c' },
    { id: 'e3', type: 'CHAIRS', source: 'b', target: 'c' },
  ];

  it('lists the entity types and the relation types drawn, with counts, and how to read an arrow', () => {
    const legend = pictureLegend(nodes, edges);
    expect(legend.map((s) => s.title)).toEqual(['Entity types', 'Relation types', 'Reading it']);
    expect(legend[0]!.items.map((i) => i.label)).toEqual(['Ministry (2)', 'Committee (1)']);
    expect(legend[0]!.items[0]).toMatchObject({ shape: 'round-rectangle', color: '#1e3a8a' });
    expect(legend[1]!.items).toEqual([{ label: 'chairs (2)', line: true }, { label: 'member of (1)', line: true }]);
    expect(legend[2]!.items[0]!.label).toMatch(/arrow/);
  });

  it('explains the double border only where a pinned entity is drawn, and draws no relation section without relations', () => {
    expect(pictureLegend(nodes, edges, ['b']).at(-1)!.items.map((i) => i.label).join(' ')).toMatch(/pinned/);
    expect(pictureLegend(nodes, edges, ['zz']).at(-1)!.items.map((i) => i.label).join(' ')).not.toMatch(/pinned/);
    expect(pictureLegend(nodes.slice(0, 1), []).map((s) => s.title)).toEqual(['Entity types']);
  });
});

describe('counted nouns', () => {
  it('says "1 relation" and "1 entity", and the plural otherwise', () => {
    expect(counted(1, 'relation')).toBe('1 relation');
    expect(counted(0, 'relation')).toBe('0 relations');
    expect(counted(31, 'relation')).toBe('31 relations');
    expect(counted(1, 'entity', 'entities')).toBe('1 entity');
    expect(counted(2, 'entity', 'entities')).toBe('2 entities');
  });
});
