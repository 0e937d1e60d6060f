/**
 * GraphQL API throughput and latency per operation, over HTTP with autocannon after a warm-up, at
 * each concurrency, for the memory store and for Neo4j (NEO4J_URI, or the embedded 5.26 started
 * here on the same machine). Reports the median of several runs and, for Neo4j, the store's round
 * trips per operation (counted by the adapter). Writes bench/results/api.json and api.md.
 *   npm run bench:api [-- --stores memory,neo4j --connections 1,32 --duration 10 --runs 3]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { testNeo4j } from '../helpers/neo4j';
import { reportBundle } from '../helpers/report';

export const OPERATIONS: { name: string; query: string }[] = [
  { name: 'entity search', query: '{ search(query: "labour migration", limit: 10) { score entity { id name type } } }' },
  {
    name: 'entity with relations and mentions',
    query: '{ entity(id: "ministry:molvt") { id name type aliases relations(limit: 100) { id type source { id name type } target { id name type } evidence { quote start end passage { id } } } mentions(limit: 20) { start end text passage { id } } } }',
  },
  { name: 'neighbourhood depth 1', query: '{ neighborhood(ids: ["ministry:molvt"], depth: 1, limit: 200) { truncated nodes { id name type } relations { id type source { id } target { id } } } }' },
  { name: 'neighbourhood depth 2 (limit 200)', query: '{ neighborhood(ids: ["ministry:molvt"], depth: 2, limit: 200) { truncated nodes { id name type } relations { id type source { id } target { id } } } }' },
  { name: 'shortest path', query: '{ path(from: "ministry:mowa", to: "study:tong-2012", maxLength: 8) { nodes { id name } relations { id type } } }' },
  { name: 'passage with mentions and citations', query: '{ passage(id: "p:2-004") { id text mentions { start end entity { id name type } } citations { id name } } }' },
  {
    name: 'finding traced to its studies',
    query: '{ entity(id: "finding:tong-remittances-reduce-poverty") { id name ... on Finding { statement evidence { quote passage { id } } citations { id name ... on Study { year usesData { id name } } } about { id name } } } }',
  },
];

export interface OpResult {
  store: string;
  operation: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  runs: number[];
  roundTrips?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function serve(store: GraphStore): Promise<{ app: App; url: string }> {
  const app = createApp(store, createLogger('error', () => {}), { queryTimeoutMs: 10_000 });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql` };
}

function cannon(url: string, query: string, connections: number, duration: number) {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), connections, duration, pipelining: 1 });
}

export async function benchStore(storeName: string, store: GraphStore, opts: { connections: number[]; duration: number; runs: number; warmup: number }, onResult: (r: OpResult) => void): Promise<OpResult[]> {
  const { app, url } = await serve(store);
  const out: OpResult[] = [];
  try {
    // First, with nothing else in flight: check each answer once and count the store's round
    // trips for one request.
    const trips = new Map<string, number | undefined>();
    for (const op of OPERATIONS) {
      const before = store instanceof Neo4jGraphStore ? store.roundTrips : 0;
      const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query }) });
      const body = (await check.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${op.name} failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
      trips.set(op.name, store instanceof Neo4jGraphStore ? store.roundTrips - before : undefined);
    }
    for (const op of OPERATIONS) {
      const roundTrips = trips.get(op.name);
      for (const connections of opts.connections) {
        await cannon(url, op.query, connections, opts.warmup);
        const runs: autocannon.Result[] = [];
        for (let i = 0; i < opts.runs; i++) runs.push(await cannon(url, op.query, connections, opts.duration));
        const rps = runs.map((r) => r.requests.average);
        const mid = runs[rps.indexOf(median(rps))]!;
        const result: OpResult = {
          store: storeName,
          operation: op.name,
          connections,
          requestsPerSec: Math.round(median(rps)),
          p50Ms: mid.latency.p50,
          p99Ms: mid.latency.p99,
          errors: runs.reduce((s, r) => s + r.errors + r.non2xx + r.timeouts, 0),
          runs: rps.map(Math.round),
          ...(roundTrips !== undefined ? { roundTrips } : {}),
        };
        out.push(result);
        onResult(result);
      }
    }
  } finally {
    await new Promise<void>((r) => {
      app.server.close(() => r());
      app.server.closeAllConnections();
    });
  }
  return out;
}

export function apiMarkdown(results: OpResult[], meta: { duration: number; runs: number }): string {
  const lines = [
    '# GraphQL API benchmark',
    '',
    `autocannon over HTTP, ${meta.duration} s per run after a warm-up, median of ${meta.runs} runs; Neo4j 5.26 embedded on the same 2 cores. Round trips: Neo4j queries for one request.`,
    '',
    '| store | operation | connections | req/s | p50 ms | p99 ms | errors | round trips |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.store} | ${r.operation} | ${r.connections} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.roundTrips ?? ''} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'memory,neo4j' },
      connections: { type: 'string', default: '1,32' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const opts = { connections: values.connections!.split(',').map(Number), duration: Number(values.duration), runs: Number(values.runs), warmup: Number(values.warmup) };
  const bundle = reportBundle();
  const results: OpResult[] = [];
  const print = (r: OpResult) => console.log(`${r.store.padEnd(7)} ${r.operation.padEnd(38)} c=${String(r.connections).padEnd(3)} ${String(r.requestsPerSec).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${r.roundTrips !== undefined ? `  ${r.roundTrips} round trips` : ''}${r.errors ? `  ${r.errors} ERRORS` : ''}`);
  const stores = values.stores!.split(',');
  if (stores.includes('memory')) results.push(...(await benchStore('memory', new MemoryGraphStore(bundle), opts, print)));
  if (stores.includes('neo4j')) {
    const neo = await testNeo4j();
    const store = Neo4jGraphStore.open({ uri: neo.uri, user: neo.user, password: neo.password, database: process.env.NEO4J_DATABASE ?? 'neo4j', queryTimeoutMs: 10_000 });
    try {
      await loadBundle(store.driver, bundle);
      results.push(...(await benchStore('neo4j', store, opts, print)));
    } finally {
      await store.close();
      await neo.stop();
    }
  }
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'api.json'), JSON.stringify({ date: new Date().toISOString(), ...opts, results }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'api.md'), apiMarkdown(results, opts));
  console.log(`\nwritten to ${join(values.out!, 'api.json')} and api.md`);
}
