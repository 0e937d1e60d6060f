/**
 * Running headers and footers: lines in the top or bottom margin zone of the page whose text,
 * with digits set aside, recurs on many pages; and lone page numbers in those zones.
 */
import type { PdfLine } from './lines';

/** Share of the page height, from top and bottom, where running heads and feet are printed. */
const ZONE = 0.1;
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** A line's text with its numbers set aside: arabic anywhere, roman (front matter's page numbers) at either end. */
const key = (text: string) =>
  text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[ivxlc]{1,6}(?= )|(?<= )[ivxlc]{1,6}$/g, '#');

/** A page's lines, each with its height on the page (from the bottom, as in a PDF). */
export interface PageLines<L extends Pick<PdfLine, 'text' | 'y'> = PdfLine> {
  height: number;
  lines: L[];
}

/** Marks furniture; returns the page lines without it, plus how many lines were removed. */
export function removeFurniture<L extends Pick<PdfLine, 'text' | 'y'>>(pages: PageLines<L>[]): { pages: L[][]; removed: number } {
  const inZone = (l: L, height: number) => l.y > height * (1 - ZONE) || l.y < height * ZONE;
  const seenOn = new Map<string, Set<number>>();
  /** The same, by the line's height on the page as well. */
  const seenAt = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, k: string, page: number) => {
    if (!map.has(k)) map.set(k, new Set());
    map.get(k)!.add(page);
  };
  pages.forEach((p, i) => {
    for (const l of p.lines) {
      if (!inZone(l, p.height)) continue;
      const k = key(l.text);
      add(seenOn, k, i);
      add(seenAt, `${Math.round(l.y)}|${k}`, i);
    }
  });
  // Alternating heads (title on even pages, chapter on odd ones) recur on a quarter of the pages
  // or more; a short document needs two pages at least. A head printed at the very same height
  // on two pages or more is running too: a short chapter's title, or the report's on the few
  // pages of its contents.
  const minPages = Math.max(2, Math.ceil(pages.length * 0.2));
  const running = new Set([...seenOn].filter(([, on]) => on.size >= minPages).map(([k]) => k));
  const runningAt = new Set([...seenAt].filter(([, on]) => on.size >= 2).map(([k]) => k));
  let removed = 0;
  const out = pages.map((p) =>
    p.lines.filter((l) => {
      const furniture = inZone(l, p.height) && (running.has(key(l.text)) || runningAt.has(`${Math.round(l.y)}|${key(l.text)}`) || PAGE_NUMBER.test(l.text) || l.text.startsWith('©'));
      if (furniture) removed++;
      return !furniture;
    }),
  );
  return { pages: out, removed };
}

/** "© OECD/CDRI 2017": the publisher and year a copyright line names, if any. */
export function copyrightOf(lines: string[]): { publisher?: string; year?: number } {
  for (const line of lines) {
    const m = /©\s*(?:copyright\s+)?(.+?)[\s,]+((?:19|20)\d\d)\b/i.exec(line) ?? /©\s*((?:19|20)\d\d)[\s,]+(.+?)\.?$/.exec(line);
    if (!m) continue;
    const [a, b] = [m[1]!.trim(), m[2]!.trim()];
    return /^\d{4}$/.test(a) ? { year: Number(a), publisher: b } : { publisher: a, year: Number(b) };
  }
  return {};
}
