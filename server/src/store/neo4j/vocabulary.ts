/**
 * The terms of one generation's entity-search index, kept by the server to expand a query term
 * into its spelling variants before the query reaches Lucene. Lucene's own fuzzy queries build an
 * edit-distance automaton over the whole term dictionary on every search, which costs more than
 * the rest of a search together; a trie walk here over the same terms finds the same variants
 * (typos as the shared ranking counts them, see ../typos.ts) and Lucene then matches plain
 * terms only.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { maxEdits } from '../ranking';
import { typoMatches } from '../typos';

/** Most variants one query term expands to (Lucene's fuzzy queries stop at 50 by default). */
export const MAX_VARIANTS = 40;

export class Vocabulary {
  private readonly terms: SearchableMap<true>;

  constructor(
    /** The generation whose index holds these terms. */
    readonly gen: string,
    terms: Iterable<string>,
  ) {
    this.terms = SearchableMap.from([...terms].map((t): [string, true] => [t, true]));
  }

  get size(): number {
    return this.terms.size;
  }

  /**
   * Indexed terms within the term's edit allowance (see ../ranking.ts) that neither equal nor
   * extend it (exact and prefix matches are asked for separately), closest first, then in
   * alphabetical order.
   */
  variants(term: string): string[] {
    const edits = maxEdits(term);
    if (!edits) return [];
    return [...typoMatches(this.terms, term, edits)]
      .filter(([t]) => !t.startsWith(term))
      .sort(([a, { distance: da }], [b, { distance: db }]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MAX_VARIANTS)
      .map(([t]) => t);
  }
}
