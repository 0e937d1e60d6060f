/**
 * Search queries for Neo4j's full-text indexes: escaping, and spelling variants found on the
 * server from the index's own terms.
 */
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { luceneQuery } from '../../server/src/store/neo4j/lucene';
import { MAX_VARIANTS, Vocabulary } from '../../server/src/store/neo4j/vocabulary';
import { MAX_TERMS, maxEdits } from '../../server/src/store/ranking';

describe('Lucene queries', () => {
  it('requires every folded term exactly, as a prefix or with a fuzzy clause when no vocabulary is given', () => {
    expect(luceneQuery('Labour  Migration')).toBe('+(labour^3 labour* labour~1) +(migration^3 migration* migration~2)');
    expect(luceneQuery('of')).toBe('+(of^3 of*)');
    expect(luceneQuery(' !! ')).toBeNull();
  });

  it('lists the vocabulary variants instead of a fuzzy clause', () => {
    const vocabulary = new Vocabulary('g1', ['labour', 'labor', 'laboratory', 'emigration', 'migration', 'migrations', 'migrant']);
    expect(luceneQuery('labour migration', (t) => vocabulary.variants(t))).toBe('+(labour^3 labour* labor) +(migration^3 migration* emigration)');
  });

  it('keeps a query within Lucene clause limit however many terms and variants', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    const vocabulary = new Vocabulary('g1', words.flatMap((w) => [w, ...Array.from({ length: 26 }, (_, k) => w.slice(0, -1) + String.fromCharCode(97 + k))]));
    const q = luceneQuery(words.join(' '), (t) => vocabulary.variants(t))!;
    const clauses = q.split(/\s+/).filter((c) => c.replace(/[+()]/g, '')).length;
    expect(q.match(/\+\(/g)).toHaveLength(MAX_TERMS);
    expect(clauses).toBeLessThanOrEqual(1024);
  });
});

describe('the search vocabulary', () => {
  const terms = ['cambodia', 'cambodian', 'combodia', 'camboda', 'cambodiaa', 'thailand', 'thai', 'kambodja'];
  const vocabulary = new Vocabulary('g1', terms);

  it('finds every term within the edit allowance that is not the term or an extension of it, closest first', () => {
    const expected = terms
      .filter((t) => !t.startsWith('cambodia') && distance(t, 'cambodia') <= maxEdits('cambodia'))
      .sort((a, b) => distance(a, 'cambodia') - distance(b, 'cambodia') || (a < b ? -1 : 1));
    expect(vocabulary.variants('cambodia')).toEqual(expected);
    expect(expected).toEqual(['camboda', 'combodia', 'kambodja']);
  });

  it('allows no edit for short terms and caps the variants of a term', () => {
    expect(vocabulary.variants('tha')).toEqual([]);
    const many = new Vocabulary('g1', Array.from({ length: 200 }, (_, i) => `migratio${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`));
    expect(many.variants('migratioxy')).toHaveLength(MAX_VARIANTS);
    expect(many.size).toBe(200);
  });

  it('answers a term asked again, and after many other terms, as it answered it first', () => {
    const fresh = new Vocabulary('g1', terms);
    const first = fresh.variants('cambodia');
    expect(fresh.variants('cambodia')).toEqual(first);
    for (let i = 0; i < 12_000; i++) fresh.variants(`term${i}`);
    expect(fresh.variants('cambodia')).toEqual(first);
    expect(fresh.tokens('country:kh', 'Kingdom of Cambodia', ['Cambodge'])).toEqual({ name: ['kingdom', 'of', 'cambodia'], aliases: ['cambodge'] });
    expect(fresh.tokens('country:kh', 'Kingdom of Cambodia', ['Cambodge'])).toEqual({ name: ['kingdom', 'of', 'cambodia'], aliases: ['cambodge'] });
  });
});
