/**
 * Hubs in Neo4j: an entity with thousands of relations answers its first relations from the
 * types that hold them (by the counts the loader records), exactly as reading all of them would,
 * in every direction, for any types and limits, and across a reload that changes the counts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HUB_DEGREE, hubRelationCounts } from '../../graph-seed/src/export/neo4j-model';
import type { GraphBundle, Relation } from '../../graph-seed/src/model/bundle';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { syntheticBundle } from '../bench/graph-synth';

const TYPES = ['ABOUT', 'CITES', 'MEASURES', 'PART_OF', 'SUPPORTED_BY', 'USES_DATA', 'CHAIRS'] as const;

/** A small synthetic graph with one hub given `extra` more relations, spread over types and both directions, and a loop. */
function withHub(extra: number, version: string): { bundle: GraphBundle; hub: string } {
  const { bundle, fixtures } = syntheticBundle(1500, 3);
  const hub = fixtures.hub;
  const others = bundle.entities.map((e) => e.id).filter((id) => id !== hub);
  const relations: Relation[] = [...bundle.relations];
  const ids = new Set(relations.map((r) => r.id));
  // The types in turn, each time with the next entity; one relation in three inward.
  for (let i = 0; relations.length < bundle.relations.length + extra && i < others.length * TYPES.length; i++) {
    const other = others[Math.floor(i / TYPES.length) % others.length]!;
    const type = TYPES[i % TYPES.length]!;
    const [source, target] = (i + Math.floor(i / 5)) % 3 === 0 ? [other, hub] : [hub, other];
    const id = `${source}|${type}|${target}`;
    if (ids.has(id)) continue;
    ids.add(id);
    relations.push({ id, type, source, target, properties: {}, evidence: bundle.relations[0]!.evidence });
  }
  relations.push({ id: `${hub}|ABOUT|${hub}`, type: 'ABOUT', source: hub, target: hub, properties: {}, evidence: bundle.relations[0]!.evidence });
  return { bundle: { ...bundle, version, relations }, hub };
}

let neo: Neo4jGraphStore;
beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  neo = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
});
afterAll(async () => {
  await neo?.close();
});

describe('hub relations in Neo4j', () => {
  it('counts a hub by type and direction, a loop once either way', () => {
    const { bundle, hub } = withHub(HUB_DEGREE + 200, 'hub-test-counts');
    const counts = hubRelationCounts(bundle.relations).get(hub)!;
    expect(counts, 'the hub is counted').toBeDefined();
    for (const type of TYPES) {
      const of = bundle.relations.filter((r) => r.type === type && (r.source === hub || r.target === hub));
      expect(counts[type] ?? [0, 0, 0], type).toEqual([of.filter((r) => r.source === hub).length, of.filter((r) => r.target === hub).length, of.length]);
    }
    expect(hubRelationCounts(bundle.relations, 1e9).size, 'nothing reaches a degree of a billion').toBe(0);
  });

  it("answers a hub's first relations as reading all of them would, for any direction, types and limit, across a reload", async () => {
    for (const [extra, version] of [
      [HUB_DEGREE + 300, 'hub-test-1'],
      [HUB_DEGREE + 900, 'hub-test-2'],
    ] as const) {
      const { bundle, hub } = withHub(extra, version);
      // The second load changes the counts under a store that read the first ones.
      await loadBundle(neo.driver, bundle);
      const memory = new MemoryGraphStore(bundle);
      const ids = [hub, ...bundle.entities.slice(0, 20).map((e) => e.id)];
      const counts = hubRelationCounts(bundle.relations).get(hub)!;
      for (const [slot, direction] of (['OUT', 'IN', 'BOTH'] as const).entries()) {
        // Limits on each side of every boundary between types, where a type more or less is read.
        const boundaries = Object.keys(counts)
          .sort()
          .reduce<number[]>((acc, t) => [...acc, (acc.at(-1) ?? 0) + counts[t as keyof typeof counts]![slot]!], []);
        for (const types of [null, ['MEASURES', 'CHAIRS'], ['USES_DATA'], ['ABOUT', 'ZZZ']]) {
          for (const limit of [1, 40, 100, 700, 5000, ...(types ? [] : boundaries.flatMap((b) => [b, b + 1]))]) {
            const q = { direction, types, limit };
            expect(await neo.relationsOf(ids, q), `${version} ${JSON.stringify(q)}`).toEqual(await memory.relationsOf(ids, q));
          }
        }
      }
      // Keys of one batch with different directions and types.
      const mixed = ids.map((id, i) => ({ id, direction: (['OUT', 'IN', 'BOTH'] as const)[i % 3]!, types: i % 2 ? null : ['PART_OF', 'ABOUT'], limit: 50 + i }));
      expect(await neo.relationsFor(mixed)).toEqual(await memory.relationsFor(mixed));
    }
  });
});
