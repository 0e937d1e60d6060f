/**
 * The canvas stylesheet. Labels keep a constant size on screen when zoomed out (LABEL_PX, about
 * 12 px) instead of shrinking into illegibility: their size in model units is divided by the zoom
 * (`labelScale`), and labels that would then collide are hidden by priority (see labels.ts).
 * Names wrap on up to three lines at a per-node width and are never cut.
 */
import type cytoscape from 'cytoscape';
import { LABEL_PX } from '../core/labels';

let labelScale = 1;
/** Steps of the label scale per doubling of the zoom. */
const STEPS_PER_DOUBLING = 8;
/**
 * Model units per screen pixel for labels: 1 at zoom 1 and above, about 1/zoom below, rounded up
 * to one of a few steps (each 9% apart), so labels are drawn at 12 to 13 px. Between two zooms of
 * one step the labels' data do not change: Cytoscape re-measures every wrapped label (a canvas
 * text measure per word) whenever its font size changes, and the fits and spreads of a layout
 * change the zoom a little several times.
 */
const scaleFor = (zoom: number) => {
  const s = 1 / Math.min(1, zoom);
  return 2 ** (Math.ceil(Math.log2(s) * STEPS_PER_DOUBLING - 1e-9) / STEPS_PER_DOUBLING);
};
export const setLabelScale = (zoom: number) => (labelScale = scaleFor(zoom));
export const getLabelScale = () => labelScale;

/**
 * The size data of a node at the current label scale. Sizes go through element data rather than
 * style functions so that Cytoscape re-measures and redraws each label when they change. Nodes
 * grow by the square root of the scale: smaller on screen when zoomed out, but not to dots.
 */
export const scaledData = (size: number, lw: number, s = labelScale) => ({
  ns: Math.round(size * Math.sqrt(s) * 10) / 10,
  fs: Math.round(LABEL_PX * s * 100) / 100,
  tmw: `${Math.round(lw * s)}px`,
  tmy: Math.round(LABEL_GAP * s * 10) / 10,
  tmn: -Math.round(LABEL_GAP * s * 10) / 10,
  tbp: `${Math.round(4 * s * 10) / 10}px`,
  // Marks on a node (hovered, pinned, selected): a border of MARK_PX on screen and a halo around
  // the selection, so that they stay visible when zoomed out (a 3-unit border was under a pixel).
  mb: Math.round(MARK_PX * s * 10) / 10,
  mh: Math.round(2 * MARK_PX * s * 10) / 10,
});

/** A relation's line width on screen, in pixels, however far the drawing is zoomed out. */
const EDGE_PX = 1.5;

/**
 * The width data of a relation at the current label scale: its line, highlighted (hover on an
 * end) and picked (hover, selected). Like labels, lines keep their width on screen when zoomed
 * out; at a fitted phone drawing's zoom (about 0.25) they were a third of a pixel wide, and a
 * relation that cannot be seen cannot be aimed at with a finger.
 */
export const edgeData = (s = labelScale) => ({ ew: Math.round(EDGE_PX * s * 10) / 10, ehl: Math.round(EDGE_PX * (5 / 3) * s * 10) / 10, esel: Math.round(EDGE_PX * 2 * s * 10) / 10 });

/**
 * Applies the current label scale to every node (only to nodes whose data would change) and to
 * every relation but those drawn the fast way (edge.dense, a fixed width). The nodes'
 * cached boxes are dropped: Cytoscape keeps a node's box until it moves, and measured labels
 * (boundingBox, layouts, label placement) at their old size after a change of scale.
 */
export function applyLabelScale(cy: cytoscape.Core): void {
  let changed = cy.collection();
  cy.batch(() =>
    cy.nodes().forEach((n) => {
      const d = scaledData(n.data('size'), n.data('lw'));
      if (n.data('fs') !== d.fs || n.data('ns') !== d.ns) (n.data(d), (changed = changed.union(n)));
    }),
  );
  const w = edgeData();
  cy.batch(() => cy.edges().forEach((e) => void (!e.hasClass('dense') && e.data('ew') !== w.ew && e.data(w))));
  if (changed.nonempty()) dropBoxes(changed);
}

/**
 * Drops the cached boxes of `nodes`: Cytoscape keeps a node's box until the node moves, even when
 * its label changed size or side since (its `dirtyBoundingBoxCache`, missing from its types).
 */
export const dropBoxes = (nodes: cytoscape.NodeCollection): void => (nodes as unknown as { dirtyBoundingBoxCache(): void }).dirtyBoundingBoxCache();
/** Width of a node's marks (hovered, pinned, selected), in screen pixels. */
export const MARK_PX = 3;
/** Gap between a node and its label, in screen pixels. */
export const LABEL_GAP = 3;
export const LINE_HEIGHT = 1.15;
/** One font for drawing and measuring labels. */
export const LABEL_FONT = 'sans-serif';

export const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      label: 'data(name)',
      // Nodes grow by the square root of the label scale: smaller on screen when zoomed out, but
      // not to dots.
      width: 'data(ns)',
      height: 'data(ns)',
      'border-width': 1,
      'border-color': '#ffffff',
      'font-family': LABEL_FONT,
      'font-size': 'data(fs)',
      'line-height': LINE_HEIGHT,
      'text-wrap': 'wrap',
      'text-overflow-wrap': 'whitespace',
      'text-max-width': 'data(tmw)' as never,
      'text-valign': 'bottom',
      'text-margin-y': 'data(tmy)',
      color: '#111827',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      // Room on each side: at small zooms Cytoscape draws labels from textures whose hinted glyphs
      // run wider than the measured text, and the padding keeps the ends of names inside them.
      'text-background-padding': 'data(tbp)' as never,
      'text-background-shape': 'roundrectangle',
      // Nodes whose labels show are drawn above those whose labels are hidden, so that no
      // unlabelled node covers a label (and no label covers a node: see placeLabels).
      'z-index': 1,
    } as never,
  },
  // The layered layout's ranks are columns: a name beside its node keeps the column narrow and
  // never reaches past the canvas's left edge (its first column holds the superiors).
  { selector: 'node.side-label', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 'data(tmy)', 'text-justification': 'left' } as never },
  // A label moved off its own side to a free one (labels.ts placeLabels).
  { selector: 'node.lbl-bottom', style: { 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-x': 0, 'text-margin-y': 'data(tmy)', 'text-justification': 'center' } as never },
  { selector: 'node.lbl-top', style: { 'text-valign': 'top', 'text-halign': 'center', 'text-margin-x': 0, 'text-margin-y': 'data(tmn)', 'text-justification': 'center' } as never },
  { selector: 'node.lbl-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 'data(tmy)', 'text-margin-y': 0, 'text-justification': 'left' } as never },
  { selector: 'node.lbl-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-x': 'data(tmn)', 'text-margin-y': 0, 'text-justification': 'right' } as never },
  { selector: 'node.nolabel', style: { label: '', 'z-index': 0 } },
  { selector: 'node.faded', style: { opacity: 0.25 } },
  { selector: 'edge.faded', style: { opacity: 0.12 } },
  { selector: 'node.hover', style: { 'border-width': 'data(mb)', 'border-color': '#f59e0b', 'z-index': 20 } },
  { selector: 'node.pinned', style: { 'border-width': 'data(mb)', 'border-color': '#111827', 'border-style': 'double' } },
  // Nodes chosen together (a box drawn with shift): a blue border and a pale blue halo.
  { selector: 'node:selected', style: { 'border-width': 'data(mb)', 'border-color': '#2563eb', 'overlay-opacity': 0, 'underlay-color': '#2563eb', 'underlay-opacity': 0.3, 'underlay-padding': 'data(mh)', 'underlay-shape': 'ellipse' } as never },
  { selector: 'node.selected', style: { 'border-width': 'data(mb)', 'border-color': '#f59e0b', 'z-index': 10 } },
  {
    selector: 'edge',
    style: {
      width: 'data(ew)',
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
  { selector: 'edge.dense.hover, edge.dense:selected, edge.dense.selected, edge.dense.hl', style: { label: 'data(label)', opacity: 1 } },
  { selector: 'edge.hl', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 'data(ehl)', 'z-index': 9 } },
  { selector: 'edge.hover, edge:selected, edge.selected', style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 'data(esel)', 'z-index': 10 } },
];
