/** The last-resort handlers: a stray rejection or exception is logged and the process keeps serving. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs a script in a child process with the guards installed, returns its exit code and output. */
function run(script: string): Promise<{ code: number | null; out: string }> {
  const program = `
    import { installProcessGuards } from './server/src/process-guards.ts';
    import { createLogger } from './server/src/log.ts';
    installProcessGuards(createLogger('error'));
    ${script}
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('process guards', () => {
  it('log an unhandled rejection and keep the process running', async () => {
    const { code, out } = await run(`
      Promise.reject(new Error('nobody waits for this'));
      setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
    `);
    expect(out).toContain('unhandled promise rejection');
    expect(out).toContain('nobody waits for this');
    expect(out).toContain('still serving');
    expect(code).toBe(0);
  });

  it('log an exception thrown outside any try and keep the process running', async () => {
    const { code, out } = await run(`
      setTimeout(() => { throw new TypeError('thrown from a timer'); }, 10);
      setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
    `);
    expect(out).toContain('uncaught exception');
    expect(out).toContain('thrown from a timer');
    expect(out).toContain('still serving');
    expect(code).toBe(0);
  });

  it('are what the process would die of without them', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', "Promise.reject(new Error('x')); setTimeout(() => console.log('still serving'), 200);"], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).not.toBe(0);
    expect(out).not.toContain('still serving');
  });
});
