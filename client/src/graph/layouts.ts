/**
 * Layouts of the canvas. Every layout is deterministic for the same nodes: the force layout runs
 * with Math.random seeded by the node ids, the layered and ring layouts have no randomness, and
 * nodes are added in id order. New nodes of an expansion are placed around the node they hang on
 * (core/layout placeAround) without moving anything already drawn.
 */
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { placeAround, seedOf, SLOT, withSeed, type LayoutName, type Point } from '../core/layout';

cytoscape.use(fcose);
cytoscape.use(dagre);

/** Nodes on one ring of the large-drawing layout, at most. */
const RING_SIZE = 150;

/**
 * Relation types whose target stands above their source in an institutional hierarchy: "X
 * SUBORDINATE_TO Y", "X ISSUED_BY Y", "X ESTABLISHED_BY Y" put Y first, where "X CHAIRS Y" puts
 * X first. The hierarchy layout ranks every relation superior first.
 */
const SUPERIOR_LAST = new Set(['PART_OF', 'SUBORDINATE_TO', 'REPORTS_TO', 'APPOINTED_BY', 'ISSUED_BY', 'ESTABLISHED_BY', 'FUNDED_BY', 'CONDUCTED_BY', 'IMPLEMENTS', 'AUTHORED_BY', 'PUBLISHED_BY', 'SUPPORTED_BY']);

/** Dagre's options for the hierarchy: left to right, a rank is a column where wrapped labels stack. */
const HIERARCHY = { name: 'dagre', rankDir: 'LR', nodeSep: 8, rankSep: 30, edgeSep: 4, animate: false, fit: false };

/**
 * Positions of the hierarchy layout: dagre over a headless copy of the drawing, each node the
 * size of its box with its label, each relation turned superior first (SUPERIOR_LAST).
 */
export function hierarchyPositions(cy: Core): Map<string, Point> {
  const nodes = cy.nodes().sort((a, b) => (a.id() < b.id() ? -1 : 1));
  /** Where each node stands in its box with its label: from the box's left edge and middle. */
  const inBox = new Map<string, Point>();
  const elements: cytoscape.ElementDefinition[] = nodes.map((n) => {
    const box = (n as NodeSingular).boundingBox({ includeLabels: true } as never);
    const p = (n as NodeSingular).position();
    inBox.set(n.id(), { x: p.x - box.x1, y: p.y - (box.y1 + box.y2) / 2 });
    return { group: 'nodes', data: { id: n.id(), w: Math.max(1, box.w), h: Math.max(1, box.h) } };
  });
  for (const e of cy.edges().sort((a, b) => (a.id() < b.id() ? -1 : 1))) {
    const [source, target] = SUPERIOR_LAST.has(e.data('type') as string) ? [e.target().id(), e.source().id()] : [e.source().id(), e.target().id()];
    if (source !== target) elements.push({ group: 'edges', data: { id: e.id(), source, target } });
  }
  const copy = cytoscape({ headless: true, styleEnabled: true, elements, style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }] as never });
  copy.layout(HIERARCHY as never).run();
  // Dagre centres each box on its rank's line; the nodes of a rank are aligned on the left edge
  // of the rank's widest box instead, their names beside them.
  const left = new Map<number, number>();
  copy.nodes().forEach((n) => {
    const rank = Math.round((n as NodeSingular).position().x);
    left.set(rank, Math.min(left.get(rank) ?? Infinity, rank - (n.data('w') as number) / 2 + inBox.get(n.id())!.x));
  });
  const out = new Map(
    copy.nodes().map((n) => {
      const p = (n as NodeSingular).position();
      return [n.id(), { x: left.get(Math.round(p.x))!, y: p.y + inBox.get(n.id())!.y }] as const;
    }),
  );
  copy.destroy();
  return out;
}

/** Cytoscape options of a layout over `eles`; the hierarchy's positions are computed first (hierarchyPositions). */
export function layoutOptions(name: LayoutName, fit: boolean, positions?: ReadonlyMap<string, Point>): cytoscape.LayoutOptions {
  const common = { animate: false, fit, padding: 30 };
  if (name === 'hierarchy') return { name: 'preset', positions: (n: NodeSingular) => positions?.get(n.id()) ?? n.position(), ...common } as never;
  if (name === 'rings')
    return { name: 'concentric', concentric: (n: NodeSingular) => (n.data('deg') as number | undefined) ?? 0, levelWidth: () => 3, minNodeSpacing: 30, avoidOverlap: true, nodeDimensionsIncludeLabels: true, spacingFactor: 1, ...common } as never;
  return { name: 'fcose', randomize: true, quality: 'proof', nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 60, nodeSeparation: 60, packComponents: true, ...common } as never;
}

/** Runs a layout over the whole drawing, seeded by the node ids; resolves when it has stopped. */
export function runLayout(cy: Core, name: LayoutName, fit: boolean): Promise<void> {
  return new Promise((resolve) => {
    const layout = cy.layout(layoutOptions(name, fit, name === 'hierarchy' ? hierarchyPositions(cy) : undefined));
    layout.one('layoutstop', () => resolve());
    withSeed(seedOf(cy.nodes().map((n) => n.id())), () => layout.run());
  });
}

/**
 * Positions for new nodes: around the drawn node each hangs on (the one most of the new nodes
 * share), or around the middle of the drawing for nodes with no drawn neighbour.
 */
export function placeFresh(cy: Core, fresh: readonly string[], around: ReadonlyMap<string, string[]>, scale: number): Map<string, Point> {
  const freshSet = new Set(fresh);
  const freshDegree = new Map<string, number>();
  for (const id of fresh) for (const o of around.get(id) ?? []) if (!freshSet.has(o)) freshDegree.set(o, (freshDegree.get(o) ?? 0) + 1);
  const groups = new Map<string, string[]>();
  for (const id of [...fresh].sort()) {
    const anchors = (around.get(id) ?? []).filter((o) => !freshSet.has(o) && cy.getElementById(o).nonempty());
    anchors.sort((a, b) => (freshDegree.get(b) ?? 0) - (freshDegree.get(a) ?? 0) || (a < b ? -1 : 1));
    const key = anchors[0] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const taken: Point[] = cy.nodes().filter((n) => !freshSet.has(n.id())).map((n) => ({ ...(n as cytoscape.NodeSingular).position() }));
  const out = new Map<string, Point>();
  const bb = cy.nodes().filter((n) => !freshSet.has(n.id())).boundingBox({});
  const middle = taken.length ? { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 } : { x: 0, y: 0 };
  for (const key of [...groups.keys()].sort()) {
    const ids = groups.get(key)!;
    const anchor = key ? { ...(cy.getElementById(key) as cytoscape.NodeSingular).position() } : middle;
    const spots = placeAround(anchor, ids.length, taken, { width: SLOT.width * scale, height: SLOT.height * scale });
    ids.forEach((id, i) => {
      const p = spots[i] ?? anchor;
      out.set(id, p);
      taken.push(p);
    });
  }
  return out;
}

/**
 * Concentric options placing each node on the ring of its hop distance from the nodes drawn
 * before this change (or, for a first drawing, from the node with most relations): thousands of
 * nodes are placed in milliseconds where a force layout over hubs takes many seconds.
 */
export function ringsByHops(cy: Core, fresh: ReadonlySet<string>, around: ReadonlyMap<string, string[]>): cytoscape.LayoutOptions {
  let roots = cy.nodes().map((n) => n.id()).filter((id) => !fresh.has(id));
  if (!roots.length) {
    let best = '';
    for (const [id, list] of around) if (!best || list.length > around.get(best)!.length || (list.length === around.get(best)!.length && id < best)) best = id;
    roots = best ? [best] : [];
  }
  const hops = new Map(roots.map((id) => [id, 0]));
  let frontier = roots;
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) for (const n of around.get(id) ?? []) if (!hops.has(n)) (hops.set(n, hops.get(id)! + 1), next.push(n));
    frontier = next;
  }
  const byHop = new Map<number, string[]>();
  for (const [id, h] of hops) byHop.set(h, [...(byHop.get(h) ?? []), id]);
  const ring = new Map<string, number>();
  let rings = 0;
  for (const h of [...byHop.keys()].sort((a, b) => a - b)) {
    const ids = byHop.get(h)!.sort();
    ids.forEach((id, i) => ring.set(id, rings + Math.floor(i / RING_SIZE)));
    rings += Math.ceil(ids.length / RING_SIZE);
  }
  return { name: 'concentric', concentric: (n: NodeSingular) => rings - (ring.get(n.id()) ?? rings), levelWidth: () => 1, minNodeSpacing: 6, avoidOverlap: true, animate: false, fit: false } as never;
}

/** Each node's neighbours over the given edges (one pass, so placing n nodes is not n passes). */
export function neighbourIndex(edges: readonly { source: string; target: string }[]): Map<string, string[]> {
  const around = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = around.get(a);
    if (list) list.push(b);
    else around.set(a, [b]);
  };
  for (const e of edges) {
    add(e.source, e.target);
    add(e.target, e.source);
  }
  return around;
}

/**
 * Fits the view to the nodes' positions and sizes, labels left out: Cytoscape's own fit measures
 * every label first, which for a drawing of thousands took seconds (labels are then placed by
 * priority at the zoom this gives).
 */
/**
 * The most a fit zooms in: a drawing of one or two nodes fitted at Cytoscape's maximum zoom drew
 * a label four times its size, filling the canvas.
 */
export const FIT_MAX_ZOOM = 1.5;

export function fitNodes(cy: Core, padding = 40): void {
  const nodes = cy.nodes(':visible');
  if (nodes.empty()) return;
  const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false } as never);
  const w = cy.width();
  const h = cy.height();
  const zoom = Math.min(FIT_MAX_ZOOM, Math.max(cy.minZoom(), Math.min((w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1))));
  cy.viewport({ zoom, pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 } });
}
