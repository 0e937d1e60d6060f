/**
 * The faults script's outage part works: a short run with Neo4j stopped and started again. The
 * Neo4j is the script's own, whatever NEO4J_URI says, so the outage happens in every mode; the
 * run must show errors while Neo4j is down, all of them coded, and good answers on both sides.
 */
import { describe, expect, it } from 'vitest';
import { faultsMarkdown, outage } from '../bench/faults.bench';

describe('faults script: Neo4j outage', () => {
  it('sees the outage, codes every error, confines errors to the outage and recovers without a server restart', async () => {
    const r = await outage({ stopAfterMs: 3000, downMs: 1000, afterMs: 2000, connections: 2 });
    expect(r.okBefore, JSON.stringify(r)).toBeGreaterThan(0);
    // Neo4j was really down: clients saw errors between the stop and its return, coded as such.
    expect(r.errorsDuringOutage, JSON.stringify(r.codes)).toBeGreaterThan(0);
    expect(r.codes.SERVICE_UNAVAILABLE ?? 0).toBeGreaterThan(0);
    expect(r.okAfter).toBeGreaterThan(0);
    expect(r.uncodedErrors).toBe(0);
    expect(r.http5xx).toBe(0);
    expect(r.errorsOutsideOutage).toBe(0);
    // Recovery is measured from Neo4j's return to the first good answer after it.
    expect(r.firstGoodAfterBackMs).toBeGreaterThan(r.neo4jBackAtMs);
    expect(r.neo4jBackAtMs).toBeGreaterThan(r.stoppedAtMs);
    expect(faultsMarkdown({ outage: r })).toContain('no server restart');
  }, 600_000);
});
