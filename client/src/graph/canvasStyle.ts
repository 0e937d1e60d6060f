/**
 * The canvas stylesheet. Labels keep a constant size on screen when zoomed out (LABEL_PX, about
 * 12 px) instead of shrinking into illegibility: their size in model units is divided by the zoom
 * (`labelScale`), and labels that would then collide are hidden by priority (see labels.ts).
 * Names wrap on up to three lines at a per-node width and are never cut.
 */
import type cytoscape from 'cytoscape';
import { LABEL_PX } from '../core/labels';

let labelScale = 1;
/** Model units per screen pixel for labels: 1 at zoom 1 and above, 1/zoom below. */
export const setLabelScale = (zoom: number) => (labelScale = 1 / Math.min(1, zoom));
export const getLabelScale = () => labelScale;
/** Gap between a node and its label, in screen pixels. */
export const LABEL_GAP = 3;
export const LINE_HEIGHT = 1.15;
/** One font for drawing and measuring labels. */
export const LABEL_FONT = 'Helvetica, Arial, sans-serif';

export const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: 'data(shape)' as never,
      label: 'data(name)',
      // Nodes grow by the square root of the label scale: smaller on screen when zoomed out, but
      // not to dots.
      width: ((n: cytoscape.NodeSingular) => n.data('size') * Math.sqrt(labelScale)) as never,
      height: ((n: cytoscape.NodeSingular) => n.data('size') * Math.sqrt(labelScale)) as never,
      'border-width': 1,
      'border-color': '#ffffff',
      'font-family': LABEL_FONT,
      'font-size': () => LABEL_PX * labelScale,
      'line-height': LINE_HEIGHT,
      'text-wrap': 'wrap',
      'text-overflow-wrap': 'whitespace',
      'text-max-width': ((n: cytoscape.NodeSingular) => `${n.data('lw') * labelScale}px`) as never,
      'text-valign': 'bottom',
      'text-margin-y': () => LABEL_GAP * labelScale,
      color: '#111827',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': () => `${labelScale}px`,
      'text-background-shape': 'roundrectangle',
    } as never,
  },
  { selector: 'node.nolabel', style: { label: '' } },
  { selector: 'node.faded', style: { opacity: 0.25 } },
  { selector: 'edge.faded', style: { opacity: 0.12 } },
  { selector: 'node.hover', style: { 'border-width': 3, 'border-color': '#f59e0b', 'z-index': 20 } },
  { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#111827', 'border-style': 'double' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#2563eb', 'overlay-opacity': 0 } },
  { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 10 } },
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
  { selector: 'edge.dense.hover, edge.dense:selected, edge.dense.selected, edge.dense.hl', style: { label: 'data(label)', opacity: 1 } },
  { selector: 'edge.hl', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 2.5, 'z-index': 9 } },
  { selector: 'edge.hover, edge:selected, edge.selected', style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 3, 'z-index': 10 } },
];
