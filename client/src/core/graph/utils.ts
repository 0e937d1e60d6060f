import type { ElementDiff, Filters, GraphEdge, GraphHistory, GraphNode, GraphView } from './types';

export const EMPTY_VIEW: GraphView = { nodes: {}, edges: {}, pinned: [], anchors: {}, focus: null };
export const HISTORY_LIMIT = 50;

/**
 * Adds nodes and the edges whose both ends are on the canvas; returns the same view when nothing
 * is new. With an `anchor` (an expansion), each node other than the anchor records that it came
 * with the anchor's expansion, so that collapsing the anchor takes back exactly those.
 */
export function mergeSubgraph(view: GraphView, nodes: GraphNode[], edges: GraphEdge[], anchor: string | null = null): GraphView {
  const next: GraphView = { ...view, nodes: { ...view.nodes }, edges: { ...view.edges } };
  let changed = false;
  // Copied once, on the first change (copying it per node made a two-hop merge quadratic).
  let anchors: GraphView['anchors'] | null = null;
  for (const n of nodes) {
    if (anchor && n.id !== anchor && (!view.nodes[n.id] || view.anchors[n.id])) {
      const list = (anchors ?? view.anchors)[n.id] ?? [];
      if (!list.includes(anchor)) {
        anchors ??= { ...view.anchors };
        anchors[n.id] = [...list, anchor];
        changed = true;
      }
    }
    const old = next.nodes[n.id];
    if (!old || old.name !== n.name || old.type !== n.type) {
      next.nodes[n.id] = { id: n.id, type: n.type, name: n.name };
      changed = true;
    }
  }
  for (const e of edges) {
    if (!next.edges[e.id] && next.nodes[e.source] && next.nodes[e.target]) {
      next.edges[e.id] = { id: e.id, type: e.type, source: e.source, target: e.target };
      changed = true;
    }
  }
  if (anchors) next.anchors = anchors;
  return changed ? next : view;
}

/** Removes nodes and every edge touching them. */
export function removeNodes(view: GraphView, ids: string[]): GraphView {
  const gone = new Set(ids.filter((id) => view.nodes[id]));
  if (!gone.size) return view;
  const nodes = Object.fromEntries(Object.entries(view.nodes).filter(([id]) => !gone.has(id)));
  const edges = Object.fromEntries(Object.entries(view.edges).filter(([, e]) => !gone.has(e.source) && !gone.has(e.target)));
  const anchors = Object.fromEntries(Object.entries(view.anchors).filter(([id]) => !gone.has(id)));
  return { ...view, nodes, edges, anchors, pinned: view.pinned.filter((p) => !gone.has(p)) };
}

/** Neighbours of `id` on the canvas. */
export function neighboursOf(view: GraphView, id: string): string[] {
  const out = new Set<string>();
  for (const e of Object.values(view.edges)) {
    if (e.source === id && e.target !== id) out.add(e.target);
    if (e.target === id && e.source !== id) out.add(e.source);
  }
  return [...out];
}

/**
 * Collapses a node: takes back what its expansions drew, that is the nodes no other expansion
 * still holds (and that are not pinned or kept), and what their own expansions drew in turn.
 * Without any expansion to take back, the neighbours that hang on it alone go.
 */
export function collapse(view: GraphView, id: string, keep: readonly string[] = []): GraphView {
  const gone = new Set<string>();
  const anchors: Record<string, string[]> = { ...view.anchors };
  let from = [id];
  while (from.length) {
    const next: string[] = [];
    for (const [n, list] of Object.entries(anchors)) {
      if (!list.some((a) => from.includes(a))) continue;
      const rest = list.filter((a) => !from.includes(a));
      anchors[n] = rest;
      if (!rest.length && n !== id && !view.pinned.includes(n) && !keep.includes(n) && !gone.has(n)) (gone.add(n), next.push(n));
    }
    from = next;
  }
  if (!gone.size) {
    const leaves = neighboursOf(view, id).filter((n) => !view.pinned.includes(n) && !keep.includes(n) && neighboursOf(view, n).every((m) => m === id));
    return removeNodes(view, leaves);
  }
  const kept = Object.fromEntries(Object.entries(anchors).filter(([, l]) => l.length));
  return removeNodes({ ...view, anchors: kept }, [...gone]);
}

export function togglePin(view: GraphView, id: string): GraphView {
  if (!view.nodes[id]) return view;
  return { ...view, pinned: view.pinned.includes(id) ? view.pinned.filter((p) => p !== id) : [...view.pinned, id] };
}

/** The elements left after the legend's filters: hidden types go, and so do edges to them. */
export function visibleElements(view: GraphView, filters: Filters): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = Object.values(view.nodes).filter((n) => !filters.hiddenTypes.includes(n.type));
  const shown = new Set(nodes.map((n) => n.id));
  const edges = Object.values(view.edges).filter((e) => !filters.hiddenRelations.includes(e.type) && shown.has(e.source) && shown.has(e.target));
  return { nodes, edges };
}

/** The changes that turn the `prev` elements into the `next` ones, by id. */
export function diffElements(prev: { nodes: GraphNode[]; edges: GraphEdge[] }, next: { nodes: GraphNode[]; edges: GraphEdge[] }): ElementDiff {
  const prevNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const prevEdges = new Set(prev.edges.map((e) => e.id));
  const nextNodes = new Set(next.nodes.map((n) => n.id));
  const nextEdges = new Set(next.edges.map((e) => e.id));
  return {
    addNodes: next.nodes.filter((n) => !prevNodes.has(n.id)),
    addEdges: next.edges.filter((e) => !prevEdges.has(e.id)),
    removeIds: [...prev.edges.filter((e) => !nextEdges.has(e.id)).map((e) => e.id), ...prev.nodes.filter((n) => !nextNodes.has(n.id)).map((n) => n.id)],
    updateNodes: next.nodes.filter((n) => {
      const old = prevNodes.get(n.id);
      return old && (old.name !== n.name || old.type !== n.type);
    }),
  };
}

export const isEmptyDiff = (d: ElementDiff) => !d.addNodes.length && !d.addEdges.length && !d.removeIds.length && !d.updateNodes.length;

/** Records a new view; the previous one, with the entity then selected, can be restored with undo. */
export function commit(history: GraphHistory, view: GraphView, focus: string | null = history.current.focus): GraphHistory {
  if (view === history.current) return history;
  return { current: view, past: [...history.past, { ...history.current, focus }].slice(-HISTORY_LIMIT) };
}

export function undo(history: GraphHistory): GraphHistory {
  const previous = history.past[history.past.length - 1];
  return previous ? { current: previous, past: history.past.slice(0, -1) } : history;
}

/** The visible subgraph as JSON a user can save. */
export function subgraphJson(view: GraphView, filters: Filters): string {
  const { nodes, edges } = visibleElements(view, filters);
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
  return JSON.stringify({ nodes: [...nodes].sort(byId), relations: [...edges].sort(byId) }, null, 2);
}

/** The nodes with at least one of the edges (a preset drawing leaves out what relates to nothing in it). */
export function withoutIsolates(nodes: GraphNode[], edges: GraphEdge[]): { nodes: GraphNode[]; left: number } {
  const linked = new Set<string>();
  for (const e of edges) if (e.source !== e.target) (linked.add(e.source), linked.add(e.target));
  const kept = nodes.filter((n) => linked.has(n.id));
  return { nodes: kept, left: nodes.length - kept.length };
}
