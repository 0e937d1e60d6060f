/**
 * Benchmark of the explorer in headless Chromium against the app served by npm start: time from
 * navigation to the first drawn graph (the opening institutional map), time from "Expand all" to
 * the expanded neighbourhood drawn, and the production bundle's size gzipped. Prints the figures
 * and writes bench/results/explorer.json and explorer.md.
 *   npm run bench:explorer [-- --runs 5 --out bench/results]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Core } from 'cytoscape';
import { launch } from '../helpers/browser';
import { startApp } from '../helpers/serve';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
  },
});
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Win = Window & { __explorerCy?: Core; __firstDraw?: number };

const app = await startApp();
const browser = await launch();
const firstDraw: number[] = [];
const expand: number[] = [];
let expandedNodes = 0;
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/`);
    // In the page: the first animation frame at which Cytoscape holds nodes, from navigation start.
    firstDraw.push(
      await page.waitForFunction(() => {
        const w = window as Win;
        if (w.__explorerCy && w.__explorerCy.nodes().length > 0) return (w.__firstDraw ??= performance.now());
        return false;
      }).then((h) => h.jsonValue() as Promise<number>),
    );
    await page.goto(`${app.url}/?e=ministry%3Amolvt&n=ministry%3Amolvt`);
    await page.waitForFunction(() => ((window as Win).__explorerCy?.nodes().length ?? 0) === 1);
    await page.getByRole('button', { name: 'Expand all' }).waitFor();
    const started = Date.now();
    await page.getByRole('button', { name: 'Expand all' }).click();
    expandedNodes = (await page.waitForFunction(() => { const n = (window as Win).__explorerCy?.nodes().length ?? 0; return n > 1 ? n : false; }).then((h) => h.jsonValue())) as number;
    expand.push(Date.now() - started);
    await page.close();
  }
} finally {
  await browser.close();
  await app.stop();
}

const assets = join(import.meta.dirname, '..', '..', 'client', 'dist', 'assets');
const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
const bundle = files.map((f) => ({ file: f, bytes: statSync(join(assets, f)).size, gzipBytes: gzipSync(readFileSync(join(assets, f)), { level: 9 }).length }));
const result = {
  date: new Date().toISOString(),
  runs,
  firstDrawMs: { median: Math.round(median(firstDraw)), runs: firstDraw.map(Math.round) },
  expandMs: { median: Math.round(median(expand)), runs: expand, expandedNodes },
  bundle: { totalBytes: bundle.reduce((s, b) => s + b.bytes, 0), totalGzipBytes: bundle.reduce((s, b) => s + b.gzipBytes, 0), files: bundle },
};
mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, 'explorer.json'), JSON.stringify(result, null, 2) + '\n');
const md = [
  '# Explorer benchmark',
  '',
  `Headless Chromium, 1280x800, median of ${runs} runs (${result.date}).`,
  '',
  '| measure | median | runs |',
  '|---|---|---|',
  `| navigation to first drawn graph | ${result.firstDrawMs.median} ms | ${result.firstDrawMs.runs.join(', ')} |`,
  `| "Expand all" to neighbourhood drawn (${expandedNodes} nodes) | ${result.expandMs.median} ms | ${result.expandMs.runs.join(', ')} |`,
  `| production bundle (JS + CSS), gzipped | ${(result.bundle.totalGzipBytes / 1024).toFixed(1)} KiB | raw ${(result.bundle.totalBytes / 1024).toFixed(1)} KiB |`,
  '',
].join('\n');
writeFileSync(join(values.out!, 'explorer.md'), md);
console.log(md);
