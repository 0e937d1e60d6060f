/**
 * Growth with size: synthetic bundles shaped like the report (tests/bench/graph-synth.ts) at 10
 * thousand, 100 thousand and 1 million relations. For each size and store, a server process of
 * its own generates the bundle and loads it (memory: build time and resident memory after a
 * full GC; Neo4j: graph elements written per second, batched), then serves the API; autocannon
 * measures p50/p99 of the bounded operations against it. Writes bench/results/growth.json,
 * growth.md and growth.svg (the curves).
 *   npm run bench:growth [-- --sizes 10000,100000,1000000 --stores memory,neo4j --duration 5]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';

/** QUERY_COST_LIMIT for graphs of a million relations (see the README's Large graphs). */
export const LARGE_GRAPH_COST_LIMIT = 5_000_000;
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { testNeo4j } from '../helpers/neo4j';
import { syntheticBundle, type SynthFixtures } from './graph-synth';

/** The bounded operations, asked of a synthetic graph's fixtures. */
export const GROWTH_OPERATIONS: { name: string; query: (f: SynthFixtures) => string }[] = [
  { name: 'entity search', query: (f) => `{ search(query: "${f.searchTerm}", limit: 10) { score entity { id name type } } }` },
  {
    name: 'hub with relations and mentions',
    query: (f) => `{ entity(id: "${f.hub}") { id name type relations(limit: 100) { id type source { id name type } target { id name type } evidence { quote passage { id } } } mentions(limit: 20) { start end passage { id } } } }`,
  },
  { name: 'hub neighbourhood depth 1 (limit 200)', query: (f) => `{ neighborhood(ids: ["${f.hub}"], depth: 1, limit: 200) { truncated nodes { id name type } relations { id type source { id } target { id } } } }` },
  { name: 'neighbourhood depth 2 (limit 200)', query: (f) => `{ neighborhood(ids: ["${f.typical}"], depth: 2, limit: 200) { truncated nodes { id name type } relations { id type source { id } target { id } } } }` },
  { name: 'shortest path', query: (f) => `{ path(from: "${f.pathFrom}", to: "${f.pathTo}", maxLength: 6) { nodes { id } relations { id type } } }` },
  { name: 'passage with mentions and citations', query: (f) => `{ passage(id: "${f.passage}") { id text mentions { start end entity { id name type } } citations { id name } } }` },
];

export interface ServeReport {
  url: string;
  fixtures: SynthFixtures;
  relations: number;
  elements: number;
  generateMs: number;
  loadMs: number;
  /** Neo4j only: graph elements written per second. */
  elementsPerSec?: number;
  rssMb: number;
  heapMb: number;
}

export interface GrowthRow extends Omit<ServeReport, 'url'> {
  store: string;
  /** Neo4j only: whether its JVM ran a full collection between the load and the measurements. */
  neo4jCollectedAfterLoad?: boolean;
  operations: { name: string; p50Ms: number; p99Ms: number; requestsPerSec: number; errors: number }[];
}

/** Child side: generate, load, report, serve until stdin closes. */
async function serve(store: 'memory' | 'neo4j', relations: number, neo4jUri?: string, heavyThread = false): Promise<void> {
  let t = performance.now();
  const { bundle, fixtures } = syntheticBundle(relations);
  const generateMs = performance.now() - t;
  const elements = bundle.entities.length + bundle.relations.length + bundle.passages.length + bundle.mentions.length + bundle.citations.length;
  t = performance.now();
  let graph: GraphStore;
  let elementsPerSec: number | undefined;
  if (store === 'memory') {
    graph = new MemoryGraphStore(bundle);
  } else {
    const neo = Neo4jGraphStore.open({ uri: neo4jUri!, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', database: process.env.NEO4J_DATABASE ?? 'neo4j', queryTimeoutMs: 30_000 });
    const report = await loadBundle(neo.driver, bundle, { reseed: true, batchSize: 10_000 });
    await neo.prepare();
    elementsPerSec = Math.round(report.elements / (report.writeMs / 1000));
    graph = neo;
  }
  const loadMs = performance.now() - t;
  // What the serving process holds, after a full GC.
  global.gc?.();
  const mem = process.memoryUsage();
  // At these sizes the explorer's two-hop neighbourhood (2,000 entities and every relation among
  // them, up to 2,000 times the largest degree) costs more than the default limit: the large-graph
  // setting of QUERY_COST_LIMIT, as the README advises.
  const app = createApp(graph, createLogger('error'), {
    queryTimeoutMs: 30_000,
    costBounds: costBoundsFromBundles([bundle]),
    operationLimits: { maxCost: LARGE_GRAPH_COST_LIMIT },
    // As npm start serves: heavy operations on a thread of their own, holding the same graph.
    ...(heavyThread && store === 'memory' ? { heavyThread: { kind: 'memory' as const, bundle } } : {}),
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  // Ready once the heavy thread has its store: an operation over the heavy threshold waits for it.
  if (heavyThread) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ entities(limit: 10000) { id } }' }) }).then((r) => r.text());
  const report: ServeReport = { url, fixtures, relations, elements, generateMs: Math.round(generateMs), loadMs: Math.round(loadMs), elementsPerSec, rssMb: Math.round(mem.rss / 2 ** 20), heapMb: Math.round(mem.heapUsed / 2 ** 20) };
  console.log(`READY ${JSON.stringify(report)}`);
  process.stdin.resume();
  process.stdin.once('end', () => void app.close().then(() => process.exit(0)));
}

/**
 * The Node settings the README gives for serving large graphs, used at every size: room for a
 * heap of several GB, and a young generation large enough that its collections (each of which
 * costs ~10 ms with a 3 GB heap, however little it frees) come seldom. Its minimum is set too: a
 * memory-reducing full collection otherwise shrinks it back to a few MB, and until it regrows a
 * 10 ms pause comes every few dozen requests (at 1M relations, passage p99 12-14 ms with a 32 MB
 * young generation against 2 ms at 512 MB).
 */
export const LARGE_GRAPH_NODE_FLAGS = ['--max-old-space-size=16000', '--max-semi-space-size=512', '--min-semi-space-size=512'];

/** A growth server (a process of its own) holding a synthetic graph of `relations` relations. */
export async function startGrowthServer(store: 'memory' | 'neo4j', relations: number, neo4j?: { uri: string; user: string; password: string }, options: { heavyThread?: boolean } = {}): Promise<ServeReport & { stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--expose-gc', ...LARGE_GRAPH_NODE_FLAGS, '--import', 'tsx', import.meta.filename, '--serve', store, '--relations', String(relations), ...(neo4j ? ['--uri', neo4j.uri] : []), ...(options.heavyThread ? ['--heavy-thread'] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...(neo4j ? { NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password } : {}) },
  });
  const ready = await new Promise<ServeReport>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`growth server for ${store} ${relations} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as ServeReport);
    });
  });
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await exited;
    },
  };
}

/**
 * A full collection in the embedded Neo4j's JVM (`jcmd <pid> GC.run`), after a bulk load. The
 * load leaves G1's old generation full of dead objects that no marking cycle has found yet, and
 * while they stay, young collections under traffic keep copying what they point to: at 1M
 * relations and 4 connections, young pauses of 60-340 ms throughout a quarter of an hour of
 * intermittent traffic, against 4-9 ms after one full collection; entity search p99 97-161 ms
 * against 30-36. A database loaded once and served for days goes through marking cycles long
 * before; the bench measures that steady state rather than the first minutes after a load.
 * False when Neo4j is not ours.
 */
export function collectNeo4jHeap(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore', timeout: 120_000 });
  return true;
}

/** Parent side: one server per size and store, the bounded operations measured against it. */
export async function measure(store: 'memory' | 'neo4j', relations: number, duration: number, neo4j?: { uri: string; user: string; password: string; jvmPid?: number }, settle = 0, runs = 1): Promise<GrowthRow> {
  const { stop, ...ready } = await startGrowthServer(store, relations, neo4j);
  const operations: GrowthRow['operations'] = [];
  let collected: boolean | undefined;
  try {
    if (store === 'neo4j') collected = collectNeo4jHeap(neo4j?.jvmPid);
    const bodies = GROWTH_OPERATIONS.map((op) => JSON.stringify({ query: op.query(ready.fixtures) }));
    const run = (body: string, d: number) => autocannon({ url: ready.url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 4, duration: d });
    for (const [i, op] of GROWTH_OPERATIONS.entries()) {
      const check = (await (await fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i] })).json()) as { errors?: unknown };
      if (check.errors) throw new Error(`${store} ${relations} ${op.name}: ${JSON.stringify(check.errors).slice(0, 300)}`);
    }
    // Every operation first, so that no size is measured on a cold JIT (Neo4j's JVM takes about
    // a minute of traffic to compile its hot paths) or straight after its load.
    if (settle) for (const body of bodies) await run(body, settle);
    for (const [i, op] of GROWTH_OPERATIONS.entries()) {
      const body = bodies[i]!;
      await run(body, 1);
      // The median of `runs` runs: a p99 of a few hundred requests moves with one pause of the
      // machine, and the medians are what the ratios compare.
      const results: autocannon.Result[] = [];
      for (let k = 0; k < runs; k++) results.push(await run(body, duration));
      const median = (pick: (r: autocannon.Result) => number) => {
        const sorted = results.map(pick).sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)]!;
      };
      operations.push({
        name: op.name,
        p50Ms: median((r) => r.latency.p50),
        p99Ms: median((r) => r.latency.p99),
        requestsPerSec: Math.round(median((r) => r.requests.average)),
        errors: results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
      });
    }
  } finally {
    await stop();
  }
  const { url: _url, ...rest } = ready;
  return { store, ...rest, ...(collected === undefined ? {} : { neo4jCollectedAfterLoad: collected }), operations };
}

/** The curves as an SVG: p99 per operation against size, one panel per store. */
export async function growthSvg(rows: GrowthRow[]): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const values = rows.flatMap((r) => r.operations.map((o) => ({ store: r.store, relations: r.relations, operation: o.name, p99: Math.max(o.p99Ms, 0.5), p50: Math.max(o.p50Ms, 0.5) })));
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'p99 latency of bounded operations as the graph grows (4 connections)',
    data: { values },
    facet: { column: { field: 'store', type: 'nominal', title: null } },
    spec: {
      width: 320,
      height: 240,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'relations', type: 'quantitative', scale: { type: 'log' }, title: 'relations' },
        y: { field: 'p99', type: 'quantitative', scale: { type: 'log' }, title: 'p99 latency (ms)' },
        color: { field: 'operation', type: 'nominal' },
      },
    },
  } as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  return view.toSVG();
}

/** What growth.md says about Neo4j's heap between each load and its measurements. */
export function neo4jConditions(rows: GrowthRow[]): string {
  const neo = rows.filter((r) => r.store === 'neo4j');
  if (!neo.length) return '';
  if (neo.every((r) => r.neo4jCollectedAfterLoad)) return "After each Neo4j load, Neo4j's JVM ran one full collection (`jcmd <pid> GC.run`) before any request: the steady state of a loaded database, not its first minutes (see collectNeo4jHeap in growth.bench.ts).";
  return "Neo4j was not the bench's own, so its JVM was not collected after each load: its p99s include the first minutes after a bulk load.";
}

export function growthMarkdown(rows: GrowthRow[], duration: number, conditions = '', settle = 0, runs = 1): string {
  const sizes = [...new Set(rows.map((r) => r.relations))].sort((a, b) => a - b);
  const lines = [
    '# Growth with size',
    '',
    `Synthetic bundles shaped like the report (tests/bench/graph-synth.ts). Each size and store in a server process of its own; latencies from autocannon, 4 connections, ${settle ? `every operation first run ${settle} s unmeasured, then each ` : ''}${runs > 1 ? `${runs} times for ${duration} s after a 1 s warm-up (the median of the runs is shown)` : `${duration} s after a 1 s warm-up`}. Servers run with \`${LARGE_GRAPH_NODE_FLAGS.join(' ')}\` (README, *Large graphs*). Plot: growth.svg.${conditions ? ` ${conditions}` : ''}`,
    '',
    '| store | relations | graph elements | generate ms | load ms | Neo4j elements/s | RSS MB | heap MB |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.store} | ${r.relations} | ${r.elements} | ${r.generateMs} | ${r.loadMs} | ${r.elementsPerSec ?? ''} | ${r.rssMb} | ${r.heapMb} |`),
    '',
    '| store | operation | ' + sizes.map((s) => `p50 / p99 ms at ${s}`).join(' | ') + ' | p99 largest / smallest |',
    '|---|---|' + sizes.map(() => '---|').join('') + '---|',
  ];
  for (const store of [...new Set(rows.map((r) => r.store))]) {
    const mine = rows.filter((r) => r.store === store).sort((a, b) => a.relations - b.relations);
    for (const op of GROWTH_OPERATIONS) {
      const cells = sizes.map((s) => {
        const o = mine.find((r) => r.relations === s)?.operations.find((x) => x.name === op.name);
        return o ? (o.errors ? `${o.errors} errors` : !o.requestsPerSec ? `no answer within ${duration} s` : `${o.p50Ms} / ${o.p99Ms}`) : '';
      });
      const first = mine[0]?.operations.find((x) => x.name === op.name);
      const last = mine[mine.length - 1]?.operations.find((x) => x.name === op.name);
      const ratio = first && last ? (last.errors || !last.requestsPerSec ? 'failed' : Math.round((Math.max(last.p99Ms, 1) / Math.max(first.p99Ms, 1)) * 100) / 100) : '';
      lines.push(`| ${store} | ${op.name} | ${cells.join(' | ')} | ${ratio} |`);
    }
  }
  lines.push('', 'p99 ratios use at least 1 ms on each side (autocannon reports whole milliseconds).', '');
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      relations: { type: 'string' },
      uri: { type: 'string' },
      'heavy-thread': { type: 'boolean', default: false },
      sizes: { type: 'string', default: '10000,100000,1000000' },
      stores: { type: 'string', default: 'memory,neo4j' },
      duration: { type: 'string', default: '5' },
      /** Seconds each operation runs, unmeasured, before any is measured at a size. */
      settle: { type: 'string', default: '5' },
      /** Measured runs of each operation at each size; the median is reported. */
      runs: { type: 'string', default: '3' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  if (values.serve) {
    await serve(values.serve as 'memory' | 'neo4j', Number(values.relations), values.uri, values['heavy-thread']);
  } else {
    const sizes = values.sizes!.split(',').map(Number);
    const stores = values.stores!.split(',');
    const duration = Number(values.duration);
    const settle = Number(values.settle);
    const runs = Number(values.runs);
    const rows: GrowthRow[] = [];
    const print = (r: GrowthRow) => {
      console.log(`${r.store} ${r.relations} relations: ${r.elements} elements, load ${r.loadMs} ms${r.elementsPerSec ? ` (${r.elementsPerSec} elements/s)` : ''}, RSS ${r.rssMb} MB`);
      for (const o of r.operations) console.log(`  ${o.name.padEnd(40)} p50 ${o.p50Ms} ms  p99 ${o.p99Ms} ms  ${o.requestsPerSec} req/s${o.errors ? `  ${o.errors} ERRORS` : ''}`);
    };
    if (stores.includes('memory')) for (const n of sizes) print(rows[rows.push(await measure('memory', n, duration, undefined, settle, runs)) - 1]!);
    if (stores.includes('neo4j')) {
      const neo = await testNeo4j({ heap: '4g', pageCacheMb: 2048 });
      try {
        const address = { uri: neo.uri, user: neo.user, password: neo.password, jvmPid: neo.embedded?.process.pid };
        for (const n of sizes) print(rows[rows.push(await measure('neo4j', n, duration, address, settle, runs)) - 1]!);
      } finally {
        await neo.stop();
      }
    }
    mkdirSync(values.out!, { recursive: true });
    writeFileSync(join(values.out!, 'growth.json'), JSON.stringify({ date: new Date().toISOString(), duration, settle, runs, rows }, null, 2) + '\n');
    writeFileSync(join(values.out!, 'growth.md'), growthMarkdown(rows, duration, neo4jConditions(rows), settle, runs));
    writeFileSync(join(values.out!, 'growth.svg'), await growthSvg(rows));
    console.log(`\nwritten to ${join(values.out!, 'growth.json')}, growth.md and growth.svg`);
  }
}
