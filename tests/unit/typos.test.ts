import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { typoDistance, typoMatches } from '../../server/src/store/typos';

describe('typo distance', () => {
  it('counts a swap of neighbouring letters as one typo', () => {
    expect(typoDistance('koera', 'korea', 2)).toBe(1);
    expect(typoDistance('labuor', 'labour', 2)).toBe(1);
    expect(typoDistance('minsitry', 'ministry', 2)).toBe(1);
    expect(typoDistance('thailand', 'tailand', 2)).toBe(1);
    expect(typoDistance('korea', 'korea', 2)).toBe(0);
  });

  it('stops past the allowance', () => {
    expect(typoDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(typoDistance('ab', 'abcdef', 1)).toBe(2);
  });

  it('finds the indexed terms within the allowance, swaps included', () => {
    const map = SearchableMap.from<true>(['korea', 'kore', 'labour', 'labor', 'ministry', 'mystery'].map((t) => [t, true]));
    expect([...typoMatches(map, 'koera', 1).keys()]).toEqual(['korea']);
    expect([...typoMatches(map, 'koera', 2).keys()].sort()).toEqual(['kore', 'korea']);
    expect([...typoMatches(map, 'labuor', 1).keys()].sort()).toEqual(['labor', 'labour']);
    expect(typoMatches(map, 'labuor', 1).get('labour')?.distance).toBe(1);
    expect([...typoMatches(map, 'minsitry', 1).keys()]).toEqual(['ministry']);
    expect(typoMatches(map, 'koera', 0).size).toBe(0);
  });
});
