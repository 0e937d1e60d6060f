/**
 * Running headers and footers: lines in the top or bottom margin zone of the page whose text,
 * with digits set aside, recurs on many pages; and lone page numbers in those zones.
 */
import type { PdfLine } from './lines';

/** Share of the page height, from top and bottom, where running heads and feet are printed. */
const ZONE = 0.1;
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

const key = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

export interface PageLines {
  height: number;
  lines: PdfLine[];
}

/** Marks furniture; returns the page lines without it, plus how many lines were removed. */
export function removeFurniture(pages: PageLines[]): { pages: PdfLine[][]; removed: number } {
  const inZone = (l: PdfLine, height: number) => l.y > height * (1 - ZONE) || l.y < height * ZONE;
  const seenOn = new Map<string, Set<number>>();
  pages.forEach((p, i) => {
    for (const l of p.lines) {
      if (!inZone(l, p.height)) continue;
      const k = key(l.text);
      if (!seenOn.has(k)) seenOn.set(k, new Set());
      seenOn.get(k)!.add(i);
    }
  });
  // Alternating heads (title on even pages, chapter on odd ones) recur on a quarter of the pages
  // or more; a short document needs two pages at least.
  const minPages = Math.max(2, Math.ceil(pages.length * 0.2));
  const running = new Set([...seenOn].filter(([, on]) => on.size >= minPages).map(([k]) => k));
  let removed = 0;
  const out = pages.map((p) =>
    p.lines.filter((l) => {
      const furniture = inZone(l, p.height) && (running.has(key(l.text)) || PAGE_NUMBER.test(l.text) || l.text.startsWith('©'));
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
