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
  { selector: 'edge.hover, edge:selected, edge.selected', style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 3, 'z-index': 10 } },
];

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
    cy.batch(() => {
      for (const id of diff.removeIds) cy.getElementById(id).remove();
      for (const n of diff.updateNodes) cy.getElementById(n.id).data(nodeData(n));
      const adds: ElementDefinition[] = diff.addNodes.map((n) => ({ group: 'nodes', data: nodeData(n), position: placeNear(cy, n.id, next.edges) }));
      adds.push(...diff.addEdges.map((e): ElementDefinition => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.type), type: e.type } })));
      cy.add(adds);
    });
    if (fresh.size) {
      const first = cy.nodes().length === fresh.size;
      const layout = cy.layout({
        name: 'fcose',
        randomize: first,
        animate: !first && cy.nodes().length < 400,
        animationDuration: 350,
        fit: first,
        padding: 40,
        quality: cy.nodes().length > 800 ? 'draft' : 'default',
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
function placeNear(cy: Core, id: string, edges: GraphEdge[]): { x: number; y: number } {
  for (const e of edges) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    if (!other) continue;
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
