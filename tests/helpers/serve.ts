/** Starts the app the way a user does (`npm start`) on a free port and waits until it is ready. */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './neo4j';

export interface RunningApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startApp(extraEnv: Record<string, string> = {}, timeoutMs = 180_000): Promise<RunningApp> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv };
  if (!extraEnv.NEO4J_URI) delete env.NEO4J_URI;
  const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // The app's own log goes to test-results/app-<port>.log, for reading after a failed run.
  const logDir = join(import.meta.dirname, '..', '..', 'test-results');
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(join(logDir, `app-${port}.log`));
  let output = '';
  const collect = (d: Buffer) => {
    output = (output + d).slice(-20_000);
    logFile.write(d);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.once('exit', (code, signal) => logFile.end(`\n[npm start exited: code ${code}, signal ${signal}]\n`));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`npm start did not become ready within ${timeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
