/**
 * The terms of one generation's entity-search index, kept by the server to expand a query term
 * into its spelling variants before the query reaches Lucene. Lucene's own fuzzy queries build an
 * edit-distance automaton over the whole term dictionary on every search, which costs more than
 * the rest of a search together; a trie walk here over the same terms finds the same variants
 * (typos as the shared ranking counts them, see ../typos.ts) and Lucene then matches plain
 * terms only.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { entityTokens, maxEdits, type EntityTokens } from '../ranking';
import { typoMatches } from '../typos';

/** Most variants one query term expands to (Lucene's fuzzy queries stop at 50 by default). */
export const MAX_VARIANTS = 40;
/** Query terms whose variants are kept, and entities whose terms are. */
const MAX_REMEMBERED = 10_000;

export class Vocabulary {
  private readonly terms: SearchableMap<true>;
  /** Variants found before, by term: the same terms are asked again and again. Bounded: cleared when full. */
  private readonly found = new Map<string, string[]>();
  private readonly entityTokens = new Map<string, EntityTokens>();

  constructor(
    /** The generation whose index holds these terms. */
    readonly gen: string,
    terms: Iterable<string>,
  ) {
    this.terms = SearchableMap.from([...terms].map((t): [string, true] => [t, true]));
  }

  /**
   * An entity's name and aliases as search terms, kept by id: within one generation an id's
   * names do not change, and the same candidates come back search after search.
   */
  tokens(id: string, name: string, aliases: readonly string[]): EntityTokens {
    let tokens = this.entityTokens.get(id);
    if (tokens) return tokens;
    tokens = entityTokens({ name, aliases: [...aliases] });
    if (this.entityTokens.size >= MAX_REMEMBERED) this.entityTokens.clear();
    this.entityTokens.set(id, tokens);
    return tokens;
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
    let variants = this.found.get(term);
    if (variants) return variants;
    variants = [...typoMatches(this.terms, term, edits)]
      .filter(([t]) => !t.startsWith(term))
      .sort(([a, { distance: da }], [b, { distance: db }]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, MAX_VARIANTS)
      .map(([t]) => t);
    if (this.found.size >= MAX_REMEMBERED) this.found.clear();
    this.found.set(term, variants);
    return variants;
  }
}
