/**
 * The container image without a container engine: the Dockerfile's build stage and runtime stage
 * done as the Dockerfile says, read from the Dockerfile itself (tests/helpers/dockerfile.ts), in
 * temporary folders. The build context honours .dockerignore; the build stage's explorer build
 * runs its own RUN line (the build stage's dependencies are this checkout's, from the same lock
 * file); the runtime stage runs its RUN lines (npm ci --omit=dev: production dependencies only,
 * with an npm cache of its own) and copies exactly its COPY lines. Then its CMD starts with its
 * ENV against the test Neo4j: /readyz, its HEALTHCHECK command, a GraphQL query, the explorer.
 * What differs from a real image: the Node version is this machine's, and the user is not `node`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { command, copiesOf, envOf, healthcheckOf, ROOT, stage, type Stage } from '../helpers/dockerfile';
import { freePort } from '../helpers/neo4j';
import { createLogger } from '../../server/src/log';
import { seedGraph } from '../../server/src/seed';
import { tempDir } from '../helpers/tmp';

const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** `COPY . .` of the build context: the checkout minus .dockerignore's paths. */
function buildContext(into: string) {
  cpSync(ROOT, into, { recursive: true, filter: (src) => !ignored.some((p) => relative(ROOT, src) === p || relative(ROOT, src).startsWith(`${p}/`)) });
}

function run(s: Stage, args: string, cwd: string, env: NodeJS.ProcessEnv) {
  const [cmd, ...rest] = command(args);
  const res = spawnSync(cmd!, rest, { cwd, env, encoding: 'utf8', timeout: 600_000 });
  if (res.status !== 0) throw new Error(`${s.name} stage: RUN ${args} failed (${res.status}):\n${(res.stdout + res.stderr).slice(-3000)}`);
}

const build = stage('build');
const runtime = stage('runtime');
const work = tempDir('image');
const buildDir = join(work, 'build');
const appDir = join(work, 'app');
let url = '';
let child: ReturnType<typeof spawn> | undefined;
let output = '';
/** What the image's npm start command builds and serves with no options: the bundled report. */
const bundle = (await seedGraph({}, createLogger('error')))!.bundle;

beforeAll(async () => {
  // Build stage: the context, its dependencies, then its RUN lines after `npm ci` (the explorer).
  buildContext(buildDir);
  symlinkSync(join(ROOT, 'node_modules'), join(buildDir, 'node_modules'));
  const buildEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...envOf(build) };
  const runs = build.instructions.filter((i) => i.keyword === 'RUN' && !/^npm ci\b/.test(i.args));
  expect(runs.length).toBeGreaterThan(0);
  for (const r of runs) run(build, r.args, buildDir, buildEnv);

  // Runtime stage, in order: COPY from the context or the build stage, RUN with its own npm cache.
  mkdirSync(appDir);
  const npmCache = join(work, 'npm-cache');
  for (const i of runtime.instructions) {
    if (i.keyword === 'RUN') run(runtime, i.args, appDir, { PATH: process.env.PATH, HOME: work, npm_config_cache: npmCache, ...envOf(runtime) });
    if (i.keyword !== 'COPY') continue;
    const [copy] = copiesOf({ ...runtime, instructions: [i] });
    const base = copy!.from === null ? ROOT : copy!.from === 'build' ? buildDir : null;
    if (!base) throw new Error(`COPY from an unknown stage: ${i.args}`);
    for (const src of copy!.sources) {
      const from = join(base, src.replace(/^\/app\/?/, ''));
      if (!existsSync(from)) throw new Error(`runtime stage: COPY ${i.args}: ${src} does not exist`);
      // Docker's rule: into a folder (a destination ending in / or several sources) by the
      // source's name, otherwise to the destination itself.
      const intoFolder = copy!.dest.endsWith('/') || copy!.sources.length > 1;
      cpSync(from, intoFolder ? join(appDir, copy!.dest, basename(src)) : join(appDir, copy!.dest), { recursive: true });
    }
  }

  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const { uri, user, password } = inject('neo4j');
  const env = { PATH: process.env.PATH, HOME: work, ...envOf(runtime), PORT: String(port), HOST: '127.0.0.1', NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password };
  const [cmd, ...args] = command(runtime.instructions.find((i) => i.keyword === 'CMD')!.args);
  child = spawn(cmd!, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the runtime stage's CMD exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (Date.now() > until) throw new Error(`/readyz did not answer 200 within 180 s:\n${output.slice(-3000)}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}, 900_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('runtime image, assembled from the Dockerfile', () => {
  it('holds production dependencies only, the copied sources and the built explorer', () => {
    expect(existsSync(join(appDir, 'node_modules', 'tsx'))).toBe(true);
    expect(existsSync(join(appDir, 'node_modules', 'neo4j-driver'))).toBe(true);
    for (const dev of ['vite', 'vitest', 'typescript', 'playwright-core']) expect(existsSync(join(appDir, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(appDir, 'client', 'dist', 'index.html'))).toBe(true);
    // Of the explorer's sources, only its operations (registered by the server as persisted operations).
    expect(readdirSync(join(appDir, 'client', 'src'))).toEqual(['api']);
    expect(existsSync(join(appDir, 'tests'))).toBe(false);
  });

  it('serves from Neo4j: ready, healthy by its HEALTHCHECK, answering GraphQL and the explorer', async () => {
    expect(output).toMatch(/"backend":"neo4j"/);
    const probe = healthcheckOf(runtime);
    const health = spawnSync(probe[0]!, probe.slice(1), { env: { PATH: process.env.PATH, ...envOf(runtime), PORT: new URL(url).port }, encoding: 'utf8' });
    expect(health.status, health.stderr).toBe(0);

    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { entities relations passages } entity(id: "ministry:moi") { name relations(limit: 3) { type evidence { quote } } } }' }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.stats).toEqual({ entities: bundle.entities.length, relations: bundle.relations.length, passages: bundle.passages.length });
    expect(body.data.entity.name).toBe(bundle.entities.find((e) => e.id === 'ministry:moi')!.name);
    expect(body.data.entity.relations.length).toBeGreaterThan(0);

    const page = await fetch(`${url}/`);
    const html = await page.text();
    expect(html).toContain('<script');
    expect(html).not.toContain('The explorer is not built');
  });
});
