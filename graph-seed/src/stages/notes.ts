/**
 * Footnote markers resolved by their numbering. Markers run 1..n within a chapter, each between
 * its neighbours in reading order. A marker the glued-marker pattern cannot see, because it is
 * glued to a number ("Sub-decree 702" for "Sub-decree 70" + note 2), is split off when the
 * chapter has that note, its neighbours leave a gap for it, and exactly one number in the gap
 * ends with it and reads, without it, as a name printed elsewhere in the report.
 */
import type { NoteMarker } from './text';

export interface MarkedText {
  id: string;
  chapter: string | null;
  text: string;
  markers: NoteMarker[];
}

/** A word and the number after it, the word's leading brackets and quotes aside: "(Sub-decree" and "Sub-decree" are one word. */
const pairKey = (word: string, number: string) => `${word.replace(/^[^\p{L}\p{N}]+/u, '')} ${number}`;

/**
 * How often each word is followed by each number in the text ("Sub-decree 70": the number's
 * whole run of digits), counted in one pass: asked for every glued candidate, a scan of the whole
 * text each time made the reading of a long report quadratic. A word is matched from its start
 * only, so that the scan does not try again from each of its letters.
 */
function wordNumberPairs(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?<!\S)(\S+) (?=(\d+))/gu)) {
    const key = pairKey(m[1]!, m[2]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Splits glued markers off numbers, in place; returns the notes it split off. */
export function splitGluedMarkers(items: MarkedText[], notesByChapter: Map<string, Set<number>>): { id: string; note: number; at: number }[] {
  const split: { id: string; note: number; at: number }[] = [];
  const pairs = wordNumberPairs(items.map((i) => i.text).join('\n'));
  for (const [chapter, notes] of notesByChapter) {
    const inChapter = items.filter((i) => i.chapter === chapter);
    const seen = new Set(inChapter.flatMap((i) => i.markers.map((m) => m.note)));
    for (const note of [...notes].sort((a, b) => a - b)) {
      if (seen.has(note)) continue;
      // The gap: after the passage holding the previous marker, up to the one holding the next.
      const holder = (n: number) => inChapter.findIndex((i) => i.markers.some((m) => m.note === n));
      const before = note > 1 ? holder(note - 1) : 0;
      const nexts = [...notes].filter((n) => n > note && seen.has(n)).map(holder).filter((k) => k >= 0);
      const after = nexts.length ? Math.min(...nexts) : inChapter.length - 1;
      if (before < 0 || after < before) continue;
      const digits = String(note);
      const candidates: { item: MarkedText; at: number }[] = [];
      for (const item of inChapter.slice(before, after + 1)) {
        const glued = new RegExp(`(?<=(\\S+) )(\\d+)${digits}(?=[\\s,.;:]|$)`, 'gu');
        for (let m = glued.exec(item.text); m; m = glued.exec(item.text)) {
          const word = m[1]!;
          const kept = m[2]!;
          // The name without the marker stands elsewhere; with it, only here.
          const withoutCount = pairs.get(pairKey(word, kept)) ?? 0;
          const withCount = pairs.get(pairKey(word, kept + digits)) ?? 0;
          if (withoutCount >= 1 && withCount === 1) candidates.push({ item, at: m.index + kept.length });
        }
      }
      if (candidates.length !== 1) continue;
      const { item, at } = candidates[0]!;
      item.text = item.text.slice(0, at) + item.text.slice(at + digits.length);
      for (const m of item.markers) if (m.at > at) m.at -= digits.length;
      item.markers.push({ note, at });
      item.markers.sort((a, b) => a.at - b.at);
      seen.add(note);
      split.push({ id: item.id, note, at });
    }
  }
  return split;
}
