/**
 * Lines become paragraphs. A paragraph ends at extra vertical space, a change of type size, a
 * first-line indent, a bullet, or a short line that ends a sentence; it runs on across a column
 * or page break when its last sentence is unfinished. Words hyphenated at a line end are made
 * whole again unless the document spells them with a hyphen elsewhere.
 */
import type { PdfLine } from './lines';

export interface Paragraph {
  text: string;
  page: number;
  /** Set larger than the body: a title or heading. */
  heading: boolean;
}

const BULLET = /^(?:[•●▪◦‣∙·]|[-–](?=\s))/;
const ENDS_SENTENCE = /[.!?:;]["”’)\]]*$/;
/** Only a full stop (or ! ?) ends a paragraph at a column or page break; a semicolon does not. */
const ENDS_AT_BREAK = /[.!?]["”’)\]]*$/;

/** Every word form of the document, lower-cased, hyphenated compounds whole. */
export function vocabulary(lines: PdfLine[]): Set<string> {
  const words = new Set<string>();
  lines.forEach((l, i) => {
    const found = l.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*-?/gu) ?? [];
    // The halves of a word broken at a line end are not words of the document.
    if (i > 0 && lines[i - 1]!.text.endsWith('-')) found.shift();
    for (const w of found) if (!w.endsWith('-')) words.add(w);
  });
  return words;
}

/** Joins a line to the text before it, undoing a hyphenation at the line end. */
export function joinLine(before: string, line: string, words: Set<string>): string {
  const m = /(\p{L}+)-$/u.exec(before);
  const n = /^(\p{Ll}+)/u.exec(line);
  if (!m || !n) return `${before} ${line}`;
  const [a, b] = [m[1]!.toLowerCase(), n[1]!];
  const whole = words.has(a + b);
  const compound = words.has(`${a}-${b}`) || (a.length >= 3 && b.length >= 3 && words.has(a) && words.has(b) && !whole);
  return compound ? before + line : before.slice(0, -1) + line;
}

/** The most common baseline distance between consecutive lines of the body. */
function lineGap(lines: PdfLine[], body: number): number {
  const gaps = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page || a.colLeft !== b.colLeft || a.size !== body || b.size !== body) continue;
    const g = Math.round((a.y - b.y) * 2) / 2;
    if (g > 0) gaps.set(g, (gaps.get(g) ?? 0) + 1);
  }
  return [...gaps].sort((x, y) => y[1] - x[1])[0]?.[0] ?? body * 1.2;
}

const columnKey = (l: PdfLine) => `${l.page}:${l.colLeft}`;

/** Each column's right edge, and whether its lines are justified (most end at that edge). */
function columnEdges(lines: PdfLine[]): Map<string, { right: number; justified: boolean }> {
  const byColumn = new Map<string, PdfLine[]>();
  for (const l of lines) {
    const k = columnKey(l);
    if (!byColumn.has(k)) byColumn.set(k, []);
    byColumn.get(k)!.push(l);
  }
  const out = new Map<string, { right: number; justified: boolean }>();
  for (const [k, ls] of byColumn) {
    const right = Math.max(...ls.map((l) => l.right));
    const flush = ls.filter((l) => l.right >= right - 2).length;
    out.set(k, { right, justified: ls.length >= 4 && flush >= ls.length * 0.6 });
  }
  return out;
}

/** `breaks`: indices of lines that open a paragraph whatever comes before them (after a table cut out). */
export function toParagraphs(lines: PdfLine[], body: number, breaks: ReadonlySet<number> = new Set()): (Paragraph & { firstLine: number })[] {
  const words = vocabulary(lines);
  const gap = lineGap(lines, body);
  const out: (Paragraph & { firstLine: number })[] = [];
  const isHeading = (l: PdfLine) => l.size > body * 1.1;
  const columns = columnEdges(lines);
  let prev: PdfLine | null = null;
  lines.forEach((line, index) => {
    const current = out[out.length - 1];
    let continues = false;
    if (current && prev && !breaks.has(index)) {
      const sameSize = Math.abs(line.size - prev.size) < body * 0.08;
      const sameColumn = line.page === prev.page && line.colLeft === prev.colLeft;
      if (!sameSize || BULLET.test(line.text)) continues = false;
      else if (!sameColumn) continues = !current.heading && !ENDS_AT_BREAK.test(current.text);
      else {
        const spaced = prev.y - line.y > gap * 1.35;
        const indented = line.x - prev.x > line.size * 0.9;
        // A short last line marks a paragraph's end only where lines are justified.
        const edge = columns.get(columnKey(prev));
        const shortEnd = !!edge?.justified && ENDS_SENTENCE.test(prev.text) && prev.right < edge.right - line.size * 2;
        continues = !spaced && !indented && !shortEnd;
      }
    }
    if (continues) current!.text = joinLine(current!.text, line.text, words);
    else out.push({ text: line.text, page: line.page, heading: isHeading(line), firstLine: index });
    prev = line;
  });
  return out;
}
