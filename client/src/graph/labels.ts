/**
 * Label boxes and which labels to show. Boxes are Cytoscape's own measure of each label as it
 * draws it (wrapped, at the current label scale), taken with every label on; the greedy choice
 * of which to keep is cullLabels, and spreadOut moves nodes apart so that fewer have to go.
 */
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import { labelPriority, labelSides, placeLabelChoices, type LabelChoices, type LabelSide } from '../core/labels';
import { separate, type Footprint } from '../core/layout';
import { dropBoxes, getLabelScale } from './canvasStyle';

/** Classes that move a label from its own side of the node (below; beside for the layered layout). */
const SIDE_CLASSES = 'lbl-bottom lbl-top lbl-right lbl-left';
const ownSide = (n: NodeSingular): LabelSide => (n.hasClass('side-label') ? 'right' : 'bottom');

/** Every label of `nodes` (all by default) back on, at its own side (before it is measured). */
export function resetLabels(cy: Core, nodes: NodeCollection = cy.nodes()): void {
  const moved = nodes.filter('.nolabel, .lbl-bottom, .lbl-top, .lbl-right, .lbl-left');
  if (moved.empty()) return;
  cy.batch(() => moved.removeClass(`nolabel ${SIDE_CLASSES}`));
  dropBoxes(moved);
}

/**
 * The label boxes of `nodes` (all visible nodes by default) in model units, measured with their
 * labels drawn at their own side.
 */
function labelBoxes(cy: Core, nodes: NodeCollection = cy.nodes(':visible')): Map<string, { x1: number; x2: number; y1: number; y2: number }> {
  resetLabels(cy, nodes);
  const out = new Map<string, { x1: number; x2: number; y1: number; y2: number }>();
  nodes.forEach((n) => {
    const b = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false } as never);
    if (b.w > 0) out.set(n.id(), { x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2 });
  });
  return out;
}

/**
 * Above this many nodes only the labels of this many, by priority, are candidates: measuring
 * every label of a two-hop drawing of thousands took seconds, and a canvas shows no more.
 */
export const LABEL_CANDIDATES = 400;

/**
 * Moves nodes (the `movable` ones, or all) so that no node with its label overlaps another: the
 * last step of every layout, so that labels have room before any has to be hidden. `axis`: move
 * along it alone (the hierarchy's columns stay columns).
 */
export function spreadOut(cy: Core, movable: ReadonlySet<string> | null, axis?: 'y'): void {
  if (cy.nodes().length > 600) return;
  const boxes = labelBoxes(cy);
  const items: Footprint[] = cy.nodes(':visible').map((n) => {
    const p = n.position();
    const half = n.width() / 2;
    const b = boxes.get(n.id()) ?? { x1: p.x - half, x2: p.x + half, y1: p.y, y2: p.y + half };
    return { id: n.id(), x: p.x, y: p.y, left: Math.min(-half, b.x1 - p.x), right: Math.max(half, b.x2 - p.x), top: -n.height() / 2, bottom: Math.max(half, b.y2 - p.y), fixed: n.locked() || (movable !== null && !movable.has(n.id())) };
  });
  const moved = separate(items, 8 * getLabelScale(), undefined, axis);
  cy.batch(() => moved.forEach((p, id) => cy.getElementById(id).position(p)));
}

/** A node's body, in model units, for labels to keep clear of. */
const bodyOf = (n: NodeSingular) => {
  const p = n.position();
  const [hw, hh] = [n.width() / 2, n.height() / 2];
  return { id: n.id(), x1: p.x - hw, x2: p.x + hw, y1: p.y - hh, y2: p.y + hh };
};

/** The places a node's label may take (its own side first), from its box at its own side. */
const sidesOf = (n: NodeSingular, b: { x1: number; x2: number; y1: number; y2: number }) => {
  const p = n.position();
  return labelSides(b, ownSide(n), { x: p.x, y: p.y, hw: n.width() / 2, hh: n.height() / 2 });
};

/** Above this many nodes, hovering names the hovered node alone (placing labels again costs a frame). */
const HOVER_NAMES_LIMIT = 400;

/** Names shown at least, where this many fit clear of each other. */
const FEWEST_NAMES = 6;

/**
 * Shows the labels that fit, by priority, and hides the rest (hovering a node shows its name): a
 * label fits when it overlaps no label of higher priority and is not cut by the canvas's edges.
 */
export function placeLabels(cy: Core, o: { selected: string | null; pinned: readonly string[]; hovered: string | null }): number {
  // Hovering a node names its neighbours first (where they fit): what it connects to, read at once.
  const hoveredNode = o.hovered ? cy.getElementById(o.hovered) : null;
  const near = new Set(hoveredNode?.nonempty() && cy.nodes().length <= HOVER_NAMES_LIMIT ? hoveredNode.neighborhood('node').map((n) => n.id()) : []);
  const priority = (n: NodeSingular) => labelPriority({ selected: n.id() === o.selected, pinned: o.pinned.includes(n.id()), hovered: n.id() === o.hovered, nearHovered: near.has(n.id()), degree: (n.data('deg') as number | undefined) ?? 0 });
  let candidates = cy.nodes(':visible');
  if (candidates.length > LABEL_CANDIDATES) {
    const rank = new Map(candidates.map((n) => [n.id(), priority(n)] as const));
    const ranked = candidates.toArray().sort((a, b) => rank.get(b.id())! - rank.get(a.id())! || (a.id() < b.id() ? -1 : 1));
    candidates = cy.collection(ranked.slice(0, LABEL_CANDIDATES) as never);
    const rest = cy.collection(ranked.slice(LABEL_CANDIDATES) as never);
    cy.batch(() => rest.addClass('nolabel'));
  }
  const e = cy.extent();
  const within = (b: { x1: number; x2: number; y1: number; y2: number }) => b.x1 >= e.x1 && b.x2 <= e.x2 && b.y1 >= e.y1 && b.y2 <= e.y2;
  const choices: LabelChoices[] = [];
  for (const [id, b] of labelBoxes(cy, candidates)) {
    const n = cy.getElementById(id) as NodeSingular;
    const at = sidesOf(n, b);
    // The selection's and the hovered node's names are shown even past the canvas's edge.
    const kept = id === o.selected || id === o.hovered ? at.slice(0, 1) : at.filter(within);
    if (kept.length) choices.push({ id, priority: priority(n), at: kept });
  }
  const bodies = cy.nodes(':visible').map(bodyOf);
  // Names kept off other nodes; where that leaves the canvas with hardly a name (a phone, where
  // names are large beside the drawing), names may cover nodes.
  let shown = placeLabelChoices(choices, 2 * getLabelScale(), bodies.filter(within));
  if (shown.size < Math.min(FEWEST_NAMES, choices.length)) shown = placeLabelChoices(choices, 2 * getLabelScale());
  cy.batch(() =>
    candidates.forEach((n) => {
      const side = shown.get(n.id());
      n.toggleClass('nolabel', !side);
      n.removeClass(SIDE_CLASSES);
      if (side && side !== ownSide(n)) n.addClass(`lbl-${side}`);
    }),
  );
  return shown.size;
}

/**
 * Names every node (for an exported picture, where nothing can be hovered): each label at the
 * side of its node that keeps clear of the names placed before it (by priority) and of other
 * nodes, as placeLabels does; a label with no clear side stays at its own side rather than going
 * unnamed. The canvas's edges do not count: the picture holds the whole drawing. Returns how many
 * labels found a clear side.
 */
export function nameEveryNode(cy: Core): number {
  const nodes = cy.nodes(':visible');
  const choices: LabelChoices[] = [];
  for (const [id, b] of labelBoxes(cy, nodes)) {
    const n = cy.getElementById(id) as NodeSingular;
    choices.push({ id, priority: labelPriority({ selected: false, pinned: false, hovered: false, degree: (n.data('deg') as number | undefined) ?? 0 }), at: sidesOf(n, b) });
  }
  const bodies = nodes.map(bodyOf);
  const shown = placeLabelChoices(choices, 2 * getLabelScale(), bodies);
  cy.batch(() =>
    nodes.forEach((n) => {
      const side = shown.get(n.id());
      n.removeClass(`nolabel ${SIDE_CLASSES}`);
      if (side && side !== ownSide(n)) n.addClass(`lbl-${side}`);
    }),
  );
  dropBoxes(nodes);
  return shown.size;
}
