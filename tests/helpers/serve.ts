/**
 * Servers in processes of their own, started the way users start them and waited on until
 * ready. Each one's output goes to test-results/<label>-<port>.log, for reading after a failed run.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './neo4j';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningApp {
  url: string;
  pid: number;
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface SpawnOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Path answered with a 2xx once the server is ready. */
  readyPath: string;
  label: string;
  timeoutMs?: number;
  /** Where to run it (default: this checkout). */
  cwd?: string;
}

/** Spawns a server on a free port (PORT in its environment) and waits for readyPath to answer. */
export async function spawnServer(opts: SpawnOptions): Promise<RunningApp> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...opts.env };
  if (!opts.env.NEO4J_URI) delete env.NEO4J_URI;
  const child = spawn(opts.command, opts.args, { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logDir = join(ROOT, 'test-results');
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(join(logDir, `${opts.label}-${port}.log`));
  let output = '';
  const collect = (d: Buffer) => {
    output = (output + d).slice(-20_000);
    logFile.write(d);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      logFile.end(`\n[${opts.label} exited: code ${code}, signal ${signal}]\n`);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.label} exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}${opts.readyPath}`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`${opts.label} did not become ready within ${opts.timeoutMs ?? 180_000} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    pid: child.pid!,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** `npm start`, as a user runs it. */
export function startApp(extraEnv: Record<string, string> = {}, timeoutMs = 180_000): Promise<RunningApp> {
  return spawnServer({ command: 'npm', args: ['start'], env: extraEnv, readyPath: '/readyz', label: 'app', timeoutMs });
}

/**
 * `npm start`'s command split into words: node, its flags (heap sizing among them), then the
 * entry point. Benchmarks and tests start the server with exactly these.
 */
export function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json's start script should run node directly, found: ${pkg.scripts.start}`);
  return words;
}

/** The server alone (no explorer build step), as `npm start` finally runs it: node with tsx. */
export function startServer(extraEnv: Record<string, string> = {}, label = 'server'): Promise<RunningApp> {
  return spawnServer({ command: process.execPath, args: startCommand().slice(1), env: extraEnv, readyPath: '/readyz', label });
}

/** A process's resident memory in MB, read from /proc (0 when it is gone). */
export function residentMb(pid: number): number {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}
