/**
 * User phrases as Lucene queries for Neo4j's full-text indexes. The indexed text is pre-folded
 * (lower case, no accents, letters and digits only; see searchText), and the phrase is folded the
 * same way, so what reaches Lucene is a list of plain terms. Each is escaped anyway, so no
 * character of a user's phrase can act as Lucene syntax.
 */
import { MAX_TERMS, maxEdits, termsOf } from '../ranking';

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
/** Lucene's AND/OR/NOT are operators only in upper case; folded terms are lower case. */
export const escapeLucene = (term: string) => term.replace(SPECIAL, (c) => `\\${c}`);

// At most MAX_TERMS terms reach Lucene (the API refuses more). Its clause limit is 1024; each
// term makes two clauses plus its spelling variants (at most 40, see vocabulary.ts) or one fuzzy
// clause.

/**
 * Every term required (with `every: false`, any term: passage search); each matches exactly (boosted), as a prefix, or within a small edit
 * distance (see ../ranking.ts), so that the candidates include every match the ranking accepts.
 * With `variants`, the terms within that distance are listed as plain terms (see vocabulary.ts);
 * without, Lucene finds them with a fuzzy query. Returns null when the phrase has no searchable
 * term.
 */
export function luceneQuery(phrase: string, variants?: (term: string) => string[], { every = true } = {}): string | null {
  const terms = [...new Set(termsOf(phrase))].slice(0, MAX_TERMS);
  if (!terms.length) return null;
  return terms
    .map((t) => {
      const e = escapeLucene(t);
      const close = variants ? variants(t).map(escapeLucene) : maxEdits(t) ? [`${e}~${maxEdits(t)}`] : [];
      return `${every ? '+' : ''}(${[`${e}^3`, `${e}*`, ...close].join(' ')})`;
    })
    .join(' ');
}
