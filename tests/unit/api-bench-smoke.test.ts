/** A tiny run of the API benchmark (npm run bench:api) against the memory server: the script works. */
import { describe, expect, it } from 'vitest';
import { apiMarkdown, benchTargets, OPERATIONS, ratios } from '../bench/api.bench';
import { startServer } from '../helpers/serve';

describe('API benchmark script', () => {
  it('answers every operation and reports throughput and latency per operation', async () => {
    const app = await startServer({}, 'bench-smoke');
    try {
      const query = (op: string) => OPERATIONS.find((o) => o.name === op)!.query;
      const opts = { connections: [2], duration: 1, runs: 1, warmup: 1 };
      // The same server under two names stands in for ours and the peer, to exercise the ratios.
      const results = await benchTargets([{ name: 'memory', url: `${app.url}/graphql`, query }, { name: 'twin', url: `${app.url}/graphql`, query: (op) => (op === 'shortest path' ? null : query(op)) }], opts, () => {});
      expect(results.filter((r) => r.store === 'memory').map((r) => r.operation)).toEqual(OPERATIONS.map((o) => o.name));
      expect(results.filter((r) => r.store === 'twin')).toHaveLength(OPERATIONS.length - 1);
      for (const r of results) {
        expect(r.errors).toBe(0);
        expect(r.requestsPerSec).toBeGreaterThan(0);
      }
      const compared = ratios(results, 'memory', 'twin');
      expect(compared.map((c) => c.operation)).toEqual(OPERATIONS.map((o) => o.name).filter((n) => n !== 'shortest path'));
      // Each ratio pairs the same operation at the same connections, ours over the peer.
      for (const c of compared) {
        const rps = (store: string) => results.find((r) => r.store === store && r.operation === c.operation && r.connections === c.connections)!.requestsPerSec;
        expect([c.ours, c.peer]).toEqual([rps('memory'), rps('twin')]);
        expect(c.ratio).toBeCloseTo(c.ours / c.peer, 2);
      }
      const md = apiMarkdown(results, opts, compared, { 'shortest path': 'not asked: no path query' });
      // The report shows what was measured, each figure in its column.
      for (const r of results) expect(md).toContain(`| ${r.store} | ${r.operation} | ${r.connections} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} |`);
      expect(md).toContain('ours / peer');
      expect(md).toContain('- shortest path: not asked: no path query.');
    } finally {
      await app.stop();
    }
  }, 180_000);
});
