/**
 * The GraphQL API over Neo4j, through HTTP: the explorer's queries answer exactly as over the
 * memory store, and injection probes in every string argument are answered safely and leave the
 * database unchanged (every node, relationship and property hashed in Neo4j itself, not through the API).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { schemaSdl } from '../../server/src/schema';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { OPERATIONS } from '../bench/api.bench';
import { neo4jFingerprint } from '../helpers/graph-fingerprint';
import { injectionProbes } from '../helpers/injection';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
let neo: Neo4jGraphStore;
const apps: App[] = [];
let neoUrl: string;
let memUrl: string;
const logs: string[] = [];

async function serve(app: App): Promise<string> {
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  neo = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  await loadBundle(neo.driver, bundle);
  neoUrl = await serve(createApp(neo, createLogger('debug', (l) => logs.push(l)), { costBounds: costBoundsFromBundles([bundle]) }));
  memUrl = await serve(createApp(new MemoryGraphStore(bundle), createLogger('error', () => {})));
});
afterAll(async () => {
  for (const a of apps) await a.close();
});

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const EXPLORER_QUERIES = [
  '{ search(query: "korea", limit: 5) { entity { id type name } } }',
  `{ entity(id: "committee:migration-working-group") { id type name aliases properties mentionCount
      mentions(limit: 5) { start end text passage { id section text } }
      relations(limit: 50) { id type source { id name } target { id name } evidence { start end quote passage { id } } } } }`,
  '{ neighborhood(ids: ["ministry:molvt"], depth: 2, limit: 60) { truncated nodes { id type name } relations { id type source { id } target { id } } } }',
  '{ path(from: "ministry:mowa", to: "committee:ncct") { nodes { id } relations { type evidence { quote } } } }',
  '{ passage(id: "p:2-004") { id text previous { id } next { id } mentions { start end entity { id type } } citations { id name } } }',
  '{ findings(about: "dimension:remittances") { id name } }',
  '{ tables { number title rows { label values } } discrepancies { id note statements { quote } } stats { entities relations } documents { title chapters { number title } } }',
  '{ passages(query: "remittances poverty", limit: 3) { id } }',
  // One batch of relation reads with mixed directions and types, ends read whole or by name only.
  `{ entity(id: "ministry:molvt") { id out: relations(direction: OUT, limit: 7) { id source { id } target { id name } }
      in: relations(direction: IN, types: ["CHAIRS", "PART_OF"], limit: 5) { id type source { id type name } }
      both: relations(types: ["RESPONSIBLE_FOR"]) { id target { ... on Policy { date } ... on Organization { properties evidenceSpans { quote } } } } } }`,
  '{ entity(id: "finding:tong-remittances-reduce-poverty") { id ... on Finding { citations { id name ... on Study { year authors } } datasets { id } } } }',
  '{ entity(id: "study:tong-2012") { id name properties mentions(limit: 3) { start entity { id name } } } }',
];

describe('GraphQL over Neo4j', () => {
  it('answers the explorer queries and the benchmark operations exactly as the memory store does', async () => {
    for (const q of [...EXPLORER_QUERIES, ...OPERATIONS.map((o) => o.query)]) {
      const [a, b] = await Promise.all([gql(neoUrl, q), gql(memUrl, q)]);
      expect(a.body.errors, q).toBeUndefined();
      expect(a.body, q).toEqual(b.body);
    }
  });

  it('answers injection probes in every string argument safely and leaves the database unchanged', async () => {
    const before = await neo4jFingerprint(neo.driver);
    expect(before.nodes).toBeGreaterThan(bundle.entities.length + bundle.passages.length);
    const probes = injectionProbes(schemaSdl());
    expect(new Set(probes.map((p) => `${p.field}.${p.argument}`)).size).toBeGreaterThanOrEqual(10);
    for (const p of probes) {
      const r = await gql(neoUrl, p.query, p.variables);
      expect(r.status, `${p.field}.${p.argument}`).toBe(200);
      for (const err of r.body.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND'], `${p.field}.${p.argument} ${JSON.stringify(p.variables).slice(0, 60)}: ${err.message}`).toContain(err.extensions?.code);
    }
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect(await neo4jFingerprint(neo.driver)).toEqual(before);
  });

  it('the fingerprint behind "unchanged" sees one changed value, and the same value back', async () => {
    const before = await neo4jFingerprint(neo.driver);
    const id = bundle.relations[0]!.id;
    const touch = (suffix: string) => neo.driver.executeQuery('MATCH ()-[r {id: $id}]->() SET r.evidence = r.evidence + $suffix', { id, suffix });
    const strip = () => neo.driver.executeQuery('MATCH ()-[r {id: $id}]->() SET r.evidence = left(r.evidence, size(r.evidence) - 1)', { id });
    await touch(' ');
    try {
      const changed = await neo4jFingerprint(neo.driver);
      expect(changed.relationships).toBe(before.relationships);
      expect(changed.hash).not.toBe(before.hash);
    } finally {
      await strip();
    }
    expect(await neo4jFingerprint(neo.driver)).toEqual(before);
  });
});
