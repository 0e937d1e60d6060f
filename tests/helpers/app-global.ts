/**
 * Serves the app for the browser tests exactly as a user starts it: `npm start` (which builds the
 * explorer when stale, seeds the in-memory store and serves) on a free port, stopped with SIGTERM
 * at the end. The address reaches the tests through inject('appUrl').
 */
import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { freePort } from './neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.NEO4J_URI;
  const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`npm start did not become ready within 180 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('appUrl', url);
  return async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
}
