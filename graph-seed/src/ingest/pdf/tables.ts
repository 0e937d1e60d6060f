/**
 * Tables in a PDF. A table is found by its caption ("Table 3.", "Table 2.1:", "Table A.2 –"),
 * opening a paragraph, followed by rows: lines whose items stand in two or more cells, an em or
 * more apart. Its columns are the bands of the page that the rows' cells fill (where cells of
 * different rows overlap, they are one column); each cell goes to the band it stands in. The
 * rows before the first one with a label and a number are its header (merged, column by
 * column). A line of one cell between rows is the heading of the rows below it; a row whose
 * label is set in from the others is a sub-row. A "Source:" or "Note:" paragraph after the rows
 * belongs to the table.
 *
 * The table is written out as lines the segmenter reads as a table: the caption, the title's
 * other lines, one line per row (its cells separated by spaces, a sub-row set in by a space) with
 * the row's cells beside it, then the source; no blank line inside.
 */
import { TABLE_CAPTION, TABLE_SOURCE as SOURCE } from '../../stages/tables';
import type { PdfCell, PdfLine } from './lines';

/** Lines of a caption's title and subtitle before the rows start, at most. */
const MAX_TITLE_LINES = 3;
const NUMBER = /^[-–−+]?(?:\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+)(?:\.\d+)?\s*%?$/;

export interface PdfTable {
  /** Index in the lines of the caption, and just past the table's last line. */
  start: number;
  end: number;
  page: number;
  /** The table as lines (see above): their text, and a row's cells. */
  text: { text: string; cells?: string[] }[];
}

const isRow = (l: PdfLine) => l.cells.length >= 2;

/** Column bands: the union of the rows' cells' extents, left to right. */
function bands(rows: PdfLine[]): { x: number; right: number }[] {
  const spans = rows.flatMap((r) => r.cells.map((c) => ({ x: c.x, right: c.right }))).sort((a, b) => a.x - b.x);
  const out: { x: number; right: number }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.x <= last.right) last.right = Math.max(last.right, s.right);
    else out.push({ ...s });
  }
  return out;
}

/**
 * Whether each cell of a line stands in one of the columns: it overlaps exactly one band, and
 * reaches at most half way across the empty space on either side of it.
 */
function fitsBands(line: PdfLine, cols: { x: number; right: number }[]): boolean {
  return line.cells.every((c) => {
    const hit = cols.flatMap((b, k) => (c.x <= b.right && c.right >= b.x ? [k] : []));
    if (hit.length !== 1) return false;
    const k = hit[0]!;
    const before = k > 0 ? (cols[k - 1]!.right + cols[k]!.x) / 2 : -Infinity;
    const after = k < cols.length - 1 ? (cols[k]!.right + cols[k + 1]!.x) / 2 : Infinity;
    return c.x >= before && c.right <= after;
  });
}

/** The row's cells, one per band (empty where the row has none there). */
function inBands(cells: PdfCell[], cols: { x: number; right: number }[]): string[] {
  const out = cols.map(() => '');
  for (const c of cells) {
    const mid = (c.x + c.right) / 2;
    let k = cols.findIndex((b) => mid >= b.x && mid <= b.right);
    if (k < 0) k = cols.reduce((best, b, i) => (Math.abs((b.x + b.right) / 2 - mid) < Math.abs((cols[best]!.x + cols[best]!.right) / 2 - mid) ? i : best), 0);
    out[k] = out[k] ? `${out[k]} ${c.text}` : c.text;
  }
  return out;
}

/** Ends a sentence (or a title): a caption after such a line opens a paragraph. */
const ENDS = /[.!?:;]["”’)\]]*$/;

/**
 * Whether the line at i opens a paragraph: the first of its column, set apart from the line
 * above, or after a line that ends a sentence. "Table 4. The register..." wrapped from the
 * line above is prose, not a caption.
 */
function opensParagraph(lines: PdfLine[], i: number): boolean {
  const [prev, line] = [lines[i - 1], lines[i]!];
  if (!prev || prev.page !== line.page || prev.colLeft !== line.colLeft) return true;
  return prev.y - line.y > Math.max(prev.size, line.size) * 1.6 || ENDS.test(prev.text) || prev.size !== line.size || prev.font !== line.font;
}

/** Tables in the page-ordered lines of a document. */
export function findTables(lines: PdfLine[], body: number): PdfTable[] {
  const tables: PdfTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const caption = lines[i]!;
    if (!TABLE_CAPTION.test(caption.text) || isRow(caption) || !opensParagraph(lines, i)) continue;
    // The title's other lines, then the first row, on the caption's page; a second caption
    // among them is the table's (the first was a line of prose).
    let j = i + 1;
    while (j < lines.length && j - i <= MAX_TITLE_LINES && !isRow(lines[j]!) && lines[j]!.page === caption.page && !SOURCE.test(lines[j]!.text) && !TABLE_CAPTION.test(lines[j]!.text)) j++;
    if (j >= lines.length || !isRow(lines[j]!) || lines[j]!.page !== caption.page) continue;
    const titleLines = lines.slice(i, j);
    // Rows, and one-cell headings followed by a row, on the same page; the table ends at a gap
    // well over the rows' spacing, or at a line whose cells do not stand in the table's columns
    // (prose set with wide word spaces, a numbered heading).
    const bodyLines: PdfLine[] = [];
    let k = j;
    let pitch = Infinity;
    for (; k < lines.length && lines[k]!.page === caption.page; k++) {
      const l = lines[k]!;
      const prev = bodyLines[bodyLines.length - 1] ?? lines[j - 1]!;
      const gap = prev.y - l.y;
      if (bodyLines.length && gap > Math.max(pitch * 1.8, l.size * 2.2)) break;
      if (isRow(l)) {
        const rows = bodyLines.filter(isRow);
        if (rows.length >= 2 && !fitsBands(l, bands(rows))) break;
        bodyLines.push(l);
      } else if (!SOURCE.test(l.text) && lines[k + 1] && isRow(lines[k + 1]!) && lines[k + 1]!.page === caption.page && lines[k + 1]!.y < l.y) bodyLines.push(l);
      else break;
      if (bodyLines.length >= 2) pitch = Math.min(pitch, gap);
    }
    const rows = bodyLines.filter(isRow);
    if (rows.length < 2) continue;
    // A heading that ended the rows (no row after it) is not the table's.
    while (bodyLines.length && !isRow(bodyLines[bodyLines.length - 1]!)) (bodyLines.pop(), k--);
    // The source and notes: their paragraphs, in their own type, up to a gap.
    const after: PdfLine[] = [];
    if (k < lines.length && SOURCE.test(lines[k]!.text) && lines[k]!.page === caption.page) {
      after.push(lines[k++]!);
      while (k < lines.length && lines[k]!.page === caption.page) {
        const [prev, l] = [after[after.length - 1]!, lines[k]!];
        const close = prev.y - l.y <= Math.max(prev.size, l.size) * 1.6;
        const sameType = Math.abs(l.size - after[0]!.size) < 0.3 && l.font === after[0]!.font && l.colLeft === prev.colLeft;
        // A line in body type after a finished sentence opens the prose that follows.
        if (!SOURCE.test(l.text) && !(close && sameType && (l.size < body * 0.95 || !ENDS.test(prev.text)))) break;
        after.push(l);
        k++;
      }
    }
    const cols = bands(rows);
    if (cols.length < 2) continue;
    const left = cols[0]!.x;
    // The header: rows before the first row with a label and a number (years over the columns
    // have no label), or the first row where no row has a number.
    const data = (r: PdfLine) => {
      const cells = inBands(r.cells, cols);
      return cells[0] !== '' && cells.slice(1).some((c) => NUMBER.test(c));
    };
    const firstData = rows.some(data) ? bodyLines.findIndex((l) => isRow(l) && data(l)) : bodyLines.indexOf(rows[0]!) + 1;
    const header = bodyLines.slice(0, firstData).filter(isRow).map((r) => inBands(r.cells, cols));
    const merged = cols.map((_, c) => header.map((h) => h[c]).filter(Boolean).join(' '));
    const text: PdfTable['text'] = titleLines.map((l) => ({ text: l.text }));
    const row = (cells: string[], setIn = false) => ({ text: `${setIn ? ' ' : ''}${cells.filter(Boolean).join(' ')}`, cells });
    if (header.length) text.push(row(merged));
    // A heading right under the header ("Asia") heads the first rows.
    for (const l of bodyLines.slice(0, firstData)) if (!isRow(l)) text.push({ text: l.text });
    for (const l of bodyLines.slice(firstData)) {
      if (!isRow(l)) text.push({ text: l.text });
      else {
        const first = l.cells[0]!;
        text.push(row(inBands(l.cells, cols), first.right <= cols[0]!.right && first.x > left + l.size * 0.8));
      }
    }
    if (after.length) text.push({ text: after.map((l) => l.text).join(' ') });
    tables.push({ start: i, end: k, page: caption.page, text });
    i = k - 1;
  }
  return tables;
}
