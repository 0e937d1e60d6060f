/**
 * The Cytoscape canvas. Cytoscape is created once on mount and destroyed on unmount; each change
 * of the elements is applied as a diff by id inside cy.batch(), new nodes are placed beside the
 * neighbours already drawn, and fcose then settles only around them, so the user's mental map
 * survives an expansion. Pinned nodes are locked in place.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { diffElements, isEmptyDiff, type GraphEdge, type GraphNode } from '../core/graph';
import { relationLabel, typeStyle } from '../core/style';

cytoscape.use(fcose);

export interface CanvasHandle {
  fit(): void;
  zoom(factor: number): void;
  png(): string | null;
}

interface Props {
  nodes: GraphNode[];
  edges: GraphEdge[];
  selected: string | null;
  pinned: string[];
  onSelectNode(id: string): void;
  onSelectEdge(id: string): void;
  onBackground(): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      label: 'data(name)',
      width: 26,
      height: 26,
      'font-size': 12,
      'text-wrap': 'ellipsis',
      'text-max-width': '140px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      color: '#1f2937',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 4,
    },
  },
  { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#111827', 'border-style': 'double' } },
  { selector: 'node:selected, node.selected', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9ca3af',
      'target-arrow-color': '#9ca3af',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 8,
      color: '#4b5563',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'min-zoomed-font-size': 9,
    },
  },
  // Large drawings (thousands of relations): straight lines without labels until hovered or
  // selected, which Cytoscape draws and measures many times faster.
  { selector: 'edge.dense', style: { 'curve-style': 'haystack', 'haystack-radius': 0, label: '', width: 1, opacity: 0.6 } },
  { selector: 'edge.dense.hover, edge.dense:selected, edge.dense.selected', style: { label: 'data(label)', opacity: 1 } },
  { selector: 'edge.hover, edge:selected, edge.selected', style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 3, 'z-index': 10 } },
];

/** Above this many nodes, a layout in rings replaces the force layout (see ringsByHops). */
const LARGE_DRAWING = 800;
/** Nodes on one ring of that layout, at most. */
const RING_SIZE = 150;
/** Above this many relations, edges are drawn the fast way (see the 'edge.dense' style). */
const DENSE_EDGES = 3000;

const nodeData = (n: GraphNode) => ({ id: n.id, name: n.name, type: n.type, color: typeStyle(n.type).color, shape: typeStyle(n.type).shape });

export const GraphCanvas = forwardRef<CanvasHandle, Props>(function GraphCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<{ nodes: GraphNode[]; edges: GraphEdge[] }>({ nodes: [], edges: [] });
  const handlers = useRef(props);
  handlers.current = props;

  useEffect(() => {
    const cy = cytoscape({ container: container.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false });
    cyRef.current = cy;
    cy.on('tap', 'node', (e) => handlers.current.onSelectNode(e.target.id()));
    cy.on('tap', 'edge', (e) => handlers.current.onSelectEdge(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target === cy) handlers.current.onBackground();
    });
    cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
    cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
    (window as unknown as { __explorerCy?: Core }).__explorerCy = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
      drawn.current = { nodes: [], edges: [] };
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const next = { nodes: props.nodes, edges: props.edges };
    const diff = diffElements(drawn.current, next);
    drawn.current = next;
    if (isEmptyDiff(diff)) return;
    const fresh = new Set(diff.addNodes.map((n) => n.id));
    const around = neighbourIndex(next.edges);
    cy.batch(() => {
      for (const id of diff.removeIds) cy.getElementById(id).remove();
      for (const n of diff.updateNodes) cy.getElementById(n.id).data(nodeData(n));
      const adds: ElementDefinition[] = diff.addNodes.map((n) => ({ group: 'nodes', data: nodeData(n), position: placeNear(cy, n.id, around) }));
      const dense = next.edges.length > DENSE_EDGES;
      adds.push(...diff.addEdges.map((e): ElementDefinition => ({ group: 'edges', classes: dense ? 'dense' : '', data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.type), type: e.type } })));
      cy.add(adds);
    });
    if (fresh.size) {
      const first = cy.nodes().length === fresh.size;
      // Thousands of nodes at once (a two-hop expansion): rings by hops from what was drawn
      // before (or from the best connected node), which takes milliseconds where a force
      // layout over hubs takes many seconds.
      const large = cy.nodes().length > LARGE_DRAWING;
      const layout = large
        ? cy.layout({ name: 'concentric', ...ringsByHops(cy, fresh, around), levelWidth: () => 1, minNodeSpacing: 6, avoidOverlap: true, animate: false, fit: true, padding: 40 } as cytoscape.LayoutOptions)
        : cy.layout({
            name: 'fcose',
            randomize: first,
            animate: !first && cy.nodes().length < 400,
            animationDuration: 350,
            fit: first,
            padding: 40,
            quality: 'default',
            nodeRepulsion: 6000,
            idealEdgeLength: 90,
            // Nodes already drawn stay where the user knows them.
            fixedNodeConstraint: first ? undefined : cy.nodes().filter((n) => !fresh.has(n.id())).map((n) => ({ nodeId: n.id(), position: { ...(n as cytoscape.NodeSingular).position() } })),
          } as cytoscape.LayoutOptions);
      // When the drawing settled (benchmarks and browser tests read it).
      layout.one('layoutstop', () => ((window as unknown as { __layoutStoppedAt?: number }).__layoutStoppedAt = performance.now()));
      layout.run();
    }
  }, [props.nodes, props.edges]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const pinned = props.pinned.includes(n.id());
        n.toggleClass('pinned', pinned);
        if (pinned) n.lock();
        else n.unlock();
      });
      cy.elements('.selected').removeClass('selected');
      if (props.selected) cy.getElementById(props.selected).addClass('selected');
    });
  }, [props.pinned, props.selected, props.nodes]);

  useImperativeHandle(ref, () => ({
    fit: () => cyRef.current?.fit(undefined, 40),
    zoom: (factor) => {
      const cy = cyRef.current;
      if (cy) cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    png: () => cyRef.current?.png({ full: true, scale: 2, bg: '#ffffff' }) ?? null,
  }));

  return <div ref={container} className="canvas" data-testid="canvas" role="img" aria-label={`Graph of ${props.nodes.length} entities and ${props.edges.length} relations`} />;
});

/** A starting point for a new node: beside a drawn neighbour, or the centre. */
function placeNear(cy: Core, id: string, around: ReadonlyMap<string, string[]>): { x: number; y: number } {
  for (const other of around.get(id) ?? []) {
    const n = cy.getElementById(other);
    if (n.nonempty() && n.isNode()) {
      const p = n.position();
      const angle = Math.random() * Math.PI * 2;
      return { x: p.x + Math.cos(angle) * 80, y: p.y + Math.sin(angle) * 80 };
    }
  }
  const ext = cy.extent();
  return { x: (ext.x1 + ext.x2) / 2 + (Math.random() - 0.5) * 40, y: (ext.y1 + ext.y2) / 2 + (Math.random() - 0.5) * 40 };
}

/** Each node's neighbours over the given edges (one pass, so placing n nodes is not n passes). */
function neighbourIndex(edges: readonly GraphEdge[]): Map<string, string[]> {
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
 * Concentric options placing each node on the ring of its hop distance from the nodes drawn
 * before this change (or, for a first drawing, from the node with most relations).
 */
function ringsByHops(cy: Core, fresh: ReadonlySet<string>, around: ReadonlyMap<string, string[]>) {
  let roots = cy.nodes().map((n) => n.id()).filter((id) => !fresh.has(id));
  if (!roots.length) {
    let best = '';
    for (const [id, list] of around) if (!best || list.length > around.get(best)!.length) best = id;
    roots = best ? [best] : [];
  }
  const hops = new Map(roots.map((id) => [id, 0]));
  let frontier = roots;
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) for (const n of around.get(id) ?? []) if (!hops.has(n)) (hops.set(n, hops.get(id)! + 1), next.push(n));
    frontier = next;
  }
  // Each hop's nodes in id order, a ring per RING_SIZE of them, so that no ring grows too wide to see.
  const byHop = new Map<number, string[]>();
  for (const [id, h] of hops) {
    const list = byHop.get(h);
    if (list) list.push(id);
    else byHop.set(h, [id]);
  }
  const ring = new Map<string, number>();
  let rings = 0;
  for (const h of [...byHop.keys()].sort((a, b) => a - b)) {
    const ids = byHop.get(h)!.sort();
    ids.forEach((id, i) => ring.set(id, rings + Math.floor(i / RING_SIZE)));
    rings += Math.ceil(ids.length / RING_SIZE);
  }
  return { concentric: (n: cytoscape.NodeSingular) => rings - (ring.get(n.id()) ?? rings) };
}
