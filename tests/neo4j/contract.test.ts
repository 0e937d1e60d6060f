import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreUnavailableError } from '../../server/src/store/GraphStore';
import { ReadBatcher } from '../../server/src/store/neo4j/batch';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { describeStoreContract } from '../contract/store-contract';
import { reportBundle } from '../helpers/report';

describeStoreContract('neo4j', async (bundle) => {
  const { uri, user, password } = inject('neo4j');
  const store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  await loadBundle(store.driver, bundle, { reseed: true });
  return store;
});

describe('the Neo4j store in one round trip', () => {
  let store: Neo4jGraphStore;
  const bundle = reportBundle();
  beforeAll(async () => {
    const { uri, user, password } = inject('neo4j');
    store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
    await loadBundle(store.driver, bundle);
    // The hubs' relation counts are read once per generation, before the first relations read.
    await store.prepare();
  });
  afterAll(() => store?.close());

  it('sends the reads asked for in one tick together, each answering as it does alone', async () => {
    const seen = { entities: [] as string[], passages: [] as string[] };
    const companions = { entities: (l: { id: string }[]) => seen.entities.push(...l.map((e) => e.id)), passages: (l: { id: string }[]) => seen.passages.push(...l.map((p) => p.id)) };
    const key = { id: 'ministry:molvt', direction: 'BOTH' as const, types: null, limit: 100 };
    const passage = bundle.mentions.find((m) => m.entityId === 'ministry:molvt')!.passageId;
    const before = store.roundTrips;
    const together = await Promise.all([
      store.relationsFor([key], companions),
      store.mentionsOf(['ministry:molvt', 'nothing:here'], 5, 0, companions),
      store.mentionCounts(['ministry:molvt']),
      store.entities(['finding:tong-remittances-reduce-poverty', 'nothing:here'], companions),
      store.passages([passage, 'p:none']),
      store.linksIn([passage], companions),
    ]);
    expect(store.roundTrips - before).toBe(1);
    const both = { entities: [...seen.entities], passages: [...seen.passages] };
    seen.entities.length = seen.passages.length = 0;
    const alone = [
      await store.relationsFor([key], companions),
      await store.mentionsOf(['ministry:molvt', 'nothing:here'], 5, 0, companions),
      await store.mentionCounts(['ministry:molvt']),
      await store.entities(['finding:tong-remittances-reduce-poverty', 'nothing:here'], companions),
      await store.passages([passage, 'p:none']),
      await store.linksIn([passage], companions),
    ];
    expect(store.roundTrips - before).toBe(7);
    expect(together).toEqual(alone);
    expect(together[0]![0]!.length).toBeGreaterThan(5);
    expect(new Set(both.entities)).toEqual(new Set(seen.entities));
    expect(new Set(both.passages)).toEqual(new Set(seen.passages));
  });

  it('keeps the reads of each operation view to themselves, and sends concurrent operations of one shape together', async () => {
    const key = { id: 'ministry:molvt', direction: 'BOTH' as const, types: null, limit: 100 };
    const reads = (s: Neo4jGraphStore) => [s.relationsFor([key]), s.mentionsOf(['ministry:molvt'], 5, 0)];
    const [a, b, c] = [store.forOperation(), store.forOperation(), store.forOperation()];
    // Two operations of one shape: one query, whose members are each operation's two reads.
    let before = store.roundTrips;
    const apart = await Promise.all([...reads(a), ...reads(b)]);
    expect(store.roundTrips - before).toBe(1);
    before = store.roundTrips;
    const shared = await Promise.all([...reads(store), ...reads(store)]);
    expect(store.roundTrips - before).toBe(1);
    expect(apart).toEqual(shared);
    expect((apart[0] as unknown[][])[0]!.length).toBeGreaterThan(5);
    // Operations of different shapes are never mixed into one text: one query each.
    before = store.roundTrips;
    const mixed = await Promise.all([...reads(a), c.mentionsOf(['ministry:molvt'], 5, 0)]);
    expect(store.roundTrips - before).toBe(2);
    expect(mixed).toEqual([...shared.slice(0, 2), shared[1]]);
    // Different fixed values (LIMIT) make different queries.
    before = store.roundTrips;
    const limits = await Promise.all([a.mentionsOf(['ministry:molvt'], 5, 0), b.mentionsOf(['ministry:molvt'], 2, 0), c.mentionsOf(['ministry:molvt'], 5, 1)]);
    expect(store.roundTrips - before).toBe(3);
    expect(limits.map((l) => l[0]!.length)).toEqual([5, 2, 5]);
    expect(limits[2]![0]!.slice(0, 4)).toEqual(limits[0]![0]!.slice(1));
  });

  it('gives each member of a shared query that fails its own answer or error', async () => {
    let sent = 0;
    const batcher = new ReadBatcher(async (cypher, params) => {
      sent++;
      const session = store.driver.session({ defaultAccessMode: 'READ' });
      try {
        return (await session.run(cypher, params)).records.map((r) => r.toObject());
      } finally {
        await session.close();
      }
    });
    const q = 'UNWIND range(1, 3) AS i RETURN i, 12 / toInteger($x) AS y';
    const results = await Promise.allSettled([batcher.read(q, { x: 4 }, ['i', 'y']), batcher.read(q, { x: 0 }, ['i', 'y']), batcher.read(q, { x: 6 }, ['i', 'y'])]);
    // The shared query failed on the second member; each was then asked again alone.
    expect(sent).toBe(4);
    expect(results[0]).toEqual({ status: 'fulfilled', value: [1, 2, 3].map((i) => ({ i, y: 3 })) });
    expect(results[1]!.status).toBe('rejected');
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/by zero/);
    expect(results[2]).toEqual({ status: 'fulfilled', value: [1, 2, 3].map((i) => ({ i, y: 2 })) });
    // Without a failure the three share one query, and each gets only its own rows.
    sent = 0;
    const ok = await Promise.all([4, 6, 12].map((x) => batcher.read(q, { x }, ['i', 'y'])));
    expect(sent).toBe(1);
    expect(ok).toEqual([3, 2, 1].map((y) => [1, 2, 3].map((i) => ({ i, y }))));
  });

  it('fails every read of a batch that fails, with the store error', async () => {
    const broken = Neo4jGraphStore.open({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j', queryTimeoutMs: 1_000, maxRetryTimeMs: 200 });
    try {
      const results = await Promise.allSettled([broken.mentionCounts(['ministry:molvt']), broken.passages(['p:2-004'])]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      for (const r of results) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await broken.close();
    }
  });
});
