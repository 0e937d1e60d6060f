/**
 * Entity-search candidates for the memory store, best first without scoring every match. Each
 * indexed term keeps the entities it occurs in ordered by the term's impact on the shared ranking
 * (see ../ranking.ts: found in the name or an alias, name length, mentions), so the best matches
 * of a common word are the head of a list. A query term is expanded over the term dictionary to
 * the exact term, its extensions (prefix matches) and, when those do not fill the candidates, its
 * spelling variants; the lists of the query term with the fewest entries are merged by impact and
 * each entity in turn is kept when the ranking's own predicate accepts it. A search then costs
 * about the number of candidates asked for, not the number of matches.
 */
import Heap from 'mnemonist/heap';
import SearchableMap from 'minisearch/SearchableMap';
import { typoMatches } from '../typos';
import { EXACT, FUZZY, PREFIX, entityScore, maxEdits, termImpact, type EntityTokens } from '../ranking';

/** The entities (by number) a term occurs in, highest impact first. */
interface Postings {
  docs: Int32Array;
  impacts: Float32Array;
}

/** One expansion of a query term and how much a match through it is worth. */
interface Source {
  postings: Postings;
  factor: number;
}

/** The next unread entry of one source, in a merge. */
interface Cursor {
  source: Source;
  at: number;
  impact: number;
}

const byImpact = (a: Cursor, b: Cursor) => b.impact - a.impact;

/** Every term found in the name or an alias exactly or as a prefix (no edit distances to compute). */
const plainMatch = (terms: readonly string[], tokens: EntityTokens) =>
  terms.every((term) => tokens.name.some((t) => t.startsWith(term)) || tokens.aliases.some((t) => t.startsWith(term)));

/** What the index knows of one entity. */
export interface CandidateEntry {
  tokens: EntityTokens;
  mentions: number;
  /** The folded name and aliases, each whole ("labour migration"): a query equal to one ranks first. */
  names?: readonly string[];
}

/** Keys this close to the last taken one are taken too (Float32 impacts, scores in Float64). */
const TIE = 1 - 1e-6;

export class EntityCandidates {
  private readonly terms: SearchableMap<Postings>;
  /** Entities by a one-term name or alias they have, for the one-term fast path. */
  private readonly oneTermNames = new Map<string, number[]>();

  /** Each entity's tokens, by number (the names are not kept). */
  private readonly tokens: readonly EntityTokens[];

  constructor(entries: readonly CandidateEntry[]) {
    this.tokens = entries.map((e) => e.tokens);
    const lists = new Map<string, { doc: number; impact: number }[]>();
    entries.forEach(({ tokens, mentions, names }, doc) => {
      for (const name of new Set(names)) {
        if (!name || name.includes(' ')) continue;
        const docs = this.oneTermNames.get(name);
        if (docs) docs.push(doc);
        else this.oneTermNames.set(name, [doc]);
      }
      const inName = new Map<string, boolean>();
      for (const t of tokens.aliases) inName.set(t, false);
      for (const t of tokens.name) inName.set(t, true);
      for (const [term, name] of inName) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = []));
        list.push({ doc, impact: termImpact(name, tokens, mentions) });
      }
    });
    this.terms = new SearchableMap<Postings>();
    for (const [term, list] of lists) {
      list.sort((a, b) => b.impact - a.impact || a.doc - b.doc);
      this.terms.set(term, { docs: Int32Array.from(list, (p) => p.doc), impacts: Float32Array.from(list, (p) => p.impact) });
    }
  }

  /**
   * Up to `cap` entities (by number, as given to the constructor) that match every term and that
   * `accept` keeps, in order of the impact of the most selective term. Spelling variants are
   * looked up only when exact and prefix matches of every term do not fill the candidates:
   * finding them walks the term dictionary, which in a large graph holds hundreds of thousands
   * of terms, and comparing them computes edit distances.
   */
  find(terms: readonly string[], cap: number, accept: (doc: number) => boolean = () => true): number[] {
    if (!terms.length || cap <= 0) return [];
    const plain = this.collect(terms, cap, accept, false);
    return plain.length >= cap ? plain : this.collect(terms, cap, accept, true);
  }

  /**
   * The entities that can be among the `limit` best answers to the one-term query `term`, as
   * `find(term, cap)` would rank them, or null when this shortcut does not apply (the caller then
   * uses find). It applies when the exact and prefix matches alone fill `cap` candidates, which
   * find then takes in impact order without spelling variants. For one term, an entity's score
   * is the impact of its best source (the term itself or an extension, in the name or an alias),
   * and the merge meets each entity first through that source: so entities are read in score
   * order, and reading stops once `limit` are taken and the next scores less than the last one
   * taken. Entities named exactly the term come first whatever their score, and are added.
   * Every match is accepted (a filter could leave fewer than `cap` among them).
   */
  best(term: string, limit: number, cap: number): number[] | null {
    if (limit <= 0) return [];
    const sources = this.sources(term, false);
    if (!sources.some((s) => s.postings.docs.length >= cap)) return null;
    const heap = Heap.from(
      sources.map((source) => ({ source, at: 0, impact: source.factor * source.postings.impacts[0]! })),
      byImpact,
    );
    const seen = new Set<number>();
    const found: number[] = [];
    let last = Infinity;
    while (heap.size) {
      const cursor = heap.peek()!;
      if (found.length >= limit && cursor.impact < last * TIE) break;
      heap.pop();
      const { docs, impacts } = cursor.source.postings;
      const doc = docs[cursor.at]!;
      const impact = cursor.impact;
      if (++cursor.at < docs.length) {
        cursor.impact = cursor.source.factor * impacts[cursor.at]!;
        heap.push(cursor);
      }
      if (seen.has(doc)) continue;
      seen.add(doc);
      found.push(doc);
      last = impact;
    }
    for (const doc of this.oneTermNames.get(term) ?? []) if (!seen.has(doc)) found.push(doc);
    return found;
  }

  private collect(terms: readonly string[], cap: number, accept: (doc: number) => boolean, fuzzy: boolean): number[] {
    // Every term must match, so the entities of the term with the fewest are enough to look at.
    let driver: Source[] | null = null;
    let fewest = Infinity;
    for (const term of terms) {
      const sources = this.sources(term, fuzzy);
      const size = sources.reduce((n, s) => n + s.postings.docs.length, 0);
      if (size < fewest) [driver, fewest] = [sources, size];
    }
    if (!driver || !fewest) return [];

    const heap = Heap.from(
      driver.map((source) => ({ source, at: 0, impact: source.factor * source.postings.impacts[0]! })),
      byImpact,
    );
    const seen = new Set<number>();
    const found: number[] = [];
    while (heap.size && found.length < cap) {
      const cursor = heap.pop()!;
      const { docs, impacts } = cursor.source.postings;
      const doc = docs[cursor.at]!;
      if (++cursor.at < docs.length) {
        cursor.impact = cursor.source.factor * impacts[cursor.at]!;
        heap.push(cursor);
      }
      if (seen.has(doc)) continue;
      seen.add(doc);
      if (terms.length > 1 && !(fuzzy ? entityScore(terms, this.tokens[doc]!) > 0 : plainMatch(terms, this.tokens[doc]!))) continue;
      if (accept(doc)) found.push(doc);
    }
    return found;
  }

  /** The term itself, its extensions and (when asked) its spelling variants, as indexed. */
  private sources(term: string, fuzzy: boolean): Source[] {
    const out: Source[] = [];
    for (const [t, postings] of this.terms.atPrefix(term)) out.push({ postings, factor: t === term ? EXACT : PREFIX });
    const edits = maxEdits(term);
    if (fuzzy && edits) {
      for (const [t, { value: postings }] of typoMatches(this.terms, term, edits)) if (!t.startsWith(term)) out.push({ postings, factor: FUZZY });
    }
    return out;
  }
}
