/**
 * Benchmark of the seed pipeline: wall time and peak memory on the bundled report and on
 * synthetic corpora 10 and 100 times its size. Prints the figures and writes them to
 * bench/results/seed.json and seed.md. Each size runs in a fresh process so that peak RSS is
 * that size's own.
 *   npm run bench:seed [-- --factors 1,10,100 --runs 3 --out bench/results]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCuration } from '../../graph-seed/src/io/curation';
import { EMPTY_CURATION } from '../../graph-seed/src/model/curation';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { syntheticCorpus } from './synthetic';
import { bundledCorpus } from '../helpers/report';

const { values } = parseArgs({
  options: {
    factors: { type: 'string', default: '1,10,100' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    child: { type: 'string' },
  },
});

interface Row {
  factor: number;
  corpusBytes: number;
  passages: number;
  entities: number;
  relations: number;
  mentions: number;
  wallMsMedian: number;
  wallMsRuns: number[];
  peakRssMb: number;
  msPerKb: number;
}

function measure(factor: number, runs: number): Row {
  const corpus = bundledCorpus();
  if (!corpus.ok) throw new Error('corpus');
  const curation = readCuration(DEFAULT_CURATION);
  if (!curation.ok) throw new Error('curation');
  const files = factor === 1 ? corpus.value : syntheticCorpus(corpus.value, factor);
  // The curation quotes the report once; the copies are read with the rules alone.
  const cur = factor === 1 ? curation.value : EMPTY_CURATION;
  const times: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = runPipeline(files, cur);
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    last = r.value.bundle;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    factor,
    corpusBytes: bytes,
    passages: last!.passages.length,
    entities: last!.entities.length,
    relations: last!.relations.length,
    mentions: last!.mentions.length,
    wallMsMedian: Math.round(median),
    wallMsRuns: times.map(Math.round),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    msPerKb: Math.round((median / (bytes / 1024)) * 1000) / 1000,
  };
}

/** The V8 heap flags `npm run seed` runs with (package.json): the reading is measured as that command runs it. */
const SEED_NODE_FLAGS = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { seed: string } }).scripts.seed.split(/\s+/).filter((a) => /^--(max|min)-(semi|old)-space-size=\d+$/.test(a));

if (values.child) {
  process.stdout.write(JSON.stringify(measure(Number(values.child), Number(values.runs))));
} else {
  const rows: Row[] = [];
  for (const f of values.factors.split(',').map(Number)) {
    const out = execFileSync(process.execPath, [...SEED_NODE_FLAGS, '--import', 'tsx', import.meta.filename, '--child', String(f), '--runs', values.runs], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const row = JSON.parse(out) as Row;
    rows.push(row);
    console.log(`x${row.factor}: ${(row.corpusBytes / 1024).toFixed(0)} KiB, ${row.passages} passages, ${row.entities} entities, ${row.mentions} mentions -> median ${row.wallMsMedian} ms (${row.msPerKb} ms/KiB), peak RSS ${row.peakRssMb} MB`);
  }
  const base = rows[0]!;
  const growth = rows.map((r) => ({ factor: r.factor, timeRatio: Math.round((r.wallMsMedian / base.wallMsMedian) * 100) / 100, sizeRatio: Math.round((r.corpusBytes / base.corpusBytes) * 100) / 100 }));
  mkdirSync(values.out, { recursive: true });
  const os = await import('node:os');
  // The machine may be shared: the load average says how far the figures are from a quiet one.
  const load = os.loadavg().map((l) => Math.round(l * 10) / 10);
  const result = { benchmark: 'seed', node: process.version, nodeFlags: SEED_NODE_FLAGS, cpus: os.cpus().length, loadAverage: load, runs: Number(values.runs), rows, growth };
  writeFileSync(join(values.out, 'seed.json'), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# Seed pipeline benchmark',
    '',
    `Node ${process.version}, ${result.cpus} CPUs, median of ${values.runs} runs per size; each size in its own process, with the heap flags of \`npm run seed\` (${SEED_NODE_FLAGS.join(' ') || 'none'}). ` +
      `Automatic reading on (sentences, names, relation rules, findings); from 1 MiB of text, sentences are read on a second thread. Load average at the end: ${load.join(', ')}.`,
    '',
    '| size | corpus | passages | entities | relations | mentions | median wall time | MB/s | ms per KiB | peak RSS | time ratio vs x1 |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r, i) =>
        `| x${r.factor} | ${(r.corpusBytes / 1024).toFixed(0)} KiB | ${r.passages} | ${r.entities} | ${r.relations} | ${r.mentions} | ${r.wallMsMedian} ms | ${(r.corpusBytes / 1e6 / (r.wallMsMedian / 1000)).toFixed(2)} | ${r.msPerKb} | ${r.peakRssMb} MB | ${growth[i]!.timeRatio} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(values.out, 'seed.md'), md);
  console.log(`\nwritten to ${join(values.out, 'seed.json')} and seed.md`);
}
