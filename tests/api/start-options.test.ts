/**
 * npm start takes the options of npm run seed: it serves exactly the graph the seed command
 * builds from the same options, a library of reports, or a bundle file built before.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, startCommand, type RunningApp } from '../helpers/serve';
import { FIXTURES, reportBundle } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '..', '..');
const running: RunningApp[] = [];
afterAll(async () => {
  await Promise.all(running.map((a) => a.stop()));
});

async function serve(args: string[], label: string): Promise<RunningApp> {
  const app = await spawnServer({ command: process.execPath, args: [...startCommand().slice(1), ...args], env: {}, readyPath: '/readyz', label });
  running.push(app);
  return app;
}

async function query<T>(app: RunningApp, q: string): Promise<T> {
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** npm run seed's command, run as users run it, writing the bundle to a file. */
function seed(args: string[]): { version: string; entities: number; passages: number; relations: number } {
  const out = join(tempDir('seed'), 'bundle.json');
  execFileSync(process.execPath, ['--import', 'tsx', 'graph-seed/src/cli.ts', ...args, '--out', out, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
  const b = JSON.parse(readFileSync(out, 'utf8')) as { version: string; entities: unknown[]; passages: unknown[]; relations: unknown[] };
  return { version: b.version, entities: b.entities.length, passages: b.passages.length, relations: b.relations.length };
}

const GRAPH = '{ info { bundleVersion } stats { entities passages relations } documents { id title } }';
interface Graph {
  info: { bundleVersion: string };
  stats: { entities: number; passages: number; relations: number };
  documents: { id: string; title: string }[];
}

// Each test seeds twice (the seed command, then the server) in processes of their own.
const SLOW = 240_000;

describe('npm start with the options of npm run seed', () => {
  it('with no options serves the bundled report, the graph the other tests build, from its two text files', async () => {
    const bundle = reportBundle();
    const app = await serve([], 'start-default');
    const g = await query<Graph>(app, GRAPH);
    expect(g.stats).toEqual({ entities: bundle.entities.length, passages: bundle.passages.length, relations: bundle.relations.length });
    // The corpus folder's README describes the files and is not read as part of the report.
    const d = await query<{ documents: { sources: { file: string; format: string }[] }[] }>(app, '{ documents { sources { file format } } }');
    expect(d.documents).toEqual([{ sources: [{ file: '000_cf4d5ed599614fc7.txt', format: 'wrapped' }, { file: '002_3b016c6110c44ed7.txt', format: 'wrapped' }] }]);
  }, SLOW);

  it('serves exactly the graph npm run seed -- --curation none builds', async () => {
    const built = seed(['--curation', 'none']);
    const app = await serve(['--curation', 'none'], 'start-curation-none');
    const g = await query<Graph>(app, GRAPH);
    expect(g.info.bundleVersion).toBe(built.version);
    expect(g.stats).toEqual({ entities: built.entities, passages: built.passages, relations: built.relations });
  }, SLOW);

  it('serves a library of reports, searched per report and across all', async () => {
    const dir = tempDir('library');
    cpSync(join(ROOT, 'graph-seed', 'corpus'), join(dir, 'cambodia'), { recursive: true, filter: (p) => !p.endsWith('README.md') });
    cpSync(join(FIXTURES, 'library', 'laos-note'), join(dir, 'laos-note'), { recursive: true });
    const built = seed(['--library', dir]);
    const app = await serve(['--library', dir], 'start-library');
    const g = await query<Graph>(app, GRAPH);
    expect(g.info.bundleVersion).toBe(built.version);
    expect(g.documents).toHaveLength(2);
    const laos = g.documents.find((d) => d.title === 'Labour migration from Lao PDR: a policy note')!.id;
    const s = await query<{ search: { entity: { id: string } }[]; passages: { id: string; documentId: string }[] }>(
      app,
      `{ search(query: "Social Welfare", document: "${laos}") { entity { id } } passages(query: "recruitment", document: "${laos}") { id documentId } }`,
    );
    expect(s.search.map((h) => h.entity.id)).toContain('ministry:mlsw');
    expect(s.passages.length).toBeGreaterThan(0);
    expect(s.passages.every((p) => p.documentId === laos)).toBe(true);
  }, SLOW);

  it('serves a bundle file as built, and refuses options it cannot combine', async () => {
    const out = join(tempDir('bundle'), 'b.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'graph-seed/src/cli.ts', '--corpus', join(FIXTURES, 'layouts', 'report.md'), '--curation', 'none', '--out', out, '--quiet'], { cwd: ROOT });
    const version = (JSON.parse(readFileSync(out, 'utf8')) as { version: string }).version;
    const app = await serve(['--bundle', out], 'start-bundle');
    expect((await query<Graph>(app, GRAPH)).info.bundleVersion).toBe(version);
    const bad = spawnSync(process.execPath, [...startCommand().slice(1), '--bundle', out, '--corpus', 'x'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEO4J_URI: '' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--bundle serves a bundle as built/);
  }, SLOW);
});
