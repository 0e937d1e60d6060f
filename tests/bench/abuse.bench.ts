/**
 * The noisy neighbour: ordinary operations at a steady rate, first alone, then while an attacker
 * sends the most expensive operation the server accepts, without pause, on 4 connections. The
 * server runs as npm start runs it, in a process of its own. Reported: ordinary p50/p99 alone
 * and under attack, the attacker's answers by code, /healthz latency (asked every 20 ms), the
 * server's resident memory (peak, and after the attack ends), and whether the process lived.
 * Targets: no crash, /healthz always answering (within 100 ms), ordinary p99 at most twice its
 * unloaded value, memory bounded. Writes bench/results/abuse.json and abuse.md.
 *   npm run bench:abuse [-- --duration 20 --rate 50 --out bench/results]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { residentMb, startServer, type RunningApp } from '../helpers/serve';

/** Expensive operations that pass the cost limit; the slowest one measured is the attacker's. */
export const HEAVY_CANDIDATES: { name: string; query: string }[] = [
  { name: 'whole document with text, mentions and citations', query: '{ documents { id title chapters { number title sections { title passages { id order kind label section text rawText mentions { start end text entity { id type name } } citations { id type name } } } } } }' },
  { name: 'thirty aliases of passage search, 1,000 each, with text', query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: passages(query: "migration labour", limit: 1000) { id text rawText }`).join(' ')} }` },
  { name: 'three-hop neighbourhood of 5,000 with mentions and evidence', query: '{ neighborhood(ids: ["country:cambodia"], depth: 3, limit: 5000) { nodes { id name aliases mentions(limit: 20) { text passage { id text } } } relations { id type evidence { quote passage { id } } } } }' },
  { name: 'every entity with relations and their evidence', query: '{ entities(limit: 1000) { id name relations(limit: 1000) { id type source { id name } target { id name } evidence { quote } } } }' },
  { name: 'every entity with its mentions and their passages', query: '{ entities(limit: 1000) { id name mentions(limit: 1000) { text passage { id text } } } }' },
];

/** Ordinary operations, as the explorer sends them. */
const ORDINARY = [
  '{ search(query: "labour ministry", limit: 10) { score entity { id name type } } }',
  '{ entity(id: "ministry:molvt") { id name type aliases relations(limit: 100) { id type source { id name } target { id name } } mentions(limit: 20) { start end text passage { id } } } }',
  '{ passage(id: "p:2-004") { id text mentions { start end entity { id name type } } citations { id name } } }',
];

/**
 * The attacker is a process of its own, as a client elsewhere would be: reading its
 * multi-megabyte answers in this process would stall the timing of the ordinary operations and
 * the /healthz probes, and the figures would measure this client, not the server. Large answers
 * are neither decoded nor parsed, as an attacker would not: one that big is data (error answers
 * are small). It stops when its stdin closes and prints its tally.
 */
const ATTACKER = `
const { url, query, connections } = JSON.parse(process.env.ATTACK);
let attacking = true;
const byCode = {};
let answers = 0;
process.stdin.on('end', () => (attacking = false));
process.stdin.resume();
async function one() {
  const res = await fetch(url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > 1e6) return bytes.subarray(0, 8).toString() === '{"data":' ? 'OK' : 'UNREADABLE';
  const body = JSON.parse(bytes.toString());
  return (body.errors && body.errors[0] && body.errors[0].extensions && body.errors[0].extensions.code) || 'OK';
}
async function loop() {
  while (attacking) {
    let code;
    try { code = await one(); } catch { code = 'FAILED'; }
    byCode[code] = (byCode[code] || 0) + 1;
    answers++;
  }
}
Promise.all(Array.from({ length: connections }, loop)).then(() => process.stdout.write(JSON.stringify({ answers, byCode })));
`;

function attackerProcess(url: string, query: string, connections: number): { stop: () => Promise<{ answers: number; byCode: Record<string, number> }> } {
  const child = spawn(process.execPath, ['-e', ATTACKER], { env: { ...process.env, ATTACK: JSON.stringify({ url, query, connections }) }, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ answers: number; byCode: Record<string, number> }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the attacker exited with ${code}`))));
  });
  return {
    stop: async () => {
      child.stdin.end();
      return done;
    },
  };
}

interface Latency {
  /** Every response time, for the figures pooled over the rounds. */
  samplesMs: number[];
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface AbuseReport {
  durationS: number;
  ratePerS: number;
  candidates: { name: string; cost: number | null; code: string; ms: number }[];
  attacker: { name: string; cost: number | null; answers: number; byCode: Record<string, number> };
  rounds: { alone: Omit<Latency, 'samplesMs'>; underAttack: Omit<Latency, 'samplesMs'>; ratio: number }[];
  /** Median over the rounds of p99 under attack / p99 alone. */
  medianRatio: number;
  /** p99 of every ordinary response of all rounds, alone and under attack, and their ratio. */
  pooled: { aloneP99Ms: number; underAttackP99Ms: number; aloneRequests: number; underAttackRequests: number; ratio: number };
  health: { asked: number; answered: number; maxMs: number; p99Ms: number };
  rssMb: { before: number; peak: number; after: number; settled: { s: number; mb: number }[] };
  alive: boolean;
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function ask(url: string, query: string): Promise<{ ms: number; cost: number | null; code: string }> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string; cost?: number } }[]; extensions?: { cost?: { requested: number } } };
  return { ms: performance.now() - t, cost: body.extensions?.cost?.requested ?? body.errors?.[0]?.extensions?.cost ?? null, code: body.errors?.[0]?.extensions?.code ?? 'OK' };
}

function pooledFigures(alone: number[], underAttack: number[]): AbuseReport['pooled'] {
  const aloneP99Ms = Number(percentile(alone, 99).toFixed(1));
  const underAttackP99Ms = Number(percentile(underAttack, 99).toFixed(1));
  return { aloneP99Ms, underAttackP99Ms, aloneRequests: alone.length, underAttackRequests: underAttack.length, ratio: aloneP99Ms ? Number((underAttackP99Ms / aloneP99Ms).toFixed(2)) : 0 };
}

/** Ordinary operations at `rate` per second in all, for `duration` seconds. */
async function ordinary(url: string, duration: number, rate: number): Promise<Latency> {
  const samplesMs: number[] = [];
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url: `${url}/graphql`,
    connections: 4,
    overallRate: rate,
    duration,
    requests: ORDINARY.map((query) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
  instance.on('response', (_client, _status, _bytes, ms) => samplesMs.push(ms));
  const result = await finished;
  return { samplesMs, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total, errors: result.errors, non2xx: result.non2xx };
}

export async function runAbuse(opts: { duration: number; rate: number; rounds: number }): Promise<AbuseReport> {
  const app: RunningApp = await startServer({ LOG_LEVEL: 'error' }, 'abuse');
  let exited = false;
  void app.exited.then(() => (exited = true));
  try {
    // Warm up, then find the slowest accepted candidate (median of three).
    for (const q of ORDINARY) for (let i = 0; i < 50; i++) await ask(app.url, q);
    const candidates: AbuseReport['candidates'] = [];
    for (const c of HEAVY_CANDIDATES) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await ask(app.url, c.query));
      const ms = percentile(runs.map((r) => r.ms), 50);
      candidates.push({ name: c.name, cost: runs[0]!.cost, code: runs[0]!.code, ms: Math.round(ms) });
    }
    const accepted = candidates.filter((c) => c.code === 'OK');
    if (!accepted.length) throw new Error(`no heavy candidate was accepted: ${JSON.stringify(candidates)}`);
    const worst = accepted.reduce((a, b) => (b.ms > a.ms ? b : a));
    const attackQuery = HEAVY_CANDIDATES.find((c) => c.name === worst.name)!.query;

    const before = residentMb(app.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(app.pid))), 200);
    // Rounds of ordinary traffic alone, then under attack: the machine's own noise moves a p99
    // from one run to the next, so each round's ratio is taken and the median reported.
    const rounds: AbuseReport['rounds'] = [];
    const pooledAlone: number[] = [];
    const pooledAttack: number[] = [];
    const healthMs: number[] = [];
    let asked = 0;
    const byCode: Record<string, number> = {};
    let answers = 0;
    for (let round = 0; round < opts.rounds; round++) {
      const alone = await ordinary(app.url, opts.duration, opts.rate);
      // The attack and /healthz probes, while ordinary traffic runs.
      let attacking = true;
      const attack = attackerProcess(app.url, attackQuery, 4);
      const prober = async () => {
        while (attacking) {
          asked++;
          const t = performance.now();
          try {
            if ((await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(5000) })).ok) healthMs.push(performance.now() - t);
          } catch {
            /* counted as unanswered */
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const probe = prober();
      await new Promise((r) => setTimeout(r, 1000));
      const underAttack = await ordinary(app.url, opts.duration, opts.rate);
      attacking = false;
      const [got] = await Promise.all([attack.stop(), probe]);
      answers += got.answers;
      for (const [code, n] of Object.entries(got.byCode)) byCode[code] = (byCode[code] ?? 0) + n;
      const { samplesMs: aloneMs, ...aloneFigures } = alone;
      const { samplesMs: attackMs, ...attackFigures } = underAttack;
      pooledAlone.push(...aloneMs);
      pooledAttack.push(...attackMs);
      rounds.push({ alone: aloneFigures, underAttack: attackFigures, ratio: alone.p99Ms ? Number((underAttack.p99Ms / alone.p99Ms).toFixed(2)) : 0 });
      // The heap settles before the next round's unloaded figures.
      await new Promise((r) => setTimeout(r, 3000));
    }
    clearInterval(sampler);
    // Memory after the attack: V8 gives memory back once the heap has been idle a while, so it
    // is sampled for 30 s after the last attacking answer.
    const settled: { s: number; mb: number }[] = [];
    for (const s of [5, 10, 20, 30]) {
      await new Promise((r) => setTimeout(r, (s - (settled.at(-1)?.s ?? 0)) * 1000));
      settled.push({ s, mb: residentMb(app.pid) });
    }
    const after = settled[0]!.mb;
    const alive = !exited && (await fetch(`${app.url}/healthz`)).ok;
    return {
      durationS: opts.duration,
      ratePerS: opts.rate,
      candidates,
      attacker: { name: worst.name, cost: worst.cost, answers, byCode },
      rounds,
      medianRatio: percentile(rounds.map((r) => r.ratio), 50),
      pooled: pooledFigures(pooledAlone, pooledAttack),
      health: { asked, answered: healthMs.length, maxMs: Math.round(Math.max(0, ...healthMs)), p99Ms: Math.round(percentile(healthMs, 99)) },
      rssMb: { before, peak, after, settled },
      alive,
    };
  } finally {
    await app.stop();
  }
}

export function abuseMarkdown(r: AbuseReport): string {
  return [
    '# Noisy neighbour',
    '',
    `Ordinary operations (entity search, an entity with relations and mentions, a passage with mentions and citations) at ${r.ratePerS} requests/s for ${r.durationS} s, alone and then while 4 connections send the most expensive accepted operation without pause (the attacker a process of its own), in ${r.rounds.length} rounds. The server runs as npm start runs it (memory store), in its own process, on the same 2 cores as this client.`,
    '',
    '| heavy candidate | cost | answer | ms (median of 3) |',
    '|---|---|---|---|',
    ...r.candidates.map((c) => `| ${c.name} | ${c.cost ?? ''} | ${c.code} | ${c.ms} |`),
    '',
    `Attacker: ${r.attacker.name} (cost ${r.attacker.cost}), ${r.attacker.answers} answers: ${Object.entries(r.attacker.byCode).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    '| round | ordinary operations | requests | p50 ms | p99 ms | errors | non-2xx | p99 ratio |',
    '|---|---|---|---|---|---|---|---|',
    ...r.rounds.flatMap((x, i) => [
      `| ${i + 1} | alone | ${x.alone.requests} | ${x.alone.p50Ms} | ${x.alone.p99Ms} | ${x.alone.errors} | ${x.alone.non2xx} | |`,
      `| ${i + 1} | under attack | ${x.underAttack.requests} | ${x.underAttack.p50Ms} | ${x.underAttack.p99Ms} | ${x.underAttack.errors} | ${x.underAttack.non2xx} | ${x.ratio} |`,
    ]),
    '',
    `- p99 of all rounds pooled: ${r.pooled.aloneP99Ms} ms alone (${r.pooled.aloneRequests} requests), ${r.pooled.underAttackP99Ms} ms under attack (${r.pooled.underAttackRequests} requests): ratio ${r.pooled.ratio} (target at most 2)`,
    `- p99 under attack / alone, median of the per-round ratios: ${r.medianRatio} (one round's p99 is its tenth-slowest answer, so each ratio divides one noisy figure by another)`,
    `- /healthz during the attack: ${r.health.answered} of ${r.health.asked} answered, p99 ${r.health.p99Ms} ms, max ${r.health.maxMs} ms (target: all, within 100 ms)`,
    `- server resident memory: ${r.rssMb.before} MB before, ${r.rssMb.peak} MB peak; after the attack: ${r.rssMb.settled.map((x) => `${x.mb} MB at ${x.s} s`).join(', ')}`,
    `- process alive at the end: ${r.alive ? 'yes' : 'NO'}`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      rate: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    },
  });
  const report = await runAbuse({ duration: Number(values.duration), rate: Number(values.rate), rounds: Number(values.rounds) });
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'abuse.json'), JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2) + '\n');
  writeFileSync(join(values.out!, 'abuse.md'), abuseMarkdown(report));
  console.log(abuseMarkdown(report));
  process.exitCode = report.alive && report.health.answered === report.health.asked ? 0 : 1;
}
