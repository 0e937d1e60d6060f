/**
 * Entity-search candidates of the memory store: the same matches as the shared ranking's
 * predicate, and the best of them first when there are more than asked for.
 */
import { describe, expect, it } from 'vitest';
import { EntityCandidates } from '../../server/src/store/memory/candidates';
import { entityScore, entityTokens, termsOf } from '../../server/src/store/ranking';

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
});
