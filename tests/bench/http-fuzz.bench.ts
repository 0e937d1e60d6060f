/**
 * Fuzzes the server at the HTTP level (see http-fuzz.ts), against the server as npm start runs
 * it, in a process of its own with a 1 s request timeout: generated raw requests, eight
 * connections at a time, /healthz asked after every batch, then a flood of connections that
 * never finish their headers or their body. Prints and writes bench/results/http-fuzz.json and .md.
 *   npm run bench:http-fuzz [-- --cases 5000 --seed 1 --slow 500 --out bench/results]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { residentMb, startServer, type RunningApp } from '../helpers/serve';
import { rawCase, sendRaw } from './http-fuzz';

export interface HttpFuzzReport {
  cases: number;
  seed: number;
  ms: number;
  byStatus: Record<string, number>;
  problems: { case: number; label: string; problem: string }[];
  /** Every /healthz asked between batches answered 200. */
  healthAlways: boolean;
  /** The server process was still running at the end. */
  alive: boolean;
  slow: { connections: number; closedByServer: number; closedWithinMs: number; healthDuringMs: number };
  rssMb: { before: number; peak: number; after: number };
}

/** The server's request timeout in this run. */
const REQUEST_TIMEOUT_MS = 1000;

async function health(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200;
  } catch {
    return false;
  }
}

/** Opens `n` connections that never finish (half of them stop in the headers, half in the body), and waits for the server to close them. */
async function slowFlood(port: number, n: number, url: string): Promise<HttpFuzzReport['slow']> {
  const started = performance.now();
  let closed = 0;
  let lastClose = 0;
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from({ length: n }, (_, i) => new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write(i % 2 ? 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' : 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"query":');
        resolve();
      });
      s.on('error', () => resolve());
      // Read what the server sends (its 408), or its closing would never be seen.
      s.on('data', () => {});
      s.on('close', () => {
        closed++;
        lastClose = performance.now() - started;
      });
      sockets.push(s);
    })),
  );
  const t = performance.now();
  const ok = await health(url);
  const healthDuringMs = ok ? Math.round(performance.now() - t) : -1;
  const until = performance.now() + REQUEST_TIMEOUT_MS * 6;
  while (closed < n && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const s of sockets) s.destroy();
  return { connections: n, closedByServer: closed, closedWithinMs: Math.round(lastClose), healthDuringMs };
}

export async function runHttpFuzz(cases: number, seed: number, slow: number, opts: { concurrency?: number } = {}): Promise<HttpFuzzReport> {
  const app: RunningApp = await startServer({ REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), LOG_LEVEL: 'error' }, 'http-fuzz');
  const port = Number(new URL(app.url).port);
  let exited = false;
  void app.exited.then(() => (exited = true));
  const report: HttpFuzzReport = { cases, seed, ms: 0, byStatus: {}, problems: [], healthAlways: true, alive: true, slow: { connections: 0, closedByServer: 0, closedWithinMs: 0, healthDuringMs: 0 }, rssMb: { before: residentMb(app.pid), peak: 0, after: 0 } };
  const started = performance.now();
  try {
    const concurrency = opts.concurrency ?? 8;
    for (let batch = 0; batch < cases; batch += concurrency) {
      const ids = Array.from({ length: Math.min(concurrency, cases - batch) }, (_, k) => batch + k);
      const outcomes = await Promise.all(ids.map((i) => sendRaw(port, rawCase(seed, i), REQUEST_TIMEOUT_MS * 4)));
      outcomes.forEach((o, k) => {
        report.byStatus[o.status] = (report.byStatus[o.status] ?? 0) + 1;
        if (o.problem && report.problems.length < 50) report.problems.push({ case: ids[k]!, label: rawCase(seed, ids[k]!).label, problem: o.problem });
      });
      if (!(await health(app.url))) {
        report.healthAlways = false;
        report.problems.push({ case: batch, label: 'health', problem: `/healthz did not answer after cases ${batch}-${batch + ids.length - 1}` });
        break;
      }
      report.rssMb.peak = Math.max(report.rssMb.peak, residentMb(app.pid));
    }
    if (slow > 0) report.slow = await slowFlood(port, slow, app.url);
    report.alive = (await health(app.url)) && !exited;
    report.rssMb.after = residentMb(app.pid);
  } finally {
    report.ms = Math.round(performance.now() - started);
    await app.stop();
  }
  if (report.slow.connections && report.slow.closedByServer < report.slow.connections) {
    report.problems.push({ case: -1, label: 'slow clients', problem: `${report.slow.connections - report.slow.closedByServer} of ${report.slow.connections} unfinished connections still open ${REQUEST_TIMEOUT_MS * 6} ms later` });
  }
  if (report.slow.healthDuringMs < 0) report.problems.push({ case: -1, label: 'slow clients', problem: '/healthz did not answer while unfinished connections were open' });
  if (!report.alive) report.problems.push({ case: -1, label: 'process', problem: 'the server process died' });
  return report;
}

export function httpFuzzMarkdown(r: HttpFuzzReport): string {
  return [
    '# HTTP fuzzer',
    '',
    `${r.cases} raw requests (seed ${r.seed}) in ${(r.ms / 1000).toFixed(1)} s against the server as npm start runs it (memory store), eight connections at a time, with a request timeout of ${REQUEST_TIMEOUT_MS} ms.`,
    '',
    `- answers by HTTP status (0: closed without an answer): ${Object.entries(r.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    `- problems (5xx, not HTTP, a connection held past the timeout, /healthz silent, process gone): ${r.problems.length}`,
    `- /healthz answered after every batch: ${r.healthAlways ? 'yes' : 'NO'}; process alive at the end: ${r.alive ? 'yes' : 'NO'}`,
    `- ${r.slow.connections} connections that never finish their headers or body: ${r.slow.closedByServer} closed by the server, the last after ${r.slow.closedWithinMs} ms; /healthz meanwhile answered in ${r.slow.healthDuringMs} ms`,
    `- server resident memory: ${r.rssMb.before} MB before, ${r.rssMb.peak} MB peak, ${r.rssMb.after} MB after`,
    ...r.problems.slice(0, 10).map((p) => `  - case ${p.case} (${p.label}): ${p.problem}`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      slow: { type: 'string', default: '500' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const report = await runHttpFuzz(Number(values.cases), Number(values.seed), Number(values.slow));
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'http-fuzz.json'), JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'http-fuzz.md'), httpFuzzMarkdown(report));
  console.log(httpFuzzMarkdown(report));
  process.exitCode = report.problems.length ? 1 : 0;
}
