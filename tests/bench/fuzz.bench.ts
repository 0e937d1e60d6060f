/**
 * Fuzzes the GraphQL API over HTTP (in-memory store, the app as npm start builds it): generated
 * and mutated operations from the schema, four at a time. Prints and writes
 * bench/results/fuzz.json and fuzz.md: answers by status and error code, every problem with its
 * replayable case number, resident memory before and after.
 *   npm run bench:fuzz [-- --cases 10000 --seed 1 --out bench/results]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { schemaSdl } from '../../server/src/schema';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';
import { classify, fuzzCase, fuzzSchema, type Case } from './fuzz';

export interface FuzzReport {
  cases: number;
  seed: number;
  ms: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  problems: { case: number; problem: string; request: string }[];
  rssMb: { before: number; after: number; peak: number };
  serverErrorsLogged: number;
  graphUnchanged: boolean;
}

export async function runFuzz(cases: number, seed: number, concurrency = 4): Promise<FuzzReport> {
  const logs: string[] = [];
  const store = new MemoryGraphStore(reportBundle());
  const app = createApp(store, createLogger('error', (l) => logs.push(l)));
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const schema = fuzzSchema(schemaSdl());
  const statsBefore = JSON.stringify(await store.stats());
  const report: FuzzReport = { cases, seed, ms: 0, byStatus: {}, byCode: {}, problems: [], rssMb: { before: 0, after: 0, peak: 0 }, serverErrorsLogged: 0, graphUnchanged: false };
  const rss = () => Math.round(process.memoryUsage().rss / 1048576);
  report.rssMb.before = rss();
  const started = performance.now();
  let next = 0;
  const send = async (c: Case) => {
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
      try {
        const r = await send(c);
        request = r.body;
        outcome = classify(r.status, r.text);
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.ms = Math.round(performance.now() - started);
  global.gc?.();
  report.rssMb.after = rss();
  report.rssMb.peak = Math.max(report.rssMb.peak, report.rssMb.after);
  report.serverErrorsLogged = logs.filter((l) => l.includes('"level":"error"')).length;
  report.graphUnchanged = JSON.stringify(await store.stats()) === statsBefore;
  await app.close();
  return report;
}

export function fuzzMarkdown(r: FuzzReport): string {
  return [
    '# GraphQL fuzzer',
    '',
    `${r.cases} operations (seed ${r.seed}) in ${(r.ms / 1000).toFixed(1)} s against the in-memory store over HTTP.`,
    '',
    `- answers by HTTP status: ${Object.entries(r.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `- errors by code: ${Object.entries(r.byCode).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `- problems (5xx, error without an actionable code, internal detail): ${r.problems.length}`,
    `- unexpected errors logged by the server: ${r.serverErrorsLogged}`,
    `- graph unchanged afterwards: ${r.graphUnchanged ? 'yes' : 'NO'}`,
    `- resident memory: ${r.rssMb.before} MB before, ${r.rssMb.peak} MB peak, ${r.rssMb.after} MB after`,
    ...r.problems.slice(0, 10).map((p) => `  - case ${p.case}: ${p.problem}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') } } });
  const report = await runFuzz(Number(values.cases), Number(values.seed));
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'fuzz.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(values.out!, 'fuzz.md'), fuzzMarkdown(report));
  console.log(fuzzMarkdown(report));
  process.exitCode = report.problems.length || !report.graphUnchanged ? 1 : 0;
}
