/** The faults script's SIGTERM and soak parts work (the Neo4j outage part has its own smoke run under tests/neo4j). */
import { describe, expect, it } from 'vitest';
import { faultsMarkdown, refusedCleanly, sigterm, soak } from '../bench/faults.bench';

describe('faults script', () => {
  it('a clean refusal is answers, then refusals, with at most one reset at the turn', () => {
    expect(refusedCleanly(['answered', 'answered', 'ECONNREFUSED', 'ECONNREFUSED'])).toBe(true);
    expect(refusedCleanly(['answered', 'ECONNRESET', 'ECONNREFUSED'])).toBe(true);
    expect(refusedCleanly(['ECONNREFUSED'])).toBe(true);
    expect(refusedCleanly(['answered', 'answered'])).toBe(false);
    expect(refusedCleanly(['answered', 'ECONNREFUSED', 'answered', 'ECONNREFUSED'])).toBe(false);
    expect(refusedCleanly(['answered', 'ECONNRESET', 'ECONNRESET', 'ECONNREFUSED'])).toBe(false);
    expect(refusedCleanly(['ECONNRESET', 'answered', 'ECONNREFUSED'])).toBe(false);
    expect(refusedCleanly(['answered', 'HTTP 503', 'ECONNREFUSED'])).toBe(false);
  });

  it('SIGTERM: requests in flight complete, a new connection is refused, the server exits 0', async () => {
    const r = await sigterm({ inFlight: 8 });
    expect(r.inFlightFailed).toEqual([]);
    expect(r.inFlightCompleted).toBe(8);
    expect(r.newRequestsRefusedCleanly, JSON.stringify(r.newRequests)).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(faultsMarkdown({ sigterm: r })).toContain('completed with an answer: 8');
  }, 120_000);

  it('soak: a short run at a fixed rate reports errors and resident memory', async () => {
    const r = await soak({ seconds: 3, rate: 50, warmupSeconds: 1 });
    expect(r.errors).toBe(0);
    expect(r.non2xx).toBe(0);
    expect(r.requests).toBeGreaterThan(50);
    expect(r.rssEndMb).toBeGreaterThan(0);
    expect(faultsMarkdown({ soak: r })).toContain('Resident memory');
  }, 120_000);
});
