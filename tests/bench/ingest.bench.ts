/**
 * Benchmark of reading reports: pages/s and MB/s for PDF (the bundled report typeset in two
 * columns with running heads and footnotes, tests/helpers/report-pdf.ts, 1 and 4 copies) and
 * for text (the 96 KB one-line fixture and the PDF-wrapped bundled report, 1 and 4 copies), each
 * read and then built into a graph. Writes bench/results/ingest.json and ingest.md.
 *   npm run bench:seed (after the pipeline benchmark), or tsx tests/bench/ingest.bench.ts [-- --runs 3]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readPdf } from '../../graph-seed/src/ingest/pdf/index';
import { readText } from '../../graph-seed/src/ingest/read-files';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { CorpusFile } from '../../graph-seed/src/stages/read';
import { typesetReport } from '../helpers/report-pdf';
import { bundledCorpus } from '../helpers/report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') } } });
const runs = Number(values.runs);
const ROOT = join(import.meta.dirname, '..', '..');

interface Row {
  input: string;
  copies: number;
  bytes: number;
  pages: number | null;
  passages: number;
  readMs: number;
  totalMs: number;
  mbPerS: number;
  pagesPerS: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The report's passages k times over, ids made unique, so the typeset PDF is k times as long. */
function copies(b: GraphBundle, k: number): GraphBundle {
  const passages = Array.from({ length: k }, (_, i) =>
    b.passages.map((p) => ({ ...p, id: `${p.id}#${i}`, noteIds: p.noteIds.map((n) => `${n}#${i}`), order: p.order + i * b.passages.length })),
  ).flat();
  return { ...b, passages };
}

async function measure(input: string, k: number, bytes: number, read: () => Promise<CorpusFile>): Promise<Row> {
  const readTimes: number[] = [];
  const totals: number[] = [];
  let file!: CorpusFile;
  let passages = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    file = await read();
    const t1 = performance.now();
    const r = runPipeline([file]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    passages = r.value.bundle.passages.length;
    readTimes.push(t1 - t0);
    totals.push(performance.now() - t0);
  }
  const total = median(totals);
  const pages = file.pageCount ?? null;
  const row: Row = {
    input,
    copies: k,
    bytes,
    pages,
    passages,
    readMs: Math.round(median(readTimes)),
    totalMs: Math.round(total),
    mbPerS: Math.round((bytes / 1e6 / (total / 1000)) * 1000) / 1000,
    pagesPerS: pages ? Math.round((pages / (total / 1000)) * 10) / 10 : null,
  };
  console.log(`${input} x${k}: ${(bytes / 1024).toFixed(0)} KiB${pages ? `, ${pages} pages` : ''}, ${passages} passages -> read ${row.readMs} ms, read and built ${row.totalMs} ms (${row.mbPerS} MB/s${pages ? `, ${row.pagesPerS} pages/s` : ''})`);
  return row;
}

const corpus = bundledCorpus();
if (!corpus.ok) throw new Error('corpus');
const text = runPipeline(corpus.value);
if (!text.ok) throw new Error('pipeline');
const rows: Row[] = [];
for (const k of [1, 4]) {
  const { pdf } = await typesetReport(copies(text.value.bundle, k), 'Interrelations between Public Policies, Migration and Development in Cambodia');
  rows.push(await measure('pdf (two columns, footnotes)', k, pdf.length, () => readPdf('report.pdf', new Uint8Array(pdf))));
}
const oneLine = readFileSync(join(ROOT, 'tests', 'fixtures', 'layouts', 'one-line.txt'), 'utf8').trim();
const wrapped = corpus.value.map((f) => f.text).join('\n');
for (const k of [1, 4]) {
  const t = Array.from({ length: k }, () => oneLine).join(' ');
  rows.push(await measure('text, one line', k, Buffer.byteLength(t), async () => readText('one-line.txt', t)));
}
for (const k of [1, 4]) {
  const t = Array.from({ length: k }, () => wrapped).join('\n\n');
  rows.push(await measure('text, PDF-wrapped lines', k, Buffer.byteLength(t), async () => readText('report.txt', t)));
}

mkdirSync(values.out, { recursive: true });
const result = { benchmark: 'ingest', node: process.version, cpus: cpus().length, loadAverage: Math.round(loadavg()[0]! * 10) / 10, runs, rows };
writeFileSync(join(values.out, 'ingest.json'), JSON.stringify(result, null, 2) + '\n');
const md = [
  '# Ingest benchmark: PDF and text',
  '',
  `Node ${process.version}, ${result.cpus} CPUs (load average ${result.loadAverage} while measuring), median of ${runs} runs. "read" is the reader alone (for a PDF: pdf.js in its own process, layout,`,
  'furniture, footnotes, paragraphs); "read and built" adds the whole pipeline to the graph bundle, and the rates are of that.',
  '',
  '| input | copies | size | pages | passages | read | read and built | MB/s | pages/s |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.input} | ${r.copies} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.pages ?? '-'} | ${r.passages} | ${r.readMs} ms | ${r.totalMs} ms | ${r.mbPerS} | ${r.pagesPerS ?? '-'} |`),
  '',
].join('\n');
writeFileSync(join(values.out, 'ingest.md'), md);
console.log(`\nwritten to ${join(values.out, 'ingest.json')} and ingest.md`);
