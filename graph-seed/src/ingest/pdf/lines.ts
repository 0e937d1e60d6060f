/**
 * Items become lines in reading order. A page set in two columns has a gutter: a vertical band
 * near the middle that almost no item crosses. Items that cross it (titles, full-width tables)
 * cut the page into bands; each band is read left column first, then right.
 */
import type { PdfItem, PdfPage } from './load';

export interface PdfLine {
  text: string;
  x: number;
  /** Right edge of the line's last item. */
  right: number;
  y: number;
  /** Font size of most of the line's characters. */
  size: number;
  font: string;
  /** The sheet: the page's 1-based position in the file (its printed number is PdfPage.number). */
  page: number;
  /** Left and right edges of the column or band the line belongs to. */
  colLeft: number;
  colRight: number;
  /** Superscript numbers inside the line, as [offset in text, number]: footnote markers. */
  markers: number[];
  /**
   * The line cut where its items stand apart by more than an em: one cell for running text, one
   * per column for a row of a table.
   */
  cells: PdfCell[];
}

export interface PdfCell {
  text: string;
  x: number;
  right: number;
}

/** Items further apart than this many ems stand in different cells (table columns). */
const CELL_GAP_EMS = 1;

/**
 * The x of a gutter that at most 5% of the page's items cross, or null for one column. A left
 * column's lines run most of the way to the gutter; a table's labels, with its numbers beyond
 * an empty band, do not, and such a page is one column.
 */
export function findGutter(page: PdfPage): number | null {
  const items = page.items.filter((i) => i.width > 0);
  if (items.length < 20) return null;
  let best: { x: number; crossing: number } | null = null;
  for (let x = page.width * 0.35; x <= page.width * 0.65; x += 2) {
    const crossing = items.filter((i) => i.x < x && i.x + i.width > x).length;
    const left = items.filter((i) => i.x + i.width <= x).length;
    const right = items.filter((i) => i.x >= x).length;
    if (left < items.length * 0.2 || right < items.length * 0.2) continue;
    if (!best || crossing < best.crossing) best = { x, crossing };
  }
  if (!best || best.crossing > items.length * 0.05) return null;
  const gutter = best.x;
  const lefts = items.filter((i) => i.x + i.width <= gutter);
  const margin = Math.min(...lefts.map((i) => i.x));
  const reach = new Map<number, number>();
  for (const i of lefts) reach.set(Math.round(i.y), Math.max(reach.get(Math.round(i.y)) ?? 0, i.x + i.width));
  const full = [...reach.values()].filter((r) => r >= margin + (gutter - margin) * 0.7).length;
  return full >= reach.size * 0.5 ? gutter : null;
}

function dominant<T>(values: [T, number][]): T {
  const weight = new Map<T, number>();
  for (const [v, w] of values) weight.set(v, (weight.get(v) ?? 0) + w);
  return [...weight].sort((a, b) => b[1] - a[1])[0]![0];
}

/** Items on one baseline (superscripts ride a little higher) joined left to right. */
function buildLines(items: PdfItem[], page: number, colLeft: number, colRight: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const base = row ? Math.min(...row.map((r) => r.y)) : 0;
    const size = row ? Math.max(...row.map((r) => r.size)) : 0;
    // A superscript (smaller, raised by up to about two thirds of the line's size) rides its line.
    const raised = row && it.size < size * 0.85 && it.y > base && it.y - base <= size * 0.7;
    if (row && (Math.abs(it.y - base) <= size * 0.45 || raised)) row.push(it);
    else rows.push([it]);
  }
  // Superscripts sort above their line and so open a row of their own: they join the line below.
  for (let i = rows.length - 2; i >= 0; i--) {
    const [sup, line] = [rows[i]!, rows[i + 1]!];
    const size = Math.max(...line.map((r) => r.size));
    const base = Math.min(...line.map((r) => r.y));
    if (sup.every((r) => r.size < size * 0.85 && r.y > base && r.y - base <= size * 0.7)) {
      line.push(...sup);
      rows.splice(i, 1);
    }
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = dominant(row.map((r) => [Math.round(r.size * 10) / 10, r.str.length] as [number, number]));
    const baseline = dominant(row.filter((r) => Math.round(r.size * 10) / 10 === size).map((r) => [r.y, r.str.length] as [number, number]));
    let text = '';
    let end = -Infinity;
    const markers: number[] = [];
    const cells: PdfCell[] = [];
    for (const it of row) {
      const superscript = it.size < size * 0.85 && it.y > baseline + size * 0.15 && /^\d{1,3}$/.test(it.str.trim());
      const gap = it.x - end;
      if (superscript) {
        // Glued to the word it annotates, as the segmenter expects note markers to be.
        text = text.replace(/\s+$/, '') + it.str.trim();
        // Left out of the cells: in a table, a note marker glued to "1024" would read "10243".
        markers.push(Number(it.str.trim()));
      } else {
        if (text && gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
        text += it.str;
        const cell = cells[cells.length - 1];
        if (it.str.trim() === '') {
          // A space item belongs to the cell it follows.
        } else if (!cell || gap > size * CELL_GAP_EMS) cells.push({ text: it.str, x: it.x, right: it.x + it.width });
        else {
          cell.text += gap > size * 0.15 && !/\s$/.test(cell.text) && !/^\s/.test(it.str) ? ` ${it.str}` : it.str;
          cell.right = it.x + it.width;
        }
      }
      end = Math.max(end, it.x + it.width);
    }
    for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      x: row[0]!.x,
      right: end,
      y: baseline,
      size,
      font: dominant(row.map((r) => [r.font, r.str.length] as [string, number])),
      page,
      colLeft,
      colRight,
      markers,
      cells,
    };
  });
}

/** The page's lines in reading order. */
export function pageLines(page: PdfPage): PdfLine[] {
  const gutter = findGutter(page);
  const margin = (items: PdfItem[]) => ({ left: Math.min(...items.map((i) => i.x)), right: Math.max(...items.map((i) => i.x + i.width)) });
  if (gutter === null) {
    if (!page.items.length) return [];
    const m = margin(page.items);
    return buildLines(page.items, page.index, m.left, m.right);
  }
  const crosses = (i: PdfItem) => i.x < gutter && i.x + i.width > gutter;
  // Full-width rows: the baselines of items that cross the gutter.
  const fullRows = page.items.filter(crosses).map((i) => i.y);
  const isFull = (i: PdfItem) => fullRows.some((y) => Math.abs(i.y - y) <= i.size * 0.45);
  const out: PdfLine[] = [];
  const pageMargin = margin(page.items);
  // Walk the page top to bottom: full-width rows interleave with two-column bands.
  const ordered = [...page.items].sort((a, b) => b.y - a.y);
  let band: PdfItem[] = [];
  const flushBand = () => {
    const left = band.filter((i) => i.x + i.width / 2 < gutter);
    const right = band.filter((i) => i.x + i.width / 2 >= gutter);
    if (left.length) out.push(...buildLines(left, page.index, pageMargin.left, gutter));
    if (right.length) out.push(...buildLines(right, page.index, gutter, pageMargin.right));
    band = [];
  };
  let full: PdfItem[] = [];
  for (const it of ordered) {
    if (isFull(it)) {
      if (band.length) flushBand();
      full.push(it);
      continue;
    }
    if (full.length) {
      out.push(...buildLines(full, page.index, pageMargin.left, pageMargin.right));
      full = [];
    }
    band.push(it);
  }
  if (full.length) out.push(...buildLines(full, page.index, pageMargin.left, pageMargin.right));
  flushBand();
  return out;
}
