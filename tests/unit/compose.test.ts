/**
 * docker-compose.yml as Docker Compose reads it (`docker compose config`, or the standalone
 * docker-compose where the plugin is missing; .ci/run installs the latter): accepted with the
 * committed .env.example, refused with a clear message without a password.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startCommand } from '../helpers/serve';
import { tempDir } from '../helpers/tmp';

const ROOT = join(import.meta.dirname, '..', '..');

function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  throw new Error('neither "docker compose" nor "docker-compose" is installed (.ci/run installs docker-compose)');
}

describe('docker-compose.yml', () => {
  const [cmd, ...pre] = composeCommand();

  it('is accepted by docker compose config with the .env.example settings', () => {
    const envFile = join(tempDir('compose'), '.env');
    copyFileSync(join(ROOT, '.env.example'), envFile);
    const out = execFileSync(cmd!, [...pre, '--env-file', envFile, '-f', join(ROOT, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    const config = parse(out) as { services: Record<string, any>; volumes: Record<string, unknown> };
    expect(config.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(config.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(config.services.neo4j.volumes[0].source ?? config.services.neo4j.volumes[0]).toMatch(/neo4j-data/);
    expect(config.services.app.build).toBeTruthy();
    expect(config.services.app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(config.services.app.environment).toMatchObject({ NEO4J_URI: 'bolt://neo4j:7687', NEO4J_PASSWORD: 'change-me-please' });
    expect(Object.keys(config.volumes)).toContain('neo4j-data');
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
  it("runs the server with npm start's command and node flags", () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd, 'an exec-form CMD line').not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(startCommand());
    expect(startCommand()).toContain('--max-semi-space-size=32');
  });
});
