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
        expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
      }
      const compared = ratios(results, 'memory', 'twin');
      expect(compared.map((c) => c.operation)).not.toContain('shortest path');
      expect(compared.every((c) => c.ratio > 0)).toBe(true);
      const md = apiMarkdown(results, opts, compared, { 'shortest path': 'not asked: no path query' });
      expect(md).toContain('| memory | entity search | 2 |');
      expect(md).toContain('ours / peer');
      expect(md).toContain('- shortest path: not asked: no path query.');
    } finally {
      await app.stop();
    }
  }, 180_000);
});
