import { describe, expect, it } from 'vitest';
import { shortestPathLayers } from '../../server/src/store/memory/MemoryGraphStore';

/** A small seeded generator, so a failure names a graph that can be rebuilt. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomGraph(seed: number, nodes: number, edges: number) {
  const next = rng(seed);
  const adj = new Map<string, Set<string>>();
  for (let i = 0; i < nodes; i++) adj.set(`n${i}`, new Set());
  for (let i = 0; i < edges; i++) {
    const a = `n${Math.floor(next() * nodes)}`;
    const b = `n${Math.floor(next() * nodes)}`;
    adj.get(a)!.add(b);
    adj.get(b)!.add(a);
  }
  return adj;
}

function distances(adj: Map<string, Set<string>>, from: string) {
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) for (const n of adj.get(id)!) if (!dist.has(n)) (dist.set(n, dist.get(id)! + 1), next.push(n));
    frontier = next;
  }
  return dist;
}

describe('shortest path layers (bidirectional search)', () => {
  it('finds exactly the nodes on shortest paths, layer by layer, and respects maxLength', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const nodes = 5 + (seed % 40);
      const adj = randomGraph(seed, nodes, Math.floor(nodes * (0.6 + (seed % 5) * 0.4)));
      const from = `n${seed % nodes}`;
      const to = `n${(seed * 7 + 3) % nodes}`;
      if (from === to) continue;
      const dF = distances(adj, from);
      const dT = distances(adj, to);
      const length = dF.get(to);
      for (const maxLength of [1, 2, 3, 5, 50]) {
        const layers = shortestPathLayers(from, to, maxLength, (id, visit) => adj.get(id)!.forEach((n) => visit(n)));
        if (length === undefined || length > maxLength) {
          expect(layers, `seed ${seed} maxLength ${maxLength}`).toBeNull();
          continue;
        }
        expect(layers, `seed ${seed}`).not.toBeNull();
        expect(layers!.length).toBe(length + 1);
        layers!.forEach((layer, i) => {
          const expected = [...adj.keys()].filter((n) => dF.get(n) === i && dT.get(n) === length - i).sort();
          expect([...layer].sort(), `seed ${seed} layer ${i}`).toEqual(expected);
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
