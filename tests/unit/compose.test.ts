/**
 * docker-compose.yml as Docker Compose reads it (`docker compose config`, or the standalone
 * docker-compose where the plugin is missing; .ci/run installs the latter), and the Dockerfile's
 * pieces that can run without a container engine: its health check against a server on PORT,
 * and its build step against a build that produces no explorer. The runtime stage as a whole
 * runs in tests/neo4j/runtime-image.test.ts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { command, healthcheckOf, ROOT, stage } from '../helpers/dockerfile';
import { startCommand } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';

function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  throw new Error('neither "docker compose" nor "docker-compose" is installed (.ci/run installs docker-compose)');
}

type Config = { services: Record<string, any>; volumes: Record<string, unknown> };

/** Published ports as host_ip:published:target, whichever syntax the Compose version prints. */
const published = (ports: (string | { host_ip?: string; published: string | number; target: number })[]) =>
  ports.map((p) => (typeof p === 'string' ? p.replace(/\/tcp$/, '') : `${p.host_ip ?? '0.0.0.0'}:${p.published}:${p.target}`));

describe('docker-compose.yml', () => {
  const [cmd, ...pre] = composeCommand();
  const config = (env: string): Config => {
    const envFile = join(tempDir('compose'), '.env');
    writeFileSync(envFile, env);
    return parse(execFileSync(cmd!, [...pre, '--env-file', envFile, '-f', join(ROOT, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { PATH: process.env.PATH } })) as Config;
  };
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');

  it('is accepted with the .env.example settings: user neo4j, memory settings, restart policies, Neo4j on loopback', () => {
    const c = config(example);
    const neo4j = c.services.neo4j;
    const app = c.services.app;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    // The image creates the user neo4j only; the app logs in as that user with the same password.
    expect(neo4j.environment.NEO4J_AUTH).toBe('neo4j/change-me-please');
    expect(app.environment).toMatchObject({ NEO4J_URI: 'bolt://neo4j:7687', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 'change-me-please', PORT: '4000' });
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell -u neo4j');
    expect(neo4j.environment).toMatchObject({ NEO4J_server_memory_heap_max__size: '1G', NEO4J_server_memory_heap_initial__size: '1G', NEO4J_server_memory_pagecache_size: '512M' });
    expect(app.environment.NODE_OPTIONS).toBe('--max-old-space-size=1024');
    expect(neo4j.restart).toBe('unless-stopped');
    expect(app.restart).toBe('unless-stopped');
    expect(published(neo4j.ports).sort()).toEqual(['127.0.0.1:7474:7474', '127.0.0.1:7687:7687']);
    expect(published(app.ports)).toEqual(['0.0.0.0:4000:4000']);
    expect(neo4j.volumes[0].source ?? neo4j.volumes[0]).toMatch(/neo4j-data/);
    expect(app.build).toBeTruthy();
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(Object.keys(c.volumes)).toContain('neo4j-data');
  });

  it('takes the documented settings from .env: where to publish, memory, the app port', () => {
    const c = config(`${example}\nNEO4J_BIND=0.0.0.0\nNEO4J_HEAP=4G\nNEO4J_PAGECACHE=2G\nAPP_PORT=8080\nAPP_BIND=127.0.0.1\nAPP_HEAP_MB=4096\n`);
    expect(published(c.services.neo4j.ports).sort()).toEqual(['0.0.0.0:7474:7474', '0.0.0.0:7687:7687']);
    expect(c.services.neo4j.environment).toMatchObject({ NEO4J_server_memory_heap_max__size: '4G', NEO4J_server_memory_pagecache_size: '2G' });
    // The server listens on PORT inside the container; the health check asks that port.
    expect(c.services.app.environment.PORT).toBe('8080');
    expect(published(c.services.app.ports)).toEqual(['127.0.0.1:8080:8080']);
    expect(c.services.app.environment.NODE_OPTIONS).toBe('--max-old-space-size=4096');
  });

  it('offers no user setting the Neo4j image would refuse, and a password it accepts', () => {
    expect(example).not.toMatch(/^NEO4J_USER=/m);
    const password = /^NEO4J_PASSWORD=(.*)$/m.exec(example)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(password).not.toContain('/');
  });

  it('refuses to start without a password, saying where to set it', () => {
    const empty = join(tempDir('compose'), '.env');
    writeFileSync(empty, '# no settings\n');
    const res = spawnSync(cmd!, [...pre, '--env-file', empty, '-f', join(ROOT, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('set NEO4J_PASSWORD in .env');
  });
});

describe('Dockerfile', () => {
  it("runs the server with npm start's command and node flags, on a supported Node LTS", () => {
    const runtime = stage('runtime');
    const cmd = runtime.instructions.find((i) => i.keyword === 'CMD');
    expect(cmd, 'a CMD line').toBeDefined();
    expect(command(cmd!.args)).toEqual(startCommand());
    expect(startCommand()).toContain('--max-semi-space-size=32');
    for (const s of [runtime, stage('build')]) expect(s.image).toMatch(/^node:(22|24)-/);
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(new RegExp(`\\b${/^node:(\d+)/.exec(runtime.image)![1]}\\.`));
  });

  it('health check: asks /readyz on PORT, healthy on 200 and unhealthy on 503', async () => {
    const probe = healthcheckOf(stage('runtime'));
    for (const status of [200, 503]) {
      const server = createServer((req, res) => res.writeHead(req.url === '/readyz' ? status : 404).end());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = String((server.address() as AddressInfo).port);
        const res = await new Promise<number | null>((resolve) => {
          const child = spawn(probe[0]!, probe.slice(1), { env: { PATH: process.env.PATH, PORT: port }, stdio: 'ignore' });
          child.once('exit', resolve);
        });
        expect(res, `/readyz answered ${status}`).toBe(status === 200 ? 0 : 1);
      } finally {
        server.close();
      }
    }
  });

  it('build stage: stops when the build produces no explorer, passes when it does', () => {
    const build = stage('build').instructions.find((i) => i.keyword === 'RUN' && i.args.includes('npm run build'));
    expect(build, 'a RUN line that builds the explorer').toBeDefined();
    const attempt = (script: string) => {
      const dir = tempDir('image-build');
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', private: true, scripts: { build: script } }));
      const [sh, ...args] = command(build!.args);
      return spawnSync(sh!, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    };
    const none = attempt('true');
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('the explorer (client/dist) was not built');
    expect(attempt('mkdir -p client/dist && touch client/dist/index.html').status).toBe(0);
    // Nor can a build stage without a build script pass (what --if-present used to allow).
    const noScript = tempDir('image-build');
    writeFileSync(join(noScript, 'package.json'), '{"name":"x","private":true}');
    const [sh, ...args] = command(build!.args);
    expect(spawnSync(sh!, args, { cwd: noScript, env: { PATH: process.env.PATH } }).status).not.toBe(0);
  });
});
