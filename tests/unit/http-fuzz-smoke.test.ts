/** A small run of the HTTP-level fuzzer (npm run bench:http-fuzz runs 5,000 and 500 slow clients). */
import { describe, expect, it } from 'vitest';
import { rawCase, sendRaw } from '../bench/http-fuzz';
import { httpFuzzMarkdown, runHttpFuzz } from '../bench/http-fuzz.bench';

describe('HTTP fuzzer', () => {
  it('generates the same raw request for the same seed and case, and different ones across cases', () => {
    expect(rawCase(1, 5).pieces.map(String)).toEqual(rawCase(1, 5).pieces.map(String));
    const distinct = new Set(Array.from({ length: 50 }, (_, i) => Buffer.concat(rawCase(1, i).pieces).toString('latin1')));
    expect(distinct.size).toBeGreaterThan(40);
  });

  it('flags a connection the server holds open past the timeout as a problem', async () => {
    // A listener that accepts and never answers stands for a server without timeouts.
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const outcome = await sendRaw(port, { pieces: [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n')], unfinished: true, label: 'x' }, 300);
    silent.close();
    expect(outcome.problem).toMatch(/held open/);
  });

  it('runs 240 raw requests and 60 never-finishing connections with no problem and the process alive', async () => {
    const report = await runHttpFuzz(240, 5, 60);
    expect(report.problems).toEqual([]);
    expect(report.alive).toBe(true);
    expect(report.healthAlways).toBe(true);
    expect(report.slow.closedByServer).toBe(60);
    expect(report.byStatus['400']).toBeGreaterThan(50);
    expect(httpFuzzMarkdown(report)).toContain('240 raw requests');
  }, 180_000);
});
