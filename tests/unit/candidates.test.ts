/**
 * Entity-search candidates of the memory store: the same matches as the shared ranking's
 * predicate, and the best of them first when there are more than asked for.
 */
import { describe, expect, it } from 'vitest';
import { EntityCandidates } from '../../server/src/store/memory/candidates';
import { searchText } from '../../graph-seed/src/export/neo4j-model';
import type { Entity } from '../../graph-seed/src/model/bundle';
import { entityScore, entityTokens, rankEntities, termsOf } from '../../server/src/store/ranking';

/** A small deterministic generator, so a failure names the case that failed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['migration', 'migrant', 'migrations', 'migraton', 'labour', 'labor', 'laboratory', 'rural', 'ruralities', 'policy', 'police', 'of', 'remittance', 'remittances', 'mol', 'moi'];

function corpus(seed: number, size: number) {
  const next = random(seed);
  const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
  return Array.from({ length: size }, (_, i) => {
    const name = Array.from({ length: 1 + Math.floor(next() * 4) }, pick).join(' ');
    const aliases = next() < 0.3 ? [pick()] : [];
    return { tokens: entityTokens({ name: `${name} ${i}`, aliases }), mentions: Math.floor(next() * 20) };
  });
}

describe('memory-store search candidates', () => {
  it('finds exactly the entities the ranking accepts when they fit in the candidates', () => {
    const queries = ['migration', 'migraton', 'labour migration', 'lab', 'rural policy', 'polcy', 'remitances of', 'mo', 'xyz', 'migration xyz'];
    for (const seed of [1, 2, 3]) {
      const entries = corpus(seed, 300);
      const index = new EntityCandidates(entries);
      for (const q of queries) {
        const terms = termsOf(q);
        const expected = entries.flatMap((e, doc) => (entityScore(terms, e.tokens) > 0 ? [doc] : []));
        const found = index.find(terms, 10_000);
        expect(new Set(found).size, `${q} (seed ${seed}) lists an entity twice`).toBe(found.length);
        expect([...found].sort((a, b) => a - b), `${q} (seed ${seed})`).toEqual(expected);
      }
    }
  });

  it('takes the entities a term matters most to first: in the name, short, often mentioned, exact before prefix', () => {
    const entries = [
      { tokens: entityTokens({ name: 'Labour Migration Policy of the Kingdom', aliases: [] }), mentions: 0 },
      { tokens: entityTokens({ name: 'Rural Development', aliases: ['Migration Office'] }), mentions: 50 },
      { tokens: entityTokens({ name: 'Migration', aliases: [] }), mentions: 0 },
      { tokens: entityTokens({ name: 'Migration Study', aliases: [] }), mentions: 30 },
      { tokens: entityTokens({ name: 'Migrations', aliases: [] }), mentions: 100 },
    ];
    const index = new EntityCandidates(entries);
    // Impacts (the term's share of the final score): 3.38, 2.46 (a prefix match, 0.6 of 4.10),
    // 1.90, 1.80 (alias), 1.54 (long name).
    expect(index.find(['migration'], 5)).toEqual([3, 4, 2, 1, 0]);
    expect(index.find(['migration'], 2)).toEqual([3, 4]);
  });

  it('fills the candidates with entities the caller accepts', () => {
    const entries = corpus(7, 500);
    const index = new EntityCandidates(entries);
    const even = index.find(['migration'], 20, (doc) => doc % 2 === 0);
    expect(even).toHaveLength(20);
    expect(even.every((doc) => doc % 2 === 0)).toBe(true);
  });

  it('looks for spelling variants only when exact and prefix matches do not fill the candidates', () => {
    const index = new EntityCandidates(['migration', 'migraton', 'emigration'].map((name) => ({ tokens: entityTokens({ name, aliases: [] }), mentions: 0 })));
    expect(index.find(['migration'], 1)).toEqual([0]);
    expect(index.find(['migration'], 5).sort()).toEqual([0, 1, 2]);
    expect(index.find([], 5)).toEqual([]);
    expect(index.find(['migration'], 0)).toEqual([]);
  });

  it('answers a common one-term query from the few entities that can make the answer, as ranking every match would', () => {
    for (const seed of [11, 12, 13]) {
      const next = random(seed);
      const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
      // Names of one to four words (some a single word, which ranks first when queried), and
      // single-word aliases: many ties, many exact names, mentions from 0 to 19.
      const entities = Array.from({ length: 3000 }, (_, i) => {
        const words = Array.from({ length: 1 + Math.floor(next() * 4) }, pick);
        return { id: `e${i}`, name: next() < 0.1 ? words[0]! : `${words.join(' ')} ${i}`, aliases: next() < 0.3 ? [pick()] : [] } as Entity;
      });
      const mentions = entities.map(() => Math.floor(next() * 20));
      const tokens = entities.map(entityTokens);
      const index = new EntityCandidates(entities.map((e, i) => ({ tokens: tokens[i]!, mentions: mentions[i]!, names: [e.name, ...e.aliases].map((n) => searchText(n)) })));
      const rank = (term: string, docs: number[]) =>
        rankEntities(
          term,
          docs.map((doc) => ({ entity: entities[doc]!, tokens: tokens[doc]! })),
          (id) => mentions[Number(id.slice(1))]!,
        ).map((h) => `${h.entity.id} ${h.score.toFixed(6)}`);
      for (const term of ['migration', 'migra', 'labour', 'lab', 'mo', 'rural', 'remittance']) {
        // Every entity with the term or an extension of it in its name or an alias.
        const plain = entities.flatMap((_e, doc) => ([...tokens[doc]!.name, ...tokens[doc]!.aliases].some((t) => t.startsWith(term)) ? [doc] : []));
        for (const limit of [1, 10, 25]) {
          const docs = index.best(term, limit, 50);
          expect(docs, `${term} (seed ${seed}) fills 50 candidates`).not.toBeNull();
          expect(docs!.length, `${term} reads far fewer than its ${plain.length} matches`).toBeLessThan(plain.length / 2);
          expect(rank(term, docs!).slice(0, limit), `${term} limit ${limit} (seed ${seed})`).toEqual(rank(term, plain).slice(0, limit));
        }
      }
      expect(index.best('xyz', 10, 50), 'no match').toBeNull();
      expect(index.best('migration', 10, 100_000), 'too few matches to fill the candidates').toBeNull();
    }
  });
});
