/**
 * npm run neo4j [-- --data DIR --port 7687]
 * Starts Neo4j 5.26 community embedded with Bolt on 127.0.0.1, from Maven Central artefacts:
 * the first run copies the dependencies (mvn) and compiles the launcher (javac). Data lives in
 * .neo4j/ (ignored by git). Stops on Ctrl-C / SIGTERM.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const LIB = join(HERE, 'target', 'lib');
const CLASSES = join(HERE, 'target', 'classes');

export class Neo4jLaunchError extends Error {}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { cwd: HERE, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; stdout?: string };
    if (err.code === 'ENOENT') throw new Neo4jLaunchError(`${cmd} is not installed; the embedded Neo4j needs Java 17 and Maven`);
    throw new Neo4jLaunchError(`${cmd} ${args.join(' ')} failed:\n${(err.stdout ?? '') + (err.stderr ?? '')}`.slice(0, 4000));
  }
}

/** Fetches the Neo4j jars and compiles the launcher unless both are there already. */
export function prepareEmbeddedNeo4j(): void {
  if (!existsSync(LIB) || !readdirSync(LIB).some((f) => f.startsWith('neo4j-bolt-'))) {
    run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${LIB}`]);
  }
  const source = join(HERE, 'src', 'main', 'java', 'app', 'Launcher.java');
  const compiled = join(CLASSES, 'app', 'Launcher.class');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) {
    run('javac', ['-d', CLASSES, '-cp', `${LIB}/*`, source]);
  }
}

export interface EmbeddedNeo4j {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the embedded server and resolves once Bolt accepts connections. */
export function startEmbeddedNeo4j(opts: { dataDir: string; port: number; timeoutMs?: number; tieToParent?: boolean; heap?: string; pageCacheMb?: number }): Promise<EmbeddedNeo4j> {
  prepareEmbeddedNeo4j();
  const args = [`-Xmx${opts.heap ?? '1g'}`, '-cp', `${LIB}/*:${CLASSES}`, 'app.Launcher', opts.dataDir, ...(opts.tieToParent ? ['--stdin'] : [])];
  const env = { ...process.env, NEO4J_BOLT_PORT: String(opts.port), NEO4J_PAGECACHE_MB: String(opts.pageCacheMb ?? 256) };
  const child = spawn('java', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Neo4jLaunchError(`Neo4j did not start within ${opts.timeoutMs ?? 120000} ms:\n${output.slice(-3000)}`));
    }, opts.timeoutMs ?? 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /READY (bolt:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({
          uri: m[1]!,
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Neo4jLaunchError(`Neo4j exited with code ${code} before it was ready:\n${output.slice(-3000)}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Neo4jLaunchError(`cannot run java: ${e.message}`));
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { data: { type: 'string', default: join(HERE, '..', '..', '.neo4j') }, port: { type: 'string', default: '7687' } } });
  console.log('Preparing Neo4j 5.26 community (first run downloads it from Maven Central)...');
  try {
    const neo = await startEmbeddedNeo4j({ dataDir: values.data!, port: Number(values.port) });
    console.log(`Neo4j is ready at ${neo.uri} (no authentication, loopback only). Ctrl-C stops it.`);
    const stop = () => void neo.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`neo4j: ${(e as Error).message}`);
    process.exit(1);
  }
}
