/**
 * The Cytoscape canvas. Cytoscape is created once on mount and destroyed on unmount; each change
 * of the elements is applied as a diff by id inside cy.batch(). A first drawing is laid out whole
 * (seeded, so the same nodes always draw the same); later additions are placed around the node
 * they hang on and nothing drawn moves; nodes come back where they were (undo, a shared URL's
 * positions). Labels keep a readable size and are shown by priority where they fit (labels.ts).
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LegendSection } from '../core/export';
import { diffElements, isEmptyDiff, type GraphEdge, type GraphNode } from '../core/graph';
import { wrapWidth } from '../core/labels';
import { degrees, nearestInDirection, nodeSize, type Direction, type LayoutName, type Point } from '../core/layout';
import type { Rect } from '../core/overlay';
import { relationLabel, typeStyle } from '../core/style';
import { counted } from '../core/text';
import type { Geometry } from '../core/url';
import { applyLabelScale, dropBoxes, edgeData, getLabelScale, scaledData, setLabelScale, STYLE } from './canvasStyle';
import { ContextMenu, HoverCardView, type HoverCard, type MenuItem } from './CanvasOverlay';
import { LABEL_CANDIDATES, placeLabels, resetLabels, spreadOut } from './labels';
import { FIT_MAX_ZOOM, fitNodes, neighbourIndex, placeFresh, ringsByHops, runLayout } from './layouts';
import { Minimap } from './Minimap';
import { pngWithLegend } from './png';

export interface CanvasHandle {
  fit(): void;
  zoom(factor: number): void;
  relayout(): void;
  png(legend: LegendSection[]): Promise<string | null>;
  geometry(): Geometry;
}

interface Props {
  nodes: GraphNode[];
  edges: GraphEdge[];
  selected: string | null;
  pinned: string[];
  layout: LayoutName;
  /** Positions and viewport to restore (a URL, a saved view); applied when `key` changes. */
  hints: { key: number; geometry: Geometry } | null;
  onSelectNode(id: string): void;
  onSelectEdge(id: string): void;
  onGeometry(g: Geometry): void;
  /** The nodes chosen together (a box), as the app holds them: "Clear the selection" empties it. */
  boxed: string[];
  onSelection(ids: string[]): void;
  /** Actions on a node or a relation (by id), for its context menu. */
  menu(id: string): MenuItem[];
}

/** Fits the drawing to the canvas, no closer than FIT_MAX_ZOOM (centred either way). */
function fitView(cy: Core): void {
  cy.fit(undefined, 30);
  if (cy.zoom() > FIT_MAX_ZOOM) cy.zoom({ level: FIT_MAX_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/**
 * Makes room for the labels at the zoom the drawing will be seen at. Spreading nodes apart by
 * their labels makes the drawing larger, so the fitted zoom smaller, and the labels larger in
 * model units: spreading for the zoom of the unspread drawing leaves the labels too large for
 * the room made. So the spread is made for a zoom somewhat below it, tried from nearest until
 * the fitted drawing is seen at nearly that zoom; the drawing as the layout left it, fitted by
 * its nodes, is tried too (a phone has no room for the names at a readable size at all). Of
 * these, the one whose placement (placeLabels) shows the most names is kept.
 */
function fitSpread(cy: Core, movable: ReadonlySet<string> | null = null, axis?: 'y') {
  const before = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const));
  const restore = () => cy.batch(() => before.forEach((p, id) => cy.getElementById(id).position(p)));
  const labelsAt = (zoom: number) => (setLabelScale(zoom), applyLabelScale(cy));
  fitView(cy);
  const unspread = cy.zoom();
  // Each try: the drawing as it is, fitted by its nodes, or spread for labels at a zoom below the
  // fitted one. The one that shows the most names wins (the first of equals).
  type Try = { positions: Map<string, Point> | null; zoom: number; pan: Point; names: number };
  const tries: Try[] = [];
  const count = (positions: Map<string, Point> | null) => {
    labelsAt(cy.zoom());
    if (positions) fitLabelsIn(cy);
    tries.push({ positions, zoom: cy.zoom(), pan: { ...cy.pan() }, names: cy.nodes().length > 600 ? 0 : placeLabels(cy, { selected: null, pinned: [], hovered: null }) });
  };
  if (cy.nodes().length <= 600) {
    for (const factor of [0.8, 0.55, 0.35]) {
      const target = unspread * factor;
      if (target < cy.minZoom()) break;
      restore();
      labelsAt(target);
      spreadOut(cy, movable, axis);
      fitView(cy);
      // Not spread so far that the nodes are specks, nor the next expansion past the least zoom.
      if (cy.zoom() < cy.minZoom() * 2) continue;
      count(new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const)));
      // Room enough for the labels spread for: a smaller zoom would only make them smaller.
      if (cy.zoom() >= target * 0.8) break;
    }
  }
  restore();
  fitNodes(cy);
  count(null);
  const best = tries.reduce((a, b) => (b.names > a.names ? b : a));
  if (best.positions) cy.batch(() => best.positions!.forEach((p, id) => cy.getElementById(id).position(p)));
  cy.viewport({ zoom: best.zoom, pan: best.pan });
  labelsAt(best.zoom);
}

/**
 * Fits the drawing with its labels at the size they now have: labels sized for a zoom a little
 * below the fitted one reached past the canvas's edges, and a label past an edge is hidden (a
 * layered drawing's first column, its superiors, lost every name). Zooming out makes labels
 * larger in model units, so the fit is taken again until it holds.
 */
function fitLabelsIn(cy: Core, padding = 30): void {
  for (let i = 0; i < 4; i++) {
    const bb = cy.nodes(':visible').boundingBox({ includeLabels: true, includeOverlays: false } as never);
    const zoom = Math.min(FIT_MAX_ZOOM, (cy.width() - 2 * padding) / Math.max(bb.w, 1), (cy.height() - 2 * padding) / Math.max(bb.h, 1));
    const at = Math.min(zoom, cy.zoom());
    cy.viewport({ zoom: at, pan: { x: (cy.width() - at * (bb.x1 + bb.x2)) / 2, y: (cy.height() - at * (bb.y1 + bb.y2)) / 2 } });
    if (zoom >= at * 0.995) return;
    setLabelScale(at);
    applyLabelScale(cy);
  }
}

/** A context menu's title: a node's name, or a relation spelled out ("MOI chairs MWG"). */
const menuTitle = (el: cytoscape.CollectionReturnValue): string => {
  const e = el as unknown as cytoscape.EdgeSingular;
  return el.isEdge() ? `${e.source().data('name')} ${e.data('label')} ${e.target().data('name')}` : (e.data('name') as string);
};

/** Whether any of `nodes` reaches past the view. */
function outsideView(cy: Core, nodes: cytoscape.NodeCollection): boolean {
  const ext = cy.extent();
  const bb = nodes.boundingBox({});
  return bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2;
}

/**
 * Lays the whole drawing out: first with labels at a fixed guess of their size (so the result
 * depends on the nodes and the canvas alone, never on the zoom before), then again with labels
 * at the size the fitted zoom gives them, then spread and fitted.
 */
async function layoutWhole(cy: Core, name: LayoutName): Promise<void> {
  // The fit (and with it the label size of the second pass) depends on the canvas's size, which
  // Cytoscape reads on window resizes only: read it now, or a panel or toolbar that changed
  // height since makes a different drawing.
  cy.resize();
  // Every label counts in the layout, including those the last placement hid; the layered
  // layout's beside its node.
  resetLabels(cy);
  cy.batch(() => cy.nodes().toggleClass('side-label', name === 'hierarchy'));
  dropBoxes(cy.nodes());
  // The first pass starts from the same zoom whatever was drawn before, so the same nodes always
  // make the same drawing.
  cy.viewport({ zoom: 0.75, pan: { x: 0, y: 0 } });
  setLabelScale(1 / 0.75);
  applyLabelScale(cy);
  await runLayout(cy, name, true);
  if (cy.nodes().length <= 300) {
    // Laid out again with the labels at the size the fit gives them, until the fit holds. Larger
    // labels make a larger drawing, a smaller fit and larger labels again: where the canvas has
    // no room for every name at a readable size (a phone, rings around many long names), this
    // runs down towards the least zoom. A pass that takes the view below half the first fit is
    // undone, and the labels are shown by priority instead.
    const first = cy.zoom();
    for (let pass = 0; pass < 3; pass++) {
      const zoom = cy.zoom();
      const before = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }] as const));
      setLabelScale(zoom);
      applyLabelScale(cy);
      await runLayout(cy, name, true);
      if (cy.zoom() < Math.max(first * 0.5, cy.minZoom() * 2)) {
        cy.batch(() => before.forEach((p, id) => cy.getElementById(id).position(p)));
        fitView(cy);
        break;
      }
      if (cy.zoom() >= zoom * 0.9) break;
    }
  }
  // The hierarchy's ranks are columns (left to right): its nodes move up and down only.
  fitSpread(cy, null, name === 'hierarchy' ? 'y' : undefined);
}

/** Above this many nodes, a layout in rings replaces the others (see ringsByHops). */
const LARGE_DRAWING = 800;
/** Above this many relations, edges are drawn the fast way (see the 'edge.dense' style). */
const DENSE_EDGES = 3000;
/** Above this many nodes, hovering highlights the node alone (restyling thousands costs a frame). */
const HIGHLIGHT_LIMIT = 1500;

/**
 * Cytoscape draws labels from textures it caches per zoom level (powers of two). At the small
 * zooms a fitted drawing of a few dozen named nodes uses (about 0.13 on a 1280x800 window), the
 * cached labels came out on one line where the measured label wraps, cut at both ends and drawn
 * over by their neighbours; the label boxes the layout and the culling read were right. Labels
 * are drawn directly instead (node bodies keep their cache). The cache is internal to
 * Cytoscape's canvas renderer: where it is absent, nothing changes.
 */
function drawLabelsDirectly(cy: Core): void {
  const data = (cy as unknown as { renderer?: () => { data?: { lblTxrCache?: { getElement: () => unknown } } } }).renderer?.()?.data;
  if (data?.lblTxrCache) data.lblTxrCache.getElement = () => null;
}

/**
 * A node's data, sized by its degree from the start (a second pass of data would restyle every
 * node). `deg`, its degree on the canvas, is kept for label priority and the hover card:
 * Cytoscape's degree() walks the node's edges, building collections, at every call (0.3 s over
 * a two-hop drawing of 2,000 nodes and 25,000 edges).
 */
const nodeData = (n: GraphNode, deg: number) => ({ id: n.id, name: n.name, type: n.type, color: typeStyle(n.type).color, shape: typeStyle(n.type).shape, lw: wrapWidth(n.name), deg, size: nodeSize(deg), ...scaledData(nodeSize(deg), wrapWidth(n.name)) });
type Win = Window & { __explorerCy?: Core; __layoutStoppedAt?: number };

export const GraphCanvas = forwardRef<CanvasHandle, Props>(function GraphCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const drawn = useRef<{ nodes: GraphNode[]; edges: GraphEdge[] }>({ nodes: [], edges: [] });
  /** Last positions of nodes taken off the canvas (undo puts them back there), and positions asked for by hints. */
  const remembered = useRef(new Map<string, Point>());
  const hinted = useRef(new Map<string, Point>());
  const pendingViewport = useRef<Pick<Geometry, 'zoom' | 'pan'> | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const [hover, setHover] = useState<HoverCard | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const hovered = useRef<string | null>(null);
  /** The Cytoscape instance once made, for the minimap (a child's effects run before this one's). */
  const [instance, setInstance] = useState<Core | null>(null);
  /** Nodes were added while the canvas was hidden (a phone's other screens). */
  const addedUnseen = useRef(new Set<string>());
  const timers = useRef<{ labels?: number; geometry?: number }>({});

  const geometry = (): Geometry => {
    const cy = cyRef.current;
    if (!cy) return { positions: {}, zoom: null, pan: null };
    const positions: Geometry['positions'] = {};
    cy.nodes().forEach((n) => {
      const p = n.position();
      positions[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
    });
    return { positions, zoom: cy.zoom(), pan: { ...cy.pan() } };
  };
  const relabel = () => {
    const cy = cyRef.current;
    if (!cy) return;
    setLabelScale(cy.zoom());
    applyLabelScale(cy);
    placeLabels(cy, { selected: handlers.current.selected, pinned: handlers.current.pinned, hovered: hovered.current });
  };
  const later = (what: 'labels' | 'geometry', ms: number) => {
    window.clearTimeout(timers.current[what]);
    timers.current[what] = window.setTimeout(() => (what === 'labels' ? relabel() : handlers.current.onGeometry(geometry())), ms);
  };
  const settle = () => {
    relabel();
    (window as Win).__layoutStoppedAt = performance.now();
    later('geometry', 200);
  };

  useEffect(() => {
    const cy = cytoscape({ container: container.current, style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: true, selectionType: 'additive' });
    cyRef.current = cy;
    drawLabelsDirectly(cy);
    // A touch screen has no right button: a long press opens the context menu instead. Cytoscape
    // still fires a tap when that finger lifts, which must not select (and, on a phone, leave the
    // canvas for the details screen) under the menu just opened.
    let held: string | null = null;
    cy.on('tapstart', () => (held = null));
    cy.on('taphold', 'node, edge', (e) => {
      if (!String((e.originalEvent as Event | undefined)?.type).startsWith('touch')) return;
      held = e.target.id();
      setHover(null);
      setMenu({ id: e.target.id(), ...e.renderedPosition });
    });
    cy.on('tap', 'node', (e) => held !== e.target.id() && handlers.current.onSelectNode(e.target.id()));
    cy.on('tap', 'edge', (e) => held !== e.target.id() && handlers.current.onSelectEdge(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target !== cy) return;
      setMenu(null);
      if (cy.$('node:selected').nonempty()) (cy.$(':selected').unselect(), handlers.current.onSelection([]));
    });
    // Cytoscape's own selection is the box selection's alone (the entity shown in the panel is
    // props.selected): a click or a tap, which Cytoscape would add to it, leaves it as it was,
    // rather than marking every node clicked since as chosen.
    cy.on('tapselect', 'node, edge', (e) => e.target.unselect());
    cy.on('boxend', () => setTimeout(() => handlers.current.onSelection(cy.$('node:selected').map((n) => n.id())), 0));
    cy.on('cxttap', 'node, edge', (e) => setMenu({ id: e.target.id(), ...e.renderedPosition }));
    cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
    cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
    cy.on('mouseover', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      hovered.current = n.id();
      const at = n.renderedPosition();
      // The card opens away from the nearer edges, so that it is never squeezed against one.
      setHover({ name: n.data('name'), type: n.data('type'), degree: n.data('deg') as number, ...at, flipX: at.x > cy.width() / 2, flipY: at.y > cy.height() / 2 });
      cy.batch(() => {
        n.addClass('hover');
        if (cy.nodes().length > HIGHLIGHT_LIMIT) return;
        const near = n.closedNeighborhood();
        cy.elements().not(near).addClass('faded');
        n.connectedEdges().addClass('hl');
      });
      if (cy.nodes().length <= LABEL_CANDIDATES) later('labels', 0);
    });
    cy.on('mouseout', 'node', () => {
      hovered.current = null;
      setHover(null);
      cy.batch(() => cy.elements('.hover, .faded, .hl').removeClass('hover faded hl'));
      if (cy.nodes().length <= LABEL_CANDIDATES) later('labels', 0);
    });
    cy.on('zoom', () => later('labels', 60));
    // Labels past the canvas's edges are hidden (see placeLabels): a pan brings them back.
    cy.on('pan', () => cy.nodes().length <= LABEL_CANDIDATES && later('labels', 150));
    cy.on('viewport', () => later('geometry', 300));
    // A window that turns, a panel that opens: Cytoscape reads its size on window resizes only.
    // - A change of more than a quarter (a phone turned, a window made narrow) keeps what was
    //   seen: a drawing seen whole is fitted again, and a part zoomed into stays at the middle.
    //   Nothing moves on the drawing itself.
    // - A canvas hidden a while (a phone's other screens) comes back at the size it had, its view
    //   as it was; the size is the last one seen (Cytoscape's reads 0 once hidden). Nodes added
    //   while it was hidden and placed beyond the view are brought into it then.
    let size = { w: 0, h: 0 };
    const resized = new ResizeObserver(() => {
      if (!container.current?.clientWidth || !container.current.clientHeight) return;
      const { w, h } = size;
      const [z, p] = [cy.zoom(), cy.pan()];
      const seen = { x1: -p.x / z, x2: (w - p.x) / z, y1: -p.y / z, y2: (h - p.y) / z };
      cy.resize();
      size = { w: cy.width(), h: cy.height() };
      if (addedUnseen.current.size) {
        const fresh = addedUnseen.current;
        addedUnseen.current = new Set();
        if (outsideView(cy, cy.nodes().filter((n) => fresh.has(n.id())))) (fitSpread(cy, fresh), settle());
        return;
      }
      if (!w || !h || (Math.abs(cy.width() - w) <= w / 4 && Math.abs(cy.height() - h) <= h / 4)) return;
      // The drawing moves: a hover card would point at where its node was, and past the edge of
      // a window made narrow.
      setHover(null);
      const nodes = cy.nodes(':visible');
      if (nodes.empty()) return;
      const bb = nodes.boundingBox({ includeLabels: false } as never);
      if (bb.x1 >= seen.x1 && bb.x2 <= seen.x2 && bb.y1 >= seen.y1 && bb.y2 <= seen.y2) fitView(cy);
      else cy.pan({ x: cy.width() / 2 - cy.zoom() * (seen.x1 + seen.x2) / 2, y: cy.height() / 2 - cy.zoom() * (seen.y1 + seen.y2) / 2 });
      later('labels', 0);
      later('geometry', 100);
    });
    resized.observe(container.current!);
    cy.on('dragfree', 'node', () => (later('labels', 0), later('geometry', 100)));
    (window as Win).__explorerCy = cy;
    setInstance(cy);
    return () => {
      Object.values(timers.current).forEach((t) => window.clearTimeout(t));
      resized.disconnect();
      cy.destroy();
      cyRef.current = null;
      drawn.current = { nodes: [], edges: [] };
    };
  }, []);

  // Hints first (effects run in order), so that nodes drawn in the same change land where asked.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !props.hints) return;
    const { positions, zoom, pan } = props.hints.geometry;
    hinted.current = new Map(Object.entries(positions));
    cy.batch(() => cy.nodes().forEach((n) => { const p = positions[n.id()]; if (p) n.position(p); }));
    pendingViewport.current = zoom !== null && pan ? { zoom, pan } : null;
    if (pendingViewport.current && cy.nodes().nonempty()) (cy.viewport({ zoom: zoom!, pan: pan! }), (pendingViewport.current = null), relabel());
  }, [props.hints?.key]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const next = { nodes: [...props.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)), edges: props.edges };
    const diff = diffElements(drawn.current, next);
    drawn.current = next;
    if (isEmptyDiff(diff)) return;
    const unplaced: string[] = [];
    const deg = degrees(next.edges);
    cy.batch(() => {
      for (const id of diff.removeIds) {
        const el = cy.getElementById(id);
        if (el.isNode()) remembered.current.set(id, { ...el.position() });
        el.remove();
      }
      for (const n of diff.updateNodes) cy.getElementById(n.id).data({ name: n.name, type: n.type, lw: wrapWidth(n.name) });
      // A drawing that replaces the whole canvas (a preset, a trace) is laid out afresh, unless it
      // is one drawn before (undo of a clear).
      const replaced = cy.nodes().empty() && !diff.addNodes.every((n) => remembered.current.has(n.id));
      const adds: ElementDefinition[] = diff.addNodes.map((n) => {
        const known = hinted.current.get(n.id) ?? (replaced ? undefined : remembered.current.get(n.id));
        if (!known) unplaced.push(n.id);
        return { group: 'nodes', classes: handlers.current.layout === 'hierarchy' ? 'side-label' : '', data: nodeData(n, deg.get(n.id) ?? 0), position: known ? { ...known } : { x: 0, y: 0 } };
      });
      const dense = next.edges.length > DENSE_EDGES;
      adds.push(...diff.addEdges.map((e): ElementDefinition => ({ group: 'edges', classes: dense ? 'dense' : '', data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.type), type: e.type, ...edgeData() } })));
      cy.add(adds);
      cy.nodes().forEach((n) => {
        const d = deg.get(n.id()) ?? 0;
        const size = nodeSize(d);
        if (n.data('size') !== size) n.data({ deg: d, size, ...scaledData(size, n.data('lw')) });
        else if (n.data('deg') !== d) n.data('deg', d);
      });
    });
    const viewport = pendingViewport.current;
    /** `laidOut`: the whole drawing was laid out and fitted (layoutWhole), to be fitted no more. */
    const finish = (laidOut = false) => {
      if (viewport) (cy.viewport({ zoom: viewport.zoom!, pan: viewport.pan! }), (pendingViewport.current = null));
      else if (!laidOut && unplaced.length === cy.nodes().length) fitView(cy);
      settle();
    };
    if (!unplaced.length) return finish();
    const fresh = new Set(unplaced);
    const around = neighbourIndex(next.edges);
    if (cy.nodes().length > LARGE_DRAWING) {
      // Thousands of nodes at once (a two-hop expansion): rings by hops from what was drawn before.
      const layout = cy.layout(ringsByHops(cy, fresh, around));
      layout.one('layoutstop', () => (fitNodes(cy), settle()));
      layout.run();
    } else if (unplaced.length === cy.nodes().length) {
      void layoutWhole(cy, props.layout).then(() => finish(true));
    } else {
      const spots = placeFresh(cy, unplaced, around, getLabelScale());
      cy.batch(() => spots.forEach((p, id) => cy.getElementById(id).position(p)));
      spreadOut(cy, fresh);
      // New nodes beyond the view: zoom out to show them, making room for labels at the new zoom
      // (once the canvas is seen again, if it is hidden).
      if (!container.current?.clientWidth) (viewport || fresh.forEach((id) => addedUnseen.current.add(id)), finish());
      else if (!viewport && outsideView(cy, cy.nodes().filter((n) => fresh.has(n.id())))) (fitSpread(cy, fresh), settle());
      else finish();
    }
  }, [props.nodes, props.edges]); // eslint-disable-line react-hooks/exhaustive-deps

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
    later('labels', 0);
  }, [props.pinned, props.selected, props.nodes]); // eslint-disable-line react-hooks/exhaustive-deps

  // The box selection cleared or made smaller by the app (its bar's Clear, Hide): Cytoscape's
  // marks follow (a relation stays marked while both its ends are), or the nodes stayed marked.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const keep = new Set(props.boxed);
    const kept = (el: cytoscape.SingularElementArgument) => (el.isNode() ? keep.has(el.id()) : keep.has(el.data('source') as string) && keep.has(el.data('target') as string));
    cy.$(':selected').filter((el) => !kept(el)).unselect();
  }, [props.boxed]);

  const relayout = () => {
    const cy = cyRef.current;
    if (cy?.nodes().nonempty()) void layoutWhole(cy, handlers.current.layout).then(settle);
  };
  useEffect(relayout, [props.layout]); // eslint-disable-line react-hooks/exhaustive-deps

  useImperativeHandle(ref, () => ({
    fit: () => cyRef.current && fitView(cyRef.current),
    zoom: (factor) => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    relayout,
    png: async (legend) => (cyRef.current ? pngWithLegend(cyRef.current, legend) : null),
    geometry,
  }));

  const onKeyDown = (e: React.KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy) return;
    const dirs: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const from = props.selected ? cy.getElementById(props.selected) : null;
    if (dirs[e.key]) {
      e.preventDefault();
      const ext = cy.extent();
      const origin = from?.nonempty() ? (from as cytoscape.NodeSingular).position() : { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
      const candidates = cy.nodes(':visible').filter((n) => n.id() !== props.selected).map((n) => ({ id: n.id(), p: (n as cytoscape.NodeSingular).position() }));
      const id = nearestInDirection(origin, candidates, dirs[e.key]!) ?? (!from?.nonempty() ? candidates[0]?.id ?? null : null);
      if (!id) return;
      handlers.current.onSelectNode(id);
      const n = cy.getElementById(id);
      const bb = n.boundingBox({});
      if (bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2) cy.animate({ center: { eles: n }, duration: 200 });
    } else if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === '-' || e.key === '_') cy.zoom({ level: cy.zoom() * 0.8, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === '0') fitView(cy);
    else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && from?.nonempty()) {
      e.preventDefault();
      setMenu({ id: props.selected!, ...(from as cytoscape.NodeSingular).renderedPosition() });
    }
  };

  const menuNode = menu && cyRef.current?.getElementById(menu.id);
  // What the menu keeps clear of: the node with its name, or the point pressed on a relation.
  const menuAvoid = (): Rect => {
    if (menuNode?.isNode()) {
      const b = menuNode.renderedBoundingBox({ includeLabels: true, includeOverlays: false } as never);
      return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    }
    return { x1: menu!.x - 12, y1: menu!.y - 12, x2: menu!.x + 12, y2: menu!.y + 12 };
  };
  return (
    <div className="canvas-wrap">
      <div
        ref={container}
        className="canvas"
        data-testid="canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="graph canvas"
        aria-label={`Graph of ${counted(props.nodes.length, 'entity', 'entities')} and ${counted(props.edges.length, 'relation')}. Arrow keys move the selection between entities, plus and minus zoom, 0 fits, the context menu key opens actions.`}
        onKeyDown={onKeyDown}
      />
      {instance && document.getElementById('minimap-slot') && createPortal(<Minimap cy={instance} />, document.getElementById('minimap-slot')!)}
      {hover && !menu && <HoverCardView card={hover} />}
      {menu && menuNode?.nonempty() && <ContextMenu title={menuTitle(menuNode)} items={props.menu(menu.id)} avoid={menuAvoid()} bounds={{ x1: 0, y1: 0, x2: cyRef.current!.width(), y2: cyRef.current!.height() }} onClose={() => (setMenu(null), container.current?.focus())} />}
    </div>
  );
});
