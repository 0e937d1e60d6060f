/** A tiny run of the API benchmark (npm run bench:api) on the memory store: the script works. */
import { describe, expect, it } from 'vitest';
import { apiMarkdown, benchStore, OPERATIONS } from '../bench/api.bench';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';

describe('API benchmark script', () => {
  it('answers every operation and reports throughput and latency per operation', async () => {
    const results = await benchStore('memory', new MemoryGraphStore(reportBundle()), { connections: [2], duration: 1, runs: 1, warmup: 1 }, () => {});
    expect(results.map((r) => r.operation)).toEqual(OPERATIONS.map((o) => o.name));
    for (const r of results) {
      expect(r.errors).toBe(0);
      expect(r.requestsPerSec).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    }
    expect(apiMarkdown(results, { duration: 1, runs: 1 })).toContain('| memory | entity search | 2 |');
  }, 120_000);
});
