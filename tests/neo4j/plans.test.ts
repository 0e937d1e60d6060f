/**
 * A flood of operations whose Cypher texts Neo4j has never planned (each names its own set of
 * relation types): they wait their turn to be planned, one at a time, and beyond a short line
 * are answered BUSY, while an operation whose texts Neo4j knows is answered at once. A query
 * whose client hangs up is ended in Neo4j.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { RELATION_TYPES } from '../../graph-seed/src/model/ontology';
import { RequestAbortedError } from '../../server/src/store/GraphStore';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
let app: App;
let url: string;
let store: Neo4jGraphStore;

beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  // A tight gate, so that a dozen operations fill it: a new text every 2 s after the first five, two waiting at most.
  store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000, plans: { perSecond: 0.5, burst: 5, waiting: 2 } });
  await loadBundle(store.driver, bundle);
  app = createApp(store, createLogger('error', () => {}), { costBounds: costBoundsFromBundles([bundle]) });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
});

async function ask(query: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const KNOWN = '{ entity(id: "ministry:molvt") { name relations(limit: 3) { type } } }';
/** The i-th operation of the flood: a set of relation types no other one names. */
const typesOf = (i: number) => RELATION_TYPES.filter((_t, k) => ((i + 7) >> k % 5) & 1 || k === i % RELATION_TYPES.length);
const fresh = (i: number) => {
  const types = typesOf(i);
  return `{ entitiesConnection(first: 5, where: { hasRelation: [{ types: [${types.join(', ')}], direction: OUT }] }) { totalCount } }`;
};

describe('operations new to the planner', () => {
  it('wait their turn or are answered BUSY, while a known operation answers at once', async () => {
    expect((await ask(KNOWN)).data.entity.name).toBe('Ministry of Labour and Vocational Training');
    const texts = new Set(Array.from({ length: 12 }, (_v, i) => fresh(i)));
    expect(texts.size).toBe(12);
    let floodSettled = 0;
    const flood = [...texts].map((q) => ask(q).finally(() => floodSettled++));
    // Asked once the flood has reached the server.
    await new Promise((r) => setTimeout(r, 300));
    const known = await ask(KNOWN);
    // The readiness check is the server's own query: it never waits behind the clients' new ones.
    const ready = await fetch(`${url}/readyz`);
    const settledBeforeKnown = floodSettled;
    const answers = await Promise.all(flood);

    expect(ready.status).toBe(200);
    expect(known.errors).toBeUndefined();
    expect(known.data.entity.name).toBe('Ministry of Labour and Vocational Training');
    expect(settledBeforeKnown).toBeLessThan(texts.size);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'ok');
    expect(codes.filter((c) => c === 'BUSY').length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'ok' || c === 'BUSY')).toBe(true);
    const busy = answers.find((a) => a.errors?.[0]?.extensions?.code === 'BUSY')!;
    expect(busy.errors![0]!.message).toBe('the graph store is busy planning other new queries; try again shortly');
    // An answered one is right: the memory store gives the same count.
    const i = answers.findIndex((a) => !a.errors);
    const memory = new MemoryGraphStore(bundle);
    const expected = await memory.findEntities({ relations: [{ types: typesOf(i), direction: 'OUT' }] }, [], 5, 0, true);
    expect(answers[i]!.data.entitiesConnection.totalCount).toBe(expected.total);
  });
});

describe('a client hanging up', () => {
  it('ends its query in Neo4j, not only the wait for it', async () => {
    const SLOW = 'UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n';
    const running = async () => {
      const session = store.driver.session();
      try {
        const r = await session.run('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery');
        return r.records.map((x) => x.get('currentQuery') as string).filter((q) => q.includes('400000000'));
      } finally {
        await session.close();
      }
    };
    const hangUp = new AbortController();
    // A query of no operation of the API takes seconds on this graph: one is sent as the store sends its own.
    const view = store.forOperation({ signal: hangUp.signal }) as unknown as { send: (cypher: string, params: object, origin?: { signal?: AbortSignal; client: string }) => Promise<unknown> };
    const asked = view.send(SLOW, {}, { signal: hangUp.signal, client: 'test' }).catch((e: unknown) => e);
    let seen: string[] = [];
    for (let i = 0; i < 50 && !seen.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await running();
    }
    expect(seen.length).toBe(1);
    hangUp.abort();
    expect(await asked).toBeInstanceOf(RequestAbortedError);
    let left = seen;
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await running();
    }
    expect(left).toEqual([]);
  });
});
