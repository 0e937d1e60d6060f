/**
 * The growth benchmark's Neo4j side works: a tiny run loads a synthetic bundle through the bench's
 * own server process, collects the embedded Neo4j's heap after the load, and measures every
 * bounded operation without errors.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { collectNeo4jHeap, GROWTH_OPERATIONS, growthMarkdown, measure, neo4jConditions } from '../bench/growth.bench';

describe('growth bench on Neo4j', () => {
  it('loads, collects the JVM heap after the load, and measures every operation', async () => {
    const pid = inject('neo4jJvmPid');
    const row = await measure('neo4j', 1000, 1, { ...inject('neo4j'), jvmPid: pid ?? undefined }, 0, 1);
    expect(row.elementsPerSec).toBeGreaterThan(0);
    expect(row.operations.map((o) => o.name)).toEqual(GROWTH_OPERATIONS.map((o) => o.name));
    for (const o of row.operations) expect(o.errors).toBe(0);
    // Under NEO4J_URI the JVM is not ours, and the report says so.
    expect(row.neo4jCollectedAfterLoad).toBe(pid !== null);
    const md = growthMarkdown([row], 1, neo4jConditions([row]));
    expect(md).toContain(pid !== null ? 'ran one full collection (`jcmd <pid> GC.run`)' : 'was not the bench\'s own');
  }, 180_000);

  it('a JVM that is gone is an error, not a silent skip', () => {
    // jcmd itself is there (a missing jcmd would throw too, for the wrong reason)...
    expect(spawnSync('jcmd', ['-h']).error).toBeUndefined();
    // ...and refuses a process that does not exist.
    expect(() => collectNeo4jHeap(2 ** 22 + 12345)).toThrow(/Command failed: jcmd \d+ GC\.run/);
  });
});
