/** A small run of the GraphQL fuzzer against the Neo4j store (npm run bench:fuzz runs 10,000). */
import { describe, expect, inject, it } from 'vitest';
import { fuzzMarkdown, runFuzz } from '../bench/fuzz.bench';

describe('GraphQL fuzzer on Neo4j', () => {
  it('runs 300 generated and mutated operations, several at a time, with no problem and the stored graph unchanged', async () => {
    const report = await runFuzz(300, 11, { neo4j: inject('neo4j'), concurrency: 8 });
    expect(report.store).toBe('neo4j');
    expect(report.problems).toEqual([]);
    expect(report.graphUnchanged).toBe(true);
    expect(report.serverErrorsLogged).toBe(0);
    expect(Object.keys(report.byCode).length).toBeGreaterThan(3);
    expect(fuzzMarkdown([report])).toContain('against the Neo4j store');
  }, 300_000);
});
