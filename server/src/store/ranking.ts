/**
 * Search ranking shared by the adapters. Each store's own engine (MiniSearch, Neo4j's Lucene
 * indexes) finds candidates; the same predicate and score here then decide what matches and in
 * which order, so both stores answer a search identically. A query matches when every term is
 * found in the text exactly, as a prefix, or within a few typos (see ./typos.ts: none under three
 * letters, one up to seven, then two). Passage search is any-term: see rankPassages.
 */
import { searchText } from '../../../graph-seed/src/export/neo4j-model';
import type { Entity, Passage } from '../../../graph-seed/src/model/bundle';
import type { SearchHit } from './GraphStore';
import { typoDistance } from './typos';

/** Lower case without accents: "Côte" and "cote" are one term. */
export const foldTerm = (term: string) => term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The folded terms of a phrase, as both the indexes and the queries see them. */
export const termsOf = (phrase: string) => searchText(phrase).split(' ').filter(Boolean);

/** Most distinct terms a search may have (a phrase, not a document); both stores' limit. */
export const MAX_TERMS = 24;
/** Most terms a search may have, repeated ones counted each time. */
export const MAX_SEARCH_WORDS = 32;

/**
 * Terms longer than this are matched exactly or as prefixes only: few words of a report are
 * longer ("internationalisation" is 20), and typo matching walks the index once per swapped
 * spelling, so its work grows with the square of the term's length (one folded "㎉" repeated
 * 500 times is a 2,000-letter term; 32 words of 30 letters held the event loop 230 ms a search).
 */
export const MAX_FUZZY_TERM = 20;

export const maxEdits = (term: string) => (term.length > MAX_FUZZY_TERM ? 0 : Math.min(2, Math.round(term.length * 0.2)));

/** What a query term scores by how it is found in a token. */
export const EXACT = 1;
export const PREFIX = 0.6;
export const FUZZY = 0.3;
/** A term found in the name counts this many times a term found in an alias. */
export const NAME_WEIGHT = 2;

/** Long names score less for the same matched terms. */
const lengthDamping = (tokens: EntityTokens) => 1 + 0.05 * tokens.name.length;
/** Entities the report mentions often score more. */
const mentionBoost = (mentions: number) => 1 + Math.log1p(mentions) / 4;

/**
 * What one term matched exactly contributes to an entity's final score (before the bonus for
 * a name equal to the query): a prefix or fuzzy match contributes PREFIX or FUZZY times this.
 * Candidate indexes order an entity list per term by it.
 */
export const termImpact = (inName: boolean, tokens: EntityTokens, mentions: number) => ((inName ? NAME_WEIGHT : 1) * mentionBoost(mentions)) / lengthDamping(tokens);

/** How well one query term matches one token: exact, prefix, fuzzy or not at all. */
function tokenScore(term: string, edits: number, t: string): number {
  if (t === term) return EXACT;
  if (t.startsWith(term)) return PREFIX;
  if (edits && Math.abs(t.length - term.length) <= edits && typoDistance(t, term, edits) <= edits) return FUZZY;
  return 0;
}

/** A term's scorer for token lists: the best match among the tokens. */
type TermScorer = (tokens: readonly string[]) => number;

function bestOf(score: (t: string) => number): TermScorer {
  return (tokens) => {
    let best = 0;
    for (const t of tokens) {
      const s = score(t);
      if (s === EXACT) return EXACT;
      if (s > best) best = s;
    }
    return best;
  };
}

/** How well one query term matches a list of tokens: exact, prefix, fuzzy or not at all. */
function termScore(term: string, tokens: readonly string[]): number {
  const edits = maxEdits(term);
  return bestOf((t) => tokenScore(term, edits, t))(tokens);
}

/**
 * The same scorer, remembering each distinct token's score: ranking many passages scores the
 * same words again and again, and the typo distance is the costly part.
 */
function memoTermScorer(term: string): TermScorer {
  const edits = maxEdits(term);
  const seen = new Map<string, number>();
  return bestOf((t) => {
    let s = seen.get(t);
    if (s === undefined) seen.set(t, (s = tokenScore(term, edits, t)));
    return s;
  });
}

/** Tokens of an entity's name and aliases, kept per entity by the stores that rank often. */
export interface EntityTokens {
  name: string[];
  aliases: string[];
}

export const entityTokens = (e: Pick<Entity, 'name' | 'aliases'>): EntityTokens => ({ name: termsOf(e.name), aliases: e.aliases.flatMap(termsOf) });

/** Score of an entity for the query terms, or 0 when some term is not found. Names weigh double. */
export function entityScore(terms: readonly string[], tokens: EntityTokens): number {
  let sum = 0;
  for (const term of terms) {
    const s = Math.max(NAME_WEIGHT * termScore(term, tokens.name), termScore(term, tokens.aliases));
    if (!s) return 0;
    sum += s;
  }
  return sum / lengthDamping(tokens);
}

/** What the ranking knows of the passages searched: how many there are in all. */
export interface PassageStats {
  passages: number;
}

/**
 * Score of a passage for the query terms and how many of them it holds (0 when none). Each term
 * found adds how well it matched (exact, prefix, typo) times its rarity among the passages
 * (BM25's inverse document frequency, from `documentFrequency`), a little more for each
 * repetition; long passages score less for the same matches.
 */
export function passageScore(terms: readonly string[], tokens: readonly string[], idf: (term: string) => number, scorers?: ReadonlyMap<string, TermScorer>): { score: number; matched: number } {
  let sum = 0;
  let matched = 0;
  for (const term of terms) {
    const s = scorers?.get(term)?.(tokens) ?? termScore(term, tokens);
    if (!s) continue;
    matched++;
    sum += idf(term) * (s + 0.05 * Math.min(10, tokens.filter((t) => t === term).length));
  }
  return { score: sum / (1 + tokens.length / 400), matched };
}

const byId = (a: Entity, b: Entity) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Final entity ranking: a name or alias equal to the query comes first, then the score weighted
 * by how often the report mentions the entity, then the id.
 */
export function rankEntities(query: string, candidates: { entity: Entity; tokens: EntityTokens }[], mentionCount: (id: string) => number): SearchHit[] {
  const terms = termsOf(query);
  const whole = terms.join(' ');
  const exact = (e: Entity, tokens: EntityTokens) => sameTerms(tokens.name, terms) || e.aliases.some((n) => searchText(n) === whole);
  const hits: SearchHit[] = [];
  for (const { entity, tokens } of candidates) {
    const base = entityScore(terms, tokens);
    if (base > 0) hits.push({ entity, score: (exact(entity, tokens) ? 1000 : 0) + base * mentionBoost(mentionCount(entity.id)) });
  }
  return hits.sort((a, b) => b.score - a.score || byId(a.entity, b.entity));
}

const sameTerms = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * Final passage ranking, any-term: passages that hold more of the query's terms first, then by
 * score, then in reading order. A term's rarity is counted over the candidates, which hold every
 * passage matching any term unless a very common term filled the candidate cap (see
 * searchCandidates); `stats.passages` is the whole collection.
 */
export function rankPassages(query: string, candidates: { passage: Passage; tokens: readonly string[] }[], stats: PassageStats): Passage[] {
  const terms = [...new Set(termsOf(query))];
  const scorers = new Map(terms.map((t) => [t, memoTermScorer(t)]));
  const df = new Map(terms.map((t) => [t, candidates.filter((c) => scorers.get(t)!(c.tokens) > 0).length]));
  const n = Math.max(stats.passages, candidates.length);
  const idf = (t: string) => Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
  return candidates
    .map((c) => ({ p: c.passage, ...passageScore(terms, c.tokens, idf, scorers) }))
    .filter((c) => c.matched > 0)
    .sort((a, b) => b.matched - a.matched || b.score - a.score || a.p.order - b.p.order || (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0))
    .map((c) => c.p);
}

/**
 * How many index matches (best first by the index's own score) the shared ranking looks at for
 * `limit` results. Both stores take this many, so a common word in a large graph costs the same
 * bounded ranking work.
 */
export const searchCandidates = (limit: number) => 400 + 4 * limit;
