/**
 * GraphQL API throughput and latency per operation, over HTTP with autocannon after a warm-up,
 * at each concurrency. Every server runs in a process of its own, as in production: this
 * project's server on the memory store and on Neo4j, and the peer (@neo4j/graphql over the same
 * Neo4j, tests/bench/peer). On Neo4j the two are measured in the same run, turn about, and the
 * ratio ours/peer is taken from that run's medians. Neo4j round trips per operation are counted
 * by the adapter with nothing else in flight. Neo4j is NEO4J_URI, or the embedded 5.26 started
 * here on the same machine. Writes bench/results/api.json and api.md.
 * With --baseline DIR, the server of another checkout (with its own node_modules) runs on the
 * memory store beside this one, turn about, so a change's cost is measured in the same run.
 *   npm run bench:api [-- --stores memory,neo4j --connections 1,32 --duration 10 --runs 3 --operations "entity search,shortest path" --baseline ../before --baseline-label "before"]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { testNeo4j, type Neo4jAddress } from '../helpers/neo4j';
import { reportBundle } from '../helpers/report';
import { spawnServer, startCommand, startServer, type RunningApp } from '../helpers/serve';
import { encodeCursor } from '../../server/src/schema/connections';
import { PEER_QUERIES } from './peer/operations';

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
  {
    // The second page of bodies that take part in or answer for something, most mentioned first.
    name: 'filtered entities (second page)',
    query: `{ entitiesConnection(first: 10, after: "${encodeCursor(9)}", where: { types: [Ministry, Committee, GovernmentBody], hasRelation: [{ types: [PARTICIPATES_IN, RESPONSIBLE_FOR, CHAIRS, VICE_CHAIRS, MEMBER_OF], direction: OUT }] }, orderBy: [{ field: MENTION_COUNT, direction: DESC }]) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name type mentionCount } } } }`,
  },
];

/** A GraphQL endpoint under test and the query it answers each operation with (null: it cannot). */
export interface Target {
  name: string;
  url: string;
  query(operation: string): string | null;
}

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

export interface Ratio {
  operation: string;
  connections: number;
  ours: number;
  peer: number;
  ratio: number;
}

export interface BenchOptions {
  connections: number[];
  duration: number;
  runs: number;
  warmup: number;
  /**
   * Seconds of traffic per target and operation, at the highest concurrency, before anything
   * is measured. Neo4j's JVM compiles its hot paths over the first minute or so of traffic:
   * measured on a cold JVM, Neo4j's CPU per request fell from ~12 ms to ~1.4 ms over the first
   * 40 s. The peer runs on the same Neo4j and settles the same way.
   */
  settle?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const post = (url: string, query: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

function cannon(url: string, query: string, connections: number, duration: number) {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), connections, duration, pipelining: 1 });
}

/** Asks once and fails loudly unless the answer is data without errors. */
export async function checkAnswer(url: string, query: string, what: string): Promise<unknown> {
  const res = await post(url, query);
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || body.errors || !body.data) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
  return body.data;
}

/**
 * Benchmarks the targets operation by operation; within an operation and concurrency the
 * targets take turns run by run, so each sees the same machine conditions.
 */
export async function benchTargets(targets: Target[], opts: BenchOptions, onResult: (r: OpResult) => void, roundTrips: Map<string, number> = new Map()): Promise<OpResult[]> {
  for (const t of targets) for (const op of OPERATIONS) if (t.query(op.name)) await checkAnswer(t.url, t.query(op.name)!, `${t.name}, ${op.name}`);
  if (opts.settle) {
    const most = Math.max(...opts.connections);
    for (const op of OPERATIONS) for (const t of targets) if (t.query(op.name)) await cannon(t.url, t.query(op.name)!, most, opts.settle);
  }
  const out: OpResult[] = [];
  for (const op of OPERATIONS) {
    for (const connections of opts.connections) {
      const active = targets.filter((t) => t.query(op.name));
      for (const t of active) await cannon(t.url, t.query(op.name)!, connections, opts.warmup);
      const runs = new Map<Target, autocannon.Result[]>(active.map((t) => [t, []]));
      for (let i = 0; i < opts.runs; i++) for (const t of active) runs.get(t)!.push(await cannon(t.url, t.query(op.name)!, connections, opts.duration));
      for (const t of active) {
        const list = runs.get(t)!;
        const rps = list.map((r) => r.requests.average);
        const mid = list[rps.indexOf(median(rps))]!;
        const trips = roundTrips.get(`${t.name}|${op.name}`);
        const result: OpResult = {
          store: t.name,
          operation: op.name,
          connections,
          requestsPerSec: Math.round(median(rps)),
          p50Ms: mid.latency.p50,
          p99Ms: mid.latency.p99,
          errors: list.reduce((s, r) => s + r.errors + r.non2xx + r.timeouts, 0),
          runs: rps.map(Math.round),
          ...(trips !== undefined ? { roundTrips: trips } : {}),
        };
        out.push(result);
        onResult(result);
      }
    }
  }
  return out;
}

/** Our throughput over the peer's, per operation and concurrency, from the same run. */
export function ratios(results: OpResult[], ours: string, peer: string): Ratio[] {
  return results
    .filter((r) => r.store === ours)
    .flatMap((o) => {
      const p = results.find((r) => r.store === peer && r.operation === o.operation && r.connections === o.connections);
      return p ? [{ operation: o.operation, connections: o.connections, ours: o.requestsPerSec, peer: p.requestsPerSec, ratio: Math.round((o.requestsPerSec / p.requestsPerSec) * 100) / 100 }] : [];
    });
}

/**
 * Neo4j queries one request of each operation costs, counted by the adapter in this process on
 * the operation's second request (the first may also fill a per-generation cache, such as the
 * search vocabulary, which later requests share).
 */
export async function countRoundTrips(address: Neo4jAddress): Promise<Map<string, number>> {
  const store = Neo4jGraphStore.open({ ...address, database: process.env.NEO4J_DATABASE ?? 'neo4j', queryTimeoutMs: 10_000 });
  const app = createApp(store, createLogger('error', () => {}), { queryTimeoutMs: 10_000, costBounds: costBoundsFromBundles([reportBundle()]) });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const trips = new Map<string, number>();
  try {
    for (const op of OPERATIONS) {
      await checkAnswer(url, op.query, op.name);
      const before = store.roundTrips;
      await checkAnswer(url, op.query, op.name);
      trips.set(op.name, store.roundTrips - before);
    }
  } finally {
    await app.close();
  }
  return trips;
}

export function apiMarkdown(results: OpResult[], meta: BenchOptions, compared: Ratio[] = [], notes: Record<string, string> = {}): string {
  const lines = [
    '# GraphQL API benchmark',
    '',
    `autocannon over HTTP against servers in their own processes, ${meta.settle ? `each first driven with every operation for ${meta.settle} s (the JVM compiling its hot paths), then ` : ''}${meta.duration} s per run after a ${meta.warmup} s warm-up, median of ${meta.runs} runs; Neo4j 5.26 embedded on the same 2 cores. Round trips: Neo4j queries for one request, counted by the adapter.`,
    '',
    '| server | operation | connections | req/s | p50 ms | p99 ms | errors | round trips |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.store} | ${r.operation} | ${r.connections} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.roundTrips ?? ''} |`),
    '',
  ];
  if (compared.length) {
    lines.push(
      '## Against @neo4j/graphql on the same Neo4j',
      '',
      'Throughput of this server on Neo4j divided by the peer\'s, same run, same concurrency.',
      '',
      '| operation | connections | ours req/s | peer req/s | ours / peer |',
      '|---|---|---|---|---|',
      ...compared.map((c) => `| ${c.operation} | ${c.connections} | ${c.ours} | ${c.peer} | ${c.ratio} |`),
      '',
    );
  }
  const why = Object.entries(notes);
  if (why.length) lines.push('Where the peer asks differently:', '', ...why.map(([op, w]) => `- ${op}: ${w}.`), '');
  return lines.join('\n');
}

/** The peer in a process of its own over the given Neo4j, with indexes on the ids it filters by. */
export async function startPeer(address: Neo4jAddress): Promise<RunningApp> {
  const driver = neo4j.driver(address.uri, neo4j.auth.basic(address.user, address.password));
  try {
    await driver.executeQuery('CREATE INDEX peer_entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id)');
    await driver.executeQuery('CREATE INDEX peer_passage_id IF NOT EXISTS FOR (n:Passage) ON (n.id)');
    await driver.executeQuery('CALL db.awaitIndexes(300)');
  } finally {
    await driver.close();
  }
  return spawnServer({
    command: process.execPath,
    args: ['--import', 'tsx', 'tests/bench/peer/server.ts'],
    env: { NEO4J_URI: address.uri, NEO4J_USER: address.user, NEO4J_PASSWORD: address.password },
    readyPath: '/graphql?query=%7B__typename%7D',
    label: 'peer',
  });
}

/**
 * The target restricted to the operations it answers without errors: an older checkout may lack
 * fields a newer operation asks for, and those are left out of its runs (and said so).
 */
async function answerable(t: Target): Promise<Target> {
  const ok = new Set<string>();
  for (const { name } of OPERATIONS) {
    const query = t.query(name);
    if (query === null) continue;
    const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors?: { message: string }[] };
    if (res.ok && !body.errors?.length) ok.add(name);
    else console.log(`${t.name}: not measured on "${name}" (${body.errors?.[0]?.message ?? `HTTP ${res.status}`})`);
  }
  return { ...t, query: (op) => (ok.has(op) ? t.query(op) : null) };
}

const ours = (name: string, app: RunningApp): Target => ({ name, url: `${app.url}/graphql`, query: (op) => OPERATIONS.find((o) => o.name === op)!.query });

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: 'memory,neo4j' },
      connections: { type: 'string', default: '1,32' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      settle: { type: 'string', default: '5' },
      runs: { type: 'string', default: '3' },
      /** Comma-separated operation names to run (default: all). */
      operations: { type: 'string' },
      /** Another checkout whose server is measured beside this one's on the memory store. */
      baseline: { type: 'string' },
      'baseline-label': { type: 'string', default: 'baseline' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const opts: BenchOptions = { connections: values.connections!.split(',').map(Number), duration: Number(values.duration), runs: Number(values.runs), warmup: Number(values.warmup), settle: Number(values.settle) };
  const only = values.operations ? new Set(values.operations.split(',').map((o) => o.trim())) : null;
  const unknown = [...(only ?? [])].filter((o) => !OPERATIONS.some((op) => op.name === o));
  if (unknown.length) throw new Error(`unknown operation ${unknown.join(', ')}; known: ${OPERATIONS.map((o) => o.name).join(', ')}`);
  /** A target restricted to the operations asked for. */
  const chosen = (t: Target): Target => ({ ...t, query: (op) => (only && !only.has(op) ? null : t.query(op)) });
  const results: OpResult[] = [];
  const print = (r: OpResult) =>
    console.log(
      `${r.store.padEnd(22)} ${r.operation.padEnd(38)} c=${String(r.connections).padEnd(3)} ${String(r.requestsPerSec).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${r.roundTrips !== undefined ? `  ${r.roundTrips} round trips` : ''}${r.errors ? `  ${r.errors} ERRORS` : ''}`,
    );
  const stores = values.stores!.split(',');
  let compared: Ratio[] = [];
  const notes: Record<string, string> = {};
  if (stores.includes('memory')) {
    const app = await startServer({}, 'bench-memory');
    const baseline = values.baseline ? await spawnServer({ command: process.execPath, args: startCommand().slice(1), env: {}, readyPath: '/readyz', label: 'bench-baseline', cwd: values.baseline }) : null;
    try {
      const targets = [chosen(ours('memory', app)), ...(baseline ? [await answerable(chosen(ours(`memory (${values['baseline-label']})`, baseline)))] : [])];
      results.push(...(await benchTargets(targets, opts, print)));
    } finally {
      await app.stop();
      await baseline?.stop();
    }
  }
  if (stores.includes('neo4j')) {
    const neo = await testNeo4j();
    const running: RunningApp[] = [];
    try {
      const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
      await loadBundle(driver, reportBundle()).finally(() => driver.close());
      const trips = await countRoundTrips(neo);
      const app = await startServer({ NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password }, 'bench-neo4j');
      running.push(app);
      const peer = await startPeer(neo);
      running.push(peer);
      const peerTarget: Target = { name: 'peer (@neo4j/graphql)', url: `${peer.url}/graphql`, query: (op) => PEER_QUERIES[op]?.peer ?? null };
      for (const [op, q] of Object.entries(PEER_QUERIES)) if (q.why) notes[op] = q.peer ? `asked approximately: ${q.why}` : `not asked: ${q.why}`;
      const roundTrips = new Map([...trips].map(([op, n]) => [`neo4j|${op}`, n]));
      const got = await benchTargets([chosen(ours('neo4j', app)), chosen(peerTarget)], opts, print, roundTrips);
      results.push(...got);
      compared = ratios(got, 'neo4j', peerTarget.name);
      for (const c of compared) console.log(`ours/peer ${c.operation.padEnd(38)} c=${String(c.connections).padEnd(3)} ${c.ratio}`);
    } finally {
      for (const r of running.reverse()) await r.stop();
      await neo.stop();
    }
  }
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'api.json'), JSON.stringify({ date: new Date().toISOString(), ...opts, results, ratios: compared, peerCannotAsk: notes }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'api.md'), apiMarkdown(results, opts, compared, notes));
  console.log(`\nwritten to ${join(values.out!, 'api.json')} and api.md`);
}
