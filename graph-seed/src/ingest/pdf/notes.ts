/**
 * Footnotes: at the foot of a page, below the last line in the body's type size, set smaller
 * than the body and opening with their number. They are taken out of the page's flow and kept
 * with their page; the markers in the text keep their numbers, glued to the word they annotate.
 */
import type { PdfLine } from './lines';

export interface Footnote {
  number: number;
  text: string;
  page: number;
}

const NOTE_START = /^(\d{1,3})(?:[.)]\s*|\s+)(?=\S)/;

/** The body's type size: the size most characters are set in. */
export function bodySize(pages: PdfLine[][]): number {
  const weight = new Map<number, number>();
  for (const l of pages.flat()) weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

export function takeFootnotes(lines: PdfLine[], body: number): { lines: PdfLine[]; notes: Footnote[] } {
  const bodyLines = lines.filter((l) => Math.abs(l.size - body) < body * 0.08);
  if (!bodyLines.length) return { lines, notes: [] };
  const lowest = Math.min(...bodyLines.map((l) => l.y));
  const small = (l: PdfLine) => l.size < body * 0.92 && l.y < lowest;
  const candidates = lines.filter(small).sort((a, b) => b.y - a.y || a.x - b.x);
  // Footnotes open with a number: the number may be set as a superscript (a marker) or inline.
  const opening = (l: PdfLine) => NOTE_START.test(l.text) || (l.markers.length > 0 && l.text.startsWith(String(l.markers[0])));
  if (!candidates.length || !opening(candidates[0]!)) return { lines, notes: [] };
  const notes: Footnote[] = [];
  for (const l of candidates) {
    const m = NOTE_START.exec(l.text) ?? (l.markers.length && l.text.startsWith(String(l.markers[0])) ? [String(l.markers[0]), String(l.markers[0])] : null);
    if (m && (!notes.length || Number(m[1]) > notes[notes.length - 1]!.number)) {
      notes.push({ number: Number(m[1]), text: l.text.slice(m[0]!.length).trim(), page: l.page });
    } else {
      const last = notes[notes.length - 1]!;
      last.text = joinWrapped(last.text, l.text);
    }
  }
  const taken = new Set(candidates);
  return { lines: lines.filter((l) => !taken.has(l)), notes };
}

/** Two wrapped lines as one: a hyphen at a line end between lower-case letters is a break. */
export function joinWrapped(a: string, b: string): string {
  if (/\p{Ll}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}
