/**
 * Stress runs for bad days, each against the server in a process of its own:
 *   outage:  Neo4j stopped in the middle of a load run and started again. Every answer is
 *            classified by time; errors must be coded (SERVICE_UNAVAILABLE, TIMEOUT) and fall
 *            inside the outage, and the time from Neo4j being back to the first good answer is
 *            the recovery (no server restart).
 *   sigterm: SIGTERM while requests are in flight (some being computed, some still sending their
 *            body): they complete, new connections are refused meanwhile, the process exits 0.
 *   soak:    a fixed rate of half the measured maximum for a long while: errors and the growth of
 *            resident memory after the warm-up.
 * Writes bench/results/faults.json and faults.md.
 *   npm run bench:faults [-- --parts outage,sigterm,soak --soak-seconds 600 --soak-rate 1050]
 */
import { request as httpRequest } from 'node:http';
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { freePort, ownNeo4j, type TestNeo4j } from '../helpers/neo4j';
import { reportBundle } from '../helpers/report';
import { startServer } from '../helpers/serve';
import { OPERATIONS } from './api.bench';

const ENTITY = OPERATIONS.find((o) => o.name === 'entity with relations and mentions')!.query;
const body = (query: string) => JSON.stringify({ query });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

interface Answer {
  at: number;
  status: number;
  code: string | null;
}

export interface OutageResult {
  requests: number;
  okBefore: number;
  okAfter: number;
  errorsOutsideOutage: number;
  /** Errors between the stop and the first good answer after Neo4j's return: the outage as clients saw it. */
  errorsDuringOutage: number;
  uncodedErrors: number;
  codes: Record<string, number>;
  stoppedAtMs: number;
  neo4jBackAtMs: number;
  firstGoodAfterBackMs: number;
  recoveryMs: number;
  http5xx: number;
}

/** Neo4j stopped mid-run and started again; the server is never restarted. */
export async function outage(opts: { stopAfterMs: number; downMs: number; afterMs: number; connections: number }): Promise<OutageResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));
  const port = await freePort();
  // A Neo4j of its own even under NEO4J_URI: one that cannot be stopped would make no outage.
  let neo: TestNeo4j | null = await ownNeo4j({ dataDir, port });
  const driver = neo4j.driver(neo.uri, neo4j.auth.basic(neo.user, neo.password));
  await loadBundle(driver, reportBundle()).finally(() => driver.close());
  const app = await startServer({ NEO4J_URI: neo.uri, NEO4J_USER: neo.user, NEO4J_PASSWORD: neo.password }, 'faults-outage');
  const answers: Answer[] = [];
  const t0 = performance.now();
  let stoppedAt = 0;
  let backAt = 0;
  try {
    // Without a callback autocannon answers a tracker that is both a promise and stoppable.
    const run = autocannon({
      url: `${app.url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections: opts.connections,
      // Runs until stopped below: a while after the first good answer once Neo4j is back.
      duration: Math.round((opts.stopAfterMs + opts.downMs + opts.afterMs) / 1000) + 300,
      timeout: 30,
      requests: [
        {
          body: body(ENTITY),
          onResponse: (status: number, text: string) => {
            let code: string | null = null;
            try {
              code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? (status === 200 ? null : 'UNCODED');
            } catch {
              code = 'UNPARSEABLE';
            }
            answers.push({ at: performance.now() - t0, status, code });
          },
        },
      ],
    }) as unknown as Promise<autocannon.Result> & { stop(): void };
    await sleep(opts.stopAfterMs);
    stoppedAt = performance.now() - t0;
    await neo.stop();
    neo = null;
    await sleep(opts.downMs);
    neo = await ownNeo4j({ dataDir, port });
    backAt = performance.now() - t0;
    // Keep the load on until a good answer has come after Neo4j's return, then for afterMs more
    // (at most five minutes in all, on a slow machine).
    const until = performance.now() + 300_000;
    while (!answers.some((a) => a.at > backAt && a.status === 200 && a.code === null) && performance.now() < until) await sleep(100);
    await sleep(opts.afterMs);
    run.stop();
    await run;
  } finally {
    await app.stop();
    await neo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const good = (a: Answer) => a.status === 200 && a.code === null;
  const firstGood = answers.find((a) => a.at > backAt && good(a));
  const lastBad = [...answers].reverse().find((a) => !good(a));
  const codes: Record<string, number> = {};
  for (const a of answers) if (!good(a)) codes[a.code ?? 'NONE'] = (codes[a.code ?? 'NONE'] ?? 0) + 1;
  return {
    requests: answers.length,
    okBefore: answers.filter((a) => a.at < stoppedAt && good(a)).length,
    okAfter: answers.filter((a) => a.at > backAt && good(a)).length,
    // An error counts as outside the outage when it came before the stop or after the first good answer once Neo4j was back.
    errorsOutsideOutage: answers.filter((a) => !good(a) && (a.at < stoppedAt || (firstGood && a.at > firstGood.at))).length,
    errorsDuringOutage: answers.filter((a) => !good(a) && a.at >= stoppedAt && (!firstGood || a.at <= firstGood.at)).length,
    uncodedErrors: answers.filter((a) => !good(a) && (!a.code || a.code === 'UNCODED' || a.code === 'UNPARSEABLE' || a.code === 'INTERNAL_SERVER_ERROR')).length,
    codes,
    stoppedAtMs: Math.round(stoppedAt),
    neo4jBackAtMs: Math.round(backAt),
    firstGoodAfterBackMs: firstGood ? Math.round(firstGood.at) : -1,
    recoveryMs: firstGood ? Math.round(Math.max(firstGood.at, lastBad?.at ?? 0) - backAt) : -1,
    http5xx: answers.filter((a) => a.status >= 500).length,
  };
}

/** Outcomes in order: answered*, at most one ECONNRESET, then ECONNREFUSED (at least once) to the end. */
export function refusedCleanly(sequence: string[]): boolean {
  return /^(A*)R?F+$/.test(sequence.map((o) => (o === 'answered' ? 'A' : o === 'ECONNRESET' ? 'R' : o === 'ECONNREFUSED' ? 'F' : 'X')).join(''));
}

export interface SigtermResult {
  inFlight: number;
  inFlightCompleted: number;
  inFlightFailed: string[];
  /** New requests sent after the signal, by outcome (answered, ECONNREFUSED, anything else). */
  newRequests: Record<string, number>;
  /**
   * Answered, then refused, in that order, with nothing else, except at most one reset at the
   * turn: a connection whose handshake the kernel completes in the instant between the server's
   * last accept and the listener's close is reset by the kernel (its request never reached the
   * server, so a client may resend it).
   */
  newRequestsRefusedCleanly: boolean;
  /** Connections reset at the turn from answered to refused (0 or 1 when refused cleanly). */
  resetAtTurn: number;
  exitCode: number | null;
  exitMs: number;
}

/** A POST whose body is sent in two parts: the first now, the rest when `finish` is called. */
/**
 * A POST on its own connection. `sent` settles once the bytes given so far are in the kernel's
 * hands (so the server will read them whatever the client process does next); all of the body
 * at once, or half of it, the rest at `finish()`.
 */
function post(url: string, payload: string, half: boolean): { sent: Promise<void>; finish: () => void; done: Promise<{ ok: boolean; error: string }> } {
  const bytes = Buffer.from(payload);
  const cut = half ? bytes.length >> 1 : bytes.length;
  const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': bytes.length, connection: 'close' } });
  const done = new Promise<{ ok: boolean; error: string }>((resolve) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let errors: unknown;
        try {
          errors = (JSON.parse(text) as { errors?: unknown }).errors;
        } catch {
          errors = 'unparseable answer';
        }
        resolve({ ok: res.statusCode === 200 && !errors, error: res.statusCode === 200 ? (errors ? JSON.stringify(errors).slice(0, 200) : '') : `HTTP ${res.statusCode}` });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, error: e.code ?? e.message }));
  });
  const sent = new Promise<void>((resolve) => {
    // Written (or failed: `done` then says how), either way nothing more to wait for.
    req.once('error', () => resolve());
    if (half) req.write(bytes.subarray(0, cut), () => resolve());
    else req.end(bytes, () => resolve());
  });
  return { sent, finish: () => (half ? req.end(bytes.subarray(cut)) : undefined), done };
}

/**
 * SIGTERM with requests in flight, of two kinds: operations being computed (sent whole just
 * before the signal) and uploads still being sent (half the body before the signal, the rest
 * once the listener is seen closed, so the server is still answering when new connections are
 * refused, however fast the machine).
 */
export async function sigterm(opts: { inFlight: number }): Promise<SigtermResult> {
  const app = await startServer({}, 'faults-sigterm');
  // Heavier requests, so that many are still being answered when the signal arrives.
  const heavy = body('{ neighborhood(ids: ["ministry:molvt", "ministry:moi", "study:tong-2012"], depth: 3, limit: 2000) { truncated nodes { id name type aliases } relations { id type source { id name } target { id name } evidence { quote passage { id } } } } }');
  const uploads = Array.from({ length: Math.ceil(opts.inFlight / 2) }, () => post(`${app.url}/graphql`, heavy, true));
  const computing = Array.from({ length: opts.inFlight - uploads.length }, () => post(`${app.url}/graphql`, heavy, false));
  // In flight means sent: the signal comes once every request's bytes so far are with the
  // kernel, so a client process slow to write its request (a busy machine) does not turn into
  // a request that never reached the server.
  await Promise.all([...uploads, ...computing].map((r) => r.sent));
  const t = performance.now();
  process.kill(app.pid, 'SIGTERM');
  // New requests, one every 20 ms until the process is gone: each must be answered (it came
  // before the server took the signal) or refused; nothing in between. The uploads are finished
  // at the first refusal, or after 10 s without one (and the run then fails).
  const outcomes: Record<string, number> = {};
  const sequence: string[] = [];
  let gone = false;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const u of uploads) u.finish();
  };
  const fallback = setTimeout(release, 10_000);
  void app.exited.then(() => (gone = true));
  while (!gone) {
    let outcome: string;
    try {
      const r = await fetch(`${app.url}/healthz`, { headers: { connection: 'close' } });
      outcome = r.status === 200 ? 'answered' : `HTTP ${r.status}`;
    } catch (e) {
      outcome = String(((e as Error).cause as { code?: string } | undefined)?.code ?? (e as Error).message);
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    sequence.push(outcome);
    if (outcome === 'ECONNREFUSED') release();
    await sleep(20);
  }
  clearTimeout(fallback);
  release();
  const results = await Promise.all([...computing, ...uploads].map((r) => r.done));
  const exit = await app.exited;
  return {
    inFlight: opts.inFlight,
    inFlightCompleted: results.filter((r) => r.ok).length,
    inFlightFailed: results.filter((r) => !r.ok).map((r) => r.error),
    newRequests: outcomes,
    newRequestsRefusedCleanly: refusedCleanly(sequence),
    resetAtTurn: sequence.filter((o) => o === 'ECONNRESET').length,
    exitCode: exit.code,
    exitMs: Math.round(performance.now() - t),
  };
}

export interface SoakResult {
  seconds: number;
  ratePerSec: number;
  requests: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  rssAfterWarmupMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  rssGrowthPct: number;
  samples: { atS: number; rssMb: number }[];
}

/** A fixed request rate for a long while, resident memory sampled from /proc. */
export async function soak(opts: { seconds: number; rate: number; warmupSeconds: number }): Promise<SoakResult> {
  const app = await startServer({}, 'faults-soak');
  const samples: { atS: number; rssMb: number }[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => samples.push({ atS: Math.round((performance.now() - t0) / 1000), rssMb: rssMb(app.pid) }), Math.max(500, (opts.seconds * 1000) / 60));
  try {
    const r = await autocannon({ url: `${app.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: body(ENTITY), connections: 16, overallRate: opts.rate, duration: opts.seconds });
    clearInterval(timer);
    samples.push({ atS: Math.round((performance.now() - t0) / 1000), rssMb: rssMb(app.pid) });
    const afterWarmup = samples.find((s) => s.atS >= opts.warmupSeconds) ?? samples[0]!;
    const end = samples[samples.length - 1]!;
    return {
      seconds: opts.seconds,
      ratePerSec: opts.rate,
      requests: r.requests.total,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      rssAfterWarmupMb: afterWarmup.rssMb,
      rssEndMb: end.rssMb,
      rssMaxMb: Math.max(...samples.map((s) => s.rssMb)),
      rssGrowthPct: Math.round(((end.rssMb - afterWarmup.rssMb) / afterWarmup.rssMb) * 1000) / 10,
      samples,
    };
  } finally {
    clearInterval(timer);
    await app.stop();
  }
}

export function faultsMarkdown(r: { outage?: OutageResult; sigterm?: SigtermResult; soak?: SoakResult }): string {
  const lines = ['# Faults', ''];
  if (r.outage) {
    const o = r.outage;
    lines.push(
      '## Neo4j stopped during a load run',
      '',
      `${o.requests} requests (entity with relations and mentions, autocannon). Neo4j stopped at ${(o.stoppedAtMs / 1000).toFixed(1)} s and answered again at ${(o.neo4jBackAtMs / 1000).toFixed(1)} s (its own start-up included).`,
      '',
      `- good answers before the stop: ${o.okBefore}; after Neo4j was back: ${o.okAfter}`,
      `- errors by code: ${JSON.stringify(o.codes)}; without a code: ${o.uncodedErrors}; HTTP 5xx: ${o.http5xx}`,
      `- errors outside the outage: ${o.errorsOutsideOutage}`,
      `- recovery (Neo4j back to the last error and first good answer): ${o.recoveryMs} ms, no server restart`,
      '',
    );
  }
  if (r.sigterm) {
    const s = r.sigterm;
    lines.push(
      '## SIGTERM with requests in flight',
      '',
      `- in flight at the signal: ${s.inFlight} (${Math.ceil(s.inFlight / 2)} still sending their body until new connections were refused, the rest being computed); completed with an answer: ${s.inFlightCompleted}${s.inFlightFailed.length ? `; failed: ${s.inFlightFailed.join(', ')}` : ''}`,
      `- new requests after the signal: ${JSON.stringify(s.newRequests)} (${s.newRequestsRefusedCleanly ? `answered until the server took the signal, refused after; ${s.resetAtTurn ? 'one connection made in the instant the listener closed was reset by the kernel before any request reached the server' : 'nothing reset'}` : 'NOT refused cleanly'})`,
      `- exit code ${s.exitCode}, ${s.exitMs} ms after the signal`,
      '',
    );
  }
  if (r.soak) {
    const k = r.soak;
    lines.push(
      '## Soak',
      '',
      `${k.seconds} s at ${k.ratePerSec} requests/s (entity with relations and mentions, memory store): ${k.requests} requests, ${k.errors} errors, ${k.non2xx} non-2xx, p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms.`,
      '',
      `Resident memory: ${k.rssAfterWarmupMb} MB after the warm-up, ${k.rssEndMb} MB at the end (growth ${k.rssGrowthPct}%), at most ${k.rssMaxMb} MB.`,
      '',
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      parts: { type: 'string', default: 'outage,sigterm,soak' },
      'soak-seconds': { type: 'string', default: '600' },
      'soak-rate': { type: 'string', default: '1050' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const parts = values.parts!.split(',');
  const result: { outage?: OutageResult; sigterm?: SigtermResult; soak?: SoakResult } = {};
  if (parts.includes('sigterm')) {
    result.sigterm = await sigterm({ inFlight: 40 });
    console.log('sigterm', result.sigterm);
  }
  if (parts.includes('outage')) {
    result.outage = await outage({ stopAfterMs: 8000, downMs: 5000, afterMs: 10000, connections: 8 });
    console.log('outage', result.outage);
  }
  if (parts.includes('soak')) {
    const seconds = Number(values['soak-seconds']);
    result.soak = await soak({ seconds, rate: Number(values['soak-rate']), warmupSeconds: Math.min(60, Math.round(seconds / 10)) });
    console.log('soak', { ...result.soak, samples: `${result.soak.samples.length} samples` });
  }
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'faults.json'), JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'faults.md'), faultsMarkdown(result));
  console.log(`\nwritten to ${join(values.out!, 'faults.json')} and faults.md`);
}
