/**
 * Loading into Neo4j: idempotent, records the bundle version, --reseed replaces, and a load that
 * stops part-way leaves the previous graph serving (and is cleaned up by the next load).
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
let store: Neo4jGraphStore;

/** Everything in the database, whatever its generation. */
async function totals() {
  const res = await store.driver.executeQuery(
    `CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`,
    {},
    { routing: neo4j.routing.READ },
  );
  return { nodes: Number(res.records[0]!.get('nodes')), rels: Number(res.records[0]!.get('rels')) };
}

/** The same report with one entity renamed: a different bundle version. */
function editedBundle(): GraphBundle {
  const copy = structuredClone(bundle);
  const e = copy.entities.find((x) => x.id === 'ministry:molvt')!;
  e.name = 'Ministry of Labour and Vocational Training (edited)';
  copy.version = `${bundle.version}-edited`;
  return copy;
}

beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
});
afterAll(async () => {
  await store?.close();
});

describe('loading the graph into Neo4j', () => {
  it('records the bundle version and leaves the same counts when run twice', async () => {
    const first = await loadBundle(store.driver, bundle, { reseed: true });
    expect(first.status).toBe('loaded');
    expect(first.elements).toBe(bundle.entities.length + bundle.passages.length + 1 + bundle.tables.length + bundle.figures.length + bundle.discrepancies.length + bundle.relations.length + bundle.mentions.length + bundle.citations.length);
    expect(await store.info()).toEqual({ backend: 'neo4j', version: bundle.version });
    const after1 = await totals();
    const second = await loadBundle(store.driver, bundle);
    expect(second.status).toBe('unchanged');
    expect(await totals()).toEqual(after1);
    const reseeded = await loadBundle(store.driver, bundle, { reseed: true });
    expect(reseeded.status).toBe('loaded');
    expect(reseeded.generation).not.toBe(first.generation);
    expect(await totals()).toEqual(after1);
  });

  it('keeps the previous graph serving when a load stops part-way, and cleans up after it', async () => {
    await loadBundle(store.driver, bundle);
    const before = await totals();
    let batches = 0;
    await expect(
      loadBundle(store.driver, editedBundle(), {
        batchSize: 50,
        onBatch: () => {
          if (++batches === 10) throw new Error('connection lost (simulated)');
        },
      }),
    ).rejects.toThrow('connection lost');
    // Half a generation is in the database, but nobody sees it.
    expect((await totals()).nodes).toBeGreaterThan(before.nodes);
    expect(await store.info()).toEqual({ backend: 'neo4j', version: bundle.version });
    const [molvt] = await store.entities(['ministry:molvt']);
    expect(molvt!.name).toBe('Ministry of Labour and Vocational Training');
    expect((await store.stats()).entities).toBe(bundle.entities.length);

    // A misspelling of the new word finds nothing while the old graph serves...
    expect(await store.search('editd', null, 5)).toEqual([]);

    const next = await loadBundle(store.driver, editedBundle());
    expect(next.removedGenerations).toBe(1);
    expect((await store.info()).version).toBe(`${bundle.version}-edited`);
    expect((await store.entities(['ministry:molvt']))[0]!.name).toContain('(edited)');
    // ...and finds the renamed entity once the new one does: the store's spelling vocabulary
    // follows the generation.
    expect((await store.search('editd', null, 5)).map((h) => h.entity.id)).toEqual(['ministry:molvt']);
    expect(await totals()).toEqual(before);
    await loadBundle(store.driver, bundle);
  });
});
