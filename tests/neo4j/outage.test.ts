/**
 * Neo4j going away and coming back, against a real Neo4j of the test's own: requests fail with
 * SERVICE_UNAVAILABLE and /readyz says 503 while it is down; once it is back the same server
 * answers again without a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { freePort, testNeo4j, type TestNeo4j } from '../helpers/neo4j';
import { reportBundle } from '../helpers/report';

const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));
let port: number;
let neo: TestNeo4j | null = null;
let app: App;
let url: string;
const logs: string[] = [];

beforeAll(async () => {
  if (process.env.NEO4J_URI) throw new Error('the outage test stops and restarts its own embedded Neo4j; unset NEO4J_URI to run it');
  port = await freePort();
  neo = await testNeo4j({ dataDir, port });
  const store = Neo4jGraphStore.open({ uri: neo.uri, user: neo.user, password: neo.password, database: 'neo4j', queryTimeoutMs: 10_000 });
  await loadBundle(store.driver, reportBundle());
  const costBounds = costBoundsFromBundles([reportBundle()]);
  // Heavy operations on a thread of their own, as npm start serves them, with their own driver.
  const options = { uri: neo.uri, user: neo.user, password: neo.password, database: 'neo4j', queryTimeoutMs: 10_000 };
  app = createApp(store, createLogger('debug', (l) => logs.push(l)), { costBounds, heavyThread: { kind: 'neo4j', options } });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await neo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const QUERY = '{ entity(id: "ministry:molvt") { name relations(limit: 3) { type } } }';

/** Over the heavy threshold (cost 5,000): answered on the heavy thread. */
const HEAVY = `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: passages(query: "migration", limit: 1000) { id }`).join(' ')} e: entities(limit: 1000) { id } }`;

async function ask(query = QUERY) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}
const ready = async () => (await fetch(`${url}/readyz`)).status;

describe('Neo4j going away', () => {
  it('answers while Neo4j is up', async () => {
    const r = await ask();
    expect(r.body.data.entity.name).toBe('Ministry of Labour and Vocational Training');
    const heavy = await ask(HEAVY);
    expect(heavy.body.errors).toBeUndefined();
    expect(heavy.body.data.e.length).toBeGreaterThan(100);
    expect(await ready()).toBe(200);
  });

  it('fails with SERVICE_UNAVAILABLE, not a stack trace, while Neo4j is down', async () => {
    await neo!.stop();
    neo = null;
    const started = performance.now();
    const r = await ask();
    const ms = performance.now() - started;
    expect(r.status).toBe(200);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(r.body.errors?.[0]?.message).toBe('the graph store is unavailable; try again shortly');
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+|Neo4jError|bolt:\/\//);
    // The heavy thread's errors are masked alike: no driver message, no address.
    const heavy = await ask(HEAVY);
    expect(heavy.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(heavy.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Neo4j is unavailable|Neo4jError|bolt:\/\//);
    expect(await ready()).toBe(503);
    logs.push(JSON.stringify({ msg: 'outage answer time', ms }));
  });

  it('recovers without a restart when Neo4j comes back', async () => {
    neo = await testNeo4j({ dataDir, port });
    let answer: Awaited<ReturnType<typeof ask>> | null = null;
    for (let i = 0; i < 60 && !answer?.body.data?.entity; i++) {
      answer = await ask();
      if (!answer.body.data?.entity) await new Promise((r) => setTimeout(r, 500));
    }
    expect(answer!.body.errors).toBeUndefined();
    expect(answer!.body.data.entity.name).toBe('Ministry of Labour and Vocational Training');
    expect(await ready()).toBe(200);
    let heavy: Awaited<ReturnType<typeof ask>> | null = null;
    for (let i = 0; i < 60 && !heavy?.body.data?.e; i++) {
      heavy = await ask(HEAVY);
      if (!heavy.body.data?.e) await new Promise((r) => setTimeout(r, 500));
    }
    expect(heavy!.body.errors).toBeUndefined();
  });
});
