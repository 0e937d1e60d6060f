/** The faults script's outage part works: a short run with Neo4j stopped and started again. */
import { describe, expect, it } from 'vitest';
import { faultsMarkdown, outage } from '../bench/faults.bench';

describe('faults script: Neo4j outage', () => {
  it('codes every error, confines errors to the outage and recovers without a server restart', async () => {
    const r = await outage({ stopAfterMs: 3000, downMs: 1000, afterMs: 2000, connections: 2 });
    expect(r.okBefore).toBeGreaterThan(0);
    expect(r.okAfter).toBeGreaterThan(0);
    expect(r.uncodedErrors).toBe(0);
    expect(r.http5xx).toBe(0);
    expect(r.errorsOutsideOutage).toBe(0);
    expect(r.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(faultsMarkdown({ outage: r })).toContain('no server restart');
  }, 600_000);
});
