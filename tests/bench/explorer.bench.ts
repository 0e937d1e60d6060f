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
import { startGrowthServer } from './growth.bench';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    /** Relations of the synthetic graph for the explorer-at-size run (0 skips it). */
    size: { type: 'string', default: '100000' },
    out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
  },
});
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Win = Window & { __explorerCy?: Core; __firstDraw?: number; __layoutStoppedAt?: number };

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
  await app.stop();
}

// At size: a synthetic graph, the hub's two-hop neighbourhood (capped at 2,000 entities) drawn.
const atSize: { relations: number; clickToDrawnMs: number[]; apiMs: number[]; nodes: number; edges: number; notice: string } = { relations: Number(values.size), clickToDrawnMs: [], apiMs: [], nodes: 0, edges: 0, notice: '' };
try {
  if (atSize.relations > 0) {
    // Served as npm start serves it: the two-hop answer is a heavy operation, on its own thread.
    const big = await startGrowthServer('memory', atSize.relations, undefined, { heavyThread: true });
    const base = big.url.replace(/\/graphql$/, '');
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const hub = encodeURIComponent(big.fixtures.hub);
        await page.goto(`${base}/?e=${hub}&n=${hub}`);
        await page.waitForFunction(() => ((window as Win).__explorerCy?.nodes().length ?? 0) === 1);
        const button = page.getByRole('button', { name: 'Two hops' });
        await button.waitFor();
        await page.evaluate(() => ((window as Win).__layoutStoppedAt = undefined));
        const clickedAt = await page.evaluate(() => performance.now());
        await button.click();
        // Drawn: Cytoscape holds the neighbourhood and its layout has stopped.
        const drawnAt = (await page
          .waitForFunction(() => { const w = window as Win; return (w.__explorerCy?.nodes().length ?? 0) > 1000 && w.__layoutStoppedAt ? w.__layoutStoppedAt : false; }, undefined, { timeout: 60_000 })
          .then((h) => h.jsonValue())) as number;
        atSize.clickToDrawnMs.push(Math.round(drawnAt - clickedAt));
        // Of which waiting for the API: from the click to the end of the last answer it asked for.
        atSize.apiMs.push(Math.round(await page.evaluate((t) => Math.max(t, ...performance.getEntriesByType('resource').filter((e) => e.name.includes('/graphql') && e.startTime >= t).map((e) => (e as PerformanceResourceTiming).responseEnd)) - t, clickedAt)));
        atSize.nodes = await page.evaluate(() => (window as Win).__explorerCy!.nodes().length);
        atSize.edges = await page.evaluate(() => (window as Win).__explorerCy!.edges().length);
        atSize.notice = (await page.getByText(/capped/).first().textContent({ timeout: 5000 }).catch(() => '')) ?? '';
        if (i === 0) {
          mkdirSync(join(import.meta.dirname, '..', '..', 'test-results', 'screenshots'), { recursive: true });
          await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'test-results', 'screenshots', 'two-hops-at-size.png') });
        }
        await page.close();
      }
    } finally {
      await big.stop();
    }
  }
} finally {
  await browser.close();
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
  atSize: atSize.relations > 0 ? { ...atSize, medianMs: Math.round(median(atSize.clickToDrawnMs)), medianApiMs: Math.round(median(atSize.apiMs)) } : null,
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
  ...(result.atSize
    ? [`| synthetic graph of ${result.atSize.relations} relations: "Two hops" from the hub to ${result.atSize.nodes} nodes and ${result.atSize.edges} edges drawn, layout settled | ${result.atSize.medianMs} ms | ${result.atSize.clickToDrawnMs.join(', ')} |`, `| of which waiting for the API's answers | ${result.atSize.medianApiMs} ms | ${result.atSize.apiMs.join(', ')} |`]
    : []),
  '',
  ...(result.atSize ? [`Capped-result message shown: "${result.atSize.notice}"`, ''] : []),
].join('\n');
writeFileSync(join(values.out!, 'explorer.md'), md);
console.log(md);
