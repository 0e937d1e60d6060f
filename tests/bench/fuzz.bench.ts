/**
 * Fuzzes the GraphQL API over HTTP (the app as npm start builds it): generated and mutated
 * operations from the schema, four at a time, against the in-memory store and then against
 * Neo4j (5.26 embedded, loaded with the report), where the same questions become Cypher and
 * concurrent operations share queries. Prints and writes bench/results/fuzz.json and fuzz.md:
 * per store, answers by status and error code, every problem with its replayable case number,
 * resident memory before and after, and whether the graph is unchanged.
 *   npm run bench:fuzz [-- --cases 10000 --seed 1 --stores memory,neo4j --out bench/results]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { costBoundsFromBundles } from '../../server/src/schema/cost-bounds';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { schemaSdl } from '../../server/src/schema';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { memoryFingerprint, neo4jFingerprint } from '../helpers/graph-fingerprint';
import { testNeo4j, type Neo4jAddress } from '../helpers/neo4j';
import { reportBundle } from '../helpers/report';
import { classify, fuzzCase, fuzzSchema, type Case } from './fuzz';

export interface FuzzReport {
  store: 'memory' | 'neo4j';
  cases: number;
  seed: number;
  ms: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  problems: { case: number; problem: string; request: string }[];
  rssMb: { before: number; after: number; peak: number };
  serverErrorsLogged: number;
  graphUnchanged: boolean;
  /** The five slowest answers, in ms. */
  slowest: { case: number; ms: number }[];
}

/** Twice the default time budget of an operation: an answer later than this was not stopped. */
const STALL_MS = 20_000;

/**
 * A fuzz run against the memory store or, given a Neo4j, against that Neo4j loaded with the
 * report. The graph is compared before and after by a hash of every node, relationship and
 * property the store holds (tests/helpers/graph-fingerprint.ts).
 */
export async function runFuzz(cases: number, seed: number, opts: { concurrency?: number; neo4j?: Neo4jAddress } = {}): Promise<FuzzReport> {
  const logs: string[] = [];
  let store: GraphStore;
  let census: () => Promise<string>;
  if (opts.neo4j) {
    const neo = Neo4jGraphStore.open({ ...opts.neo4j, database: 'neo4j', queryTimeoutMs: 10_000 });
    await loadBundle(neo.driver, reportBundle());
    store = neo;
    census = async () => (await neo4jFingerprint(neo.driver)).hash;
  } else {
    const memory = new MemoryGraphStore(reportBundle());
    store = memory;
    census = async () => memoryFingerprint(memory).hash;
  }
  const app = createApp(store, createLogger('error', (l) => logs.push(l)), { costBounds: costBoundsFromBundles([reportBundle()]) });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const schema = fuzzSchema(schemaSdl());
  const statsBefore = await census();
  const report: FuzzReport = {
    store: opts.neo4j ? 'neo4j' : 'memory',
    cases,
    seed,
    ms: 0,
    byStatus: {},
    byCode: {},
    problems: [],
    rssMb: { before: 0, after: 0, peak: 0 },
    serverErrorsLogged: 0,
    graphUnchanged: false,
    slowest: [],
  };
  const rss = () => Math.round(process.memoryUsage().rss / 1048576);
  report.rssMb.before = rss();
  const started = performance.now();
  let next = 0;
  const send = async (c: Case) => {
    if (c.kind === 'get') {
      const search = c.target ?? `query=${encodeURIComponent(c.query)}${c.params ? `&${c.params}` : ''}`;
      const res = await fetch(`${url}?${search}`, { headers: { accept: 'application/json', ...(c.preflight ? { 'graphql-preflight': '1' } : {}) } });
      return { status: res.status, text: await res.text(), body: `GET ${c.preflight ? '(preflight) ' : ''}?${search}` };
    }
    const body = c.kind === 'json' ? JSON.stringify(c.body) : c.body;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': c.kind === 'json' ? 'application/json' : c.contentType, accept: 'application/json' }, body });
    return { status: res.status, text: await res.text(), body };
  };
  const worker = async () => {
    while (next < cases) {
      const i = next++;
      const c = fuzzCase(schema, seed, i);
      let outcome;
      let request = '';
      const sent = performance.now();
      try {
        const r = await send(c);
        request = r.body;
        outcome = classify(r.status, r.text, c);
        const ms = Math.round(performance.now() - sent);
        report.slowest.push({ case: i, ms });
        report.slowest.sort((a, b) => b.ms - a.ms).splice(5);
        // Far past the time budget, the server did not stop the work: a stall.
        if (ms > STALL_MS && !outcome.problem) outcome = { ...outcome, problem: `answered after ${ms} ms, past twice the time budget` };
        // A store that times out or goes away on a bounded operation is a finding, not an answer;
        // an expensive shape stopped at the time budget is the guard doing its work.
        const unavailable = outcome.codes.find((code) => (code === 'TIMEOUT' && !c.heavy) || code === 'SERVICE_UNAVAILABLE');
        if (unavailable && !outcome.problem) outcome = { ...outcome, problem: `${unavailable}: the store did not answer` };
      } catch (e) {
        outcome = { status: 0, codes: [], problem: `request failed: ${(e as Error).message}` };
      }
      report.byStatus[outcome.status] = (report.byStatus[outcome.status] ?? 0) + 1;
      for (const code of outcome.codes) report.byCode[code] = (report.byCode[code] ?? 0) + 1;
      if (!outcome.codes.length) report.byCode.OK = (report.byCode.OK ?? 0) + 1;
      if (outcome.problem && report.problems.length < 50) report.problems.push({ case: i, problem: outcome.problem, request: request.slice(0, 500) });
      if (i % 500 === 0) report.rssMb.peak = Math.max(report.rssMb.peak, rss());
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  report.ms = Math.round(performance.now() - started);
  global.gc?.();
  report.rssMb.after = rss();
  report.rssMb.peak = Math.max(report.rssMb.peak, report.rssMb.after);
  report.serverErrorsLogged = logs.filter((l) => l.includes('"level":"error"')).length;
  report.graphUnchanged = (await census()) === statsBefore;
  await app.close();
  return report;
}

export function fuzzMarkdown(reports: FuzzReport[]): string {
  return ['# GraphQL fuzzer', '', ...reports.flatMap(storeMarkdown)].join('\n');
}

function storeMarkdown(r: FuzzReport): string[] {
  return [
    `## ${r.store === 'neo4j' ? 'Neo4j' : 'In-memory store'}`,
    '',
    `${r.cases} operations (seed ${r.seed}) in ${(r.ms / 1000).toFixed(1)} s against the ${r.store === 'neo4j' ? 'Neo4j store (Neo4j 5.26 embedded)' : 'in-memory store'} over HTTP.`,
    '',
    `- answers by HTTP status: ${Object.entries(r.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `- errors by code: ${Object.entries(r.byCode).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `- problems (5xx, error without an actionable code, internal detail): ${r.problems.length}`,
    `- unexpected errors logged by the server: ${r.serverErrorsLogged}`,
    `- graph unchanged afterwards: ${r.graphUnchanged ? 'yes' : 'NO'}`,
    `- resident memory: ${r.rssMb.before} MB before, ${r.rssMb.peak} MB peak, ${r.rssMb.after} MB after`,
    `- slowest answers: ${r.slowest.map((x) => `case ${x.case} ${x.ms} ms`).join(', ')}`,
    ...r.problems.slice(0, 10).map((p) => `  - case ${p.case}: ${p.problem}`),
    '',
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      stores: { type: 'string', default: 'memory,neo4j' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const stores = values.stores!.split(',');
  const unknown = stores.filter((s) => s !== 'memory' && s !== 'neo4j');
  if (unknown.length) throw new Error(`--stores takes memory and/or neo4j, not ${unknown.join(', ')}`);
  const reports: FuzzReport[] = [];
  if (stores.includes('memory')) reports.push(await runFuzz(Number(values.cases), Number(values.seed)));
  if (stores.includes('neo4j')) {
    const neo = await testNeo4j();
    try {
      reports.push(await runFuzz(Number(values.cases), Number(values.seed), { neo4j: neo }));
    } finally {
      await neo.stop();
    }
  }
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'fuzz.json'), JSON.stringify({ date: new Date().toISOString(), runs: reports }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'fuzz.md'), fuzzMarkdown(reports));
  console.log(fuzzMarkdown(reports));
  process.exitCode = reports.some((r) => r.problems.length || !r.graphUnchanged) ? 1 : 0;
}
