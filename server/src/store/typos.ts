/**
 * Typo distance shared by the search ranking and the stores' candidate lookups. A typo is one
 * letter added, dropped or changed, or two neighbouring letters swapped ("koera" for "korea",
 * "labuor" for "labour"): optimal string alignment distance, which is what people mean by "one
 * typo" and what Lucene's fuzzy queries measure (transpositions on).
 */
import type SearchableMap from 'minisearch/SearchableMap';

/** Optimal string alignment distance between a and b, or max + 1 once it exceeds max. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The term with one pair of neighbouring letters swapped, each way it can be. */
function transpositions(term: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) if (term[i] !== term[i + 1]) out.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
  return [...out];
}

/**
 * The keys of `map` within `edits` typos of `term`, with their distance. The trie's own fuzzy
 * walk counts a swap as two edits; the swapped spellings of the term are walked too, with one
 * edit fewer, so that a swap counts as one.
 */
export function typoMatches<T>(map: SearchableMap<T>, term: string, edits: number): Map<string, { value: T; distance: number }> {
  const out = new Map<string, { value: T; distance: number }>();
  if (!edits) return out;
  const add = (key: string, value: T) => {
    if (out.has(key)) return;
    const distance = typoDistance(term, key, edits);
    if (distance <= edits) out.set(key, { value, distance });
  };
  for (const [key, [value]] of map.fuzzyGet(term, edits)) add(key, value);
  for (const swapped of transpositions(term)) {
    if (edits === 1) {
      const value = map.get(swapped);
      if (value !== undefined) add(swapped, value);
    } else for (const [key, [value]] of map.fuzzyGet(swapped, edits - 1)) add(key, value);
  }
  return out;
}
