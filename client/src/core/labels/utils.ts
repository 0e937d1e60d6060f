import type { LabelBox } from './types';

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

/** Label priority: selected, then pinned or hovered, then degree; ties broken by the id elsewhere. */
export function labelPriority(o: { selected: boolean; pinned: boolean; hovered: boolean; degree: number }): number {
  return (o.selected ? 1e6 : 0) + (o.hovered ? 5e5 : 0) + (o.pinned ? 1e5 : 0) + o.degree;
}

const overlaps = (a: LabelBox, b: LabelBox, gap: number) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/**
 * Which labels to draw: greedily by priority (then id), each label shown only when its box keeps
 * clear of every label already shown. A grid of cells makes it near-linear for thousands of labels.
 */
export function cullLabels(boxes: readonly LabelBox[], gap = 2): Set<string> {
  const order = [...boxes].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const cell = 120;
  const grid = new Map<string, LabelBox[]>();
  const shown = new Set<string>();
  for (const b of order) {
    const cx1 = Math.floor((b.x1 - gap) / cell), cx2 = Math.floor((b.x2 + gap) / cell);
    const cy1 = Math.floor((b.y1 - gap) / cell), cy2 = Math.floor((b.y2 + gap) / cell);
    let free = true;
    for (let x = cx1; x <= cx2 && free; x++) for (let y = cy1; y <= cy2 && free; y++) for (const o of grid.get(`${x},${y}`) ?? []) if (overlaps(b, o, gap)) (free = false);
    if (!free) continue;
    shown.add(b.id);
    for (let x = cx1; x <= cx2; x++) for (let y = cy1; y <= cy2; y++) {
      const k = `${x},${y}`;
      const list = grid.get(k);
      if (list) list.push(b);
      else grid.set(k, [b]);
    }
  }
  return shown;
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
