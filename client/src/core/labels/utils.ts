import type { LabelBox, LabelChoices, LabelSide } from './types';

/** Label text size on screen, in pixels: never smaller when zoomed out (labels are hidden instead). */
export const LABEL_PX = 12;
/** Lines a label may take. */
export const MAX_LINES = 3;

/** Average glyph width of the sans-serif label font, as a share of its size (measured for system-ui). */
const GLYPH = 0.56;

/**
 * Width (screen pixels at LABEL_PX) to wrap a name at, so that it takes at most MAX_LINES lines
 * and is never cut: short names on one line, long ones wider rather than longer.
 */
export function wrapWidth(name: string, px = LABEL_PX): number {
  const text = name.length * px * GLYPH;
  const longestWord = Math.max(0, ...name.split(/\s+/).map((w) => w.length)) * px * GLYPH;
  return Math.ceil(Math.max(longestWord, Math.min(Math.max(110, text / MAX_LINES + px * 2), 320)));
}

/** Label priority: selected, then hovered, pinned, the hovered node's neighbours, then degree; ties broken by the id elsewhere. */
export function labelPriority(o: { selected: boolean; pinned: boolean; hovered: boolean; degree: number; nearHovered?: boolean }): number {
  return (o.selected ? 1e6 : 0) + (o.hovered ? 5e5 : 0) + (o.pinned ? 1e5 : 0) + (o.nearHovered ? 5e4 : 0) + o.degree;
}

const overlaps = (a: LabelBox, b: LabelBox, gap: number) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/** Labels of this priority or more (pinned, hovered, selected) are drawn over other nodes if need be. */
export const OVER_NODES = 1e5;

type Box = Omit<LabelBox, 'priority'>;

/**
 * Which labels to draw: greedily by priority (then id), each label shown only when its box keeps
 * clear of every label already shown and of every other node's body (`bodies`: a name drawn over
 * a node hid it behind the name's background), except labels of priority OVER_NODES and more. A
 * grid of cells makes it near-linear for thousands of labels.
 */
export function cullLabels(boxes: readonly LabelBox[], gap = 2, bodies: readonly Box[] = []): Set<string> {
  const placed = placeLabelChoices(
    boxes.map((b) => ({ id: b.id, priority: b.priority, at: [{ x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2, side: 'bottom' as const }] })),
    gap,
    bodies,
  );
  return new Set(placed.keys());
}

/**
 * Places labels that may stand at several places around their node (below, above, beside), the
 * way map labels are placed: greedily by priority (then id), each at the first of its places
 * that keeps clear of the labels placed and of other nodes' bodies (see cullLabels); a label with
 * no such place is not shown.
 */
export function placeLabelChoices(labels: readonly LabelChoices[], gap = 2, bodies: readonly Box[] = []): Map<string, LabelSide> {
  const order = [...labels].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cell = 120;
  const grid = new Map<string, { box: Box; body: boolean }[]>();
  const each = (b: Omit<Box, 'id'>, pad: number, fn: (list: { box: Box; body: boolean }[], key: string) => boolean | void): boolean => {
    const cx1 = Math.floor((b.x1 - pad) / cell), cx2 = Math.floor((b.x2 + pad) / cell);
    const cy1 = Math.floor((b.y1 - pad) / cell), cy2 = Math.floor((b.y2 + pad) / cell);
    for (let x = cx1; x <= cx2; x++) for (let y = cy1; y <= cy2; y++) if (fn(grid.get(`${x},${y}`) ?? [], `${x},${y}`) === false) return false;
    return true;
  };
  const put = (box: Box, body: boolean) => each(box, 0, (list, key) => void (list.length ? list.push({ box, body }) : grid.set(key, [{ box, body }])));
  for (const b of bodies) put(b, true);
  const placed = new Map<string, LabelSide>();
  for (const l of order) {
    const strict = l.priority < OVER_NODES;
    for (const at of l.at) {
      const b = { id: l.id, ...at, priority: l.priority };
      const clear = each(b, gap, (list) => !list.some((o) => (o.body ? strict && o.box.id !== l.id && overlaps(b, o.box as LabelBox, 0) : overlaps(b, o.box as LabelBox, gap))));
      if (!clear) continue;
      placed.set(l.id, at.side);
      put(b, false);
      break;
    }
  }
  return placed;
}

/**
 * A label's box at each side of its node, from its box at its own side (`own`, as drawn: with
 * its background's padding) and the node's middle and half sizes: the label keeps its size and
 * its distance to the node. Its own side first, then below, above, right and left.
 */
export function labelSides(own: Omit<LabelBox, 'id' | 'priority'>, side: LabelSide, node: { x: number; y: number; hw: number; hh: number }): LabelChoices['at'] {
  const [w, h] = [own.x2 - own.x1, own.y2 - own.y1];
  const gap = side === 'bottom' ? own.y1 - node.y - node.hh : side === 'top' ? node.y - node.hh - own.y2 : side === 'right' ? own.x1 - node.x - node.hw : node.x - node.hw - own.x2;
  const box = (s: LabelSide) => {
    if (s === side) return { ...own, side: s };
    if (s === 'bottom') return { x1: node.x - w / 2, x2: node.x + w / 2, y1: node.y + node.hh + gap, y2: node.y + node.hh + gap + h, side: s };
    if (s === 'top') return { x1: node.x - w / 2, x2: node.x + w / 2, y1: node.y - node.hh - gap - h, y2: node.y - node.hh - gap, side: s };
    if (s === 'right') return { x1: node.x + node.hw + gap, x2: node.x + node.hw + gap + w, y1: node.y - h / 2, y2: node.y + h / 2, side: s };
    return { x1: node.x - node.hw - gap - w, x2: node.x - node.hw - gap, y1: node.y - h / 2, y2: node.y + h / 2, side: s };
  };
  const order: LabelSide[] = [side, ...(['bottom', 'top', 'right', 'left'] as const).filter((s) => s !== side)];
  return order.map(box);
}

/** How many of the boxes overlap at least one other (what the readability test measures). */
export function overlappingCount(boxes: readonly LabelBox[]): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = 0; j < boxes.length; j++) {
      if (i !== j && overlaps(boxes[i]!, boxes[j]!, 0)) {
        n++;
        break;
      }
    }
  }
  return n;
}
