/** A small run of the GraphQL fuzzer (npm run bench:fuzz runs 10,000): the script works and finds nothing. */
import { describe, expect, it } from 'vitest';
import { classify } from '../bench/fuzz';
import { fuzzMarkdown, runFuzz } from '../bench/fuzz.bench';

describe('GraphQL fuzzer', () => {
  it('classifies answers: 5xx, missing codes and leaked internals are problems', () => {
    expect(classify(500, 'x').problem).toMatch(/HTTP 500/);
    expect(classify(200, '{"errors":[{"message":"boom"}]}').problem).toMatch(/without an actionable code/);
    expect(classify(200, '{"errors":[{"message":"at f (/a/b.ts:1:2)","extensions":{"code":"BAD_USER_INPUT"}}]}').problem).toMatch(/internal detail/);
    expect(classify(200, '{"data":{}}').problem).toBeNull();
    expect(classify(200, `{"data":{"a":"${'x'.repeat(9 * 1024 * 1024)}"}}`).problem).toMatch(/past the response caps/);
  });

  it('runs 300 generated and mutated operations with no problem and the graph unchanged', async () => {
    const report = await runFuzz(300, 7);
    expect(report.problems).toEqual([]);
    expect(report.graphUnchanged).toBe(true);
    expect(report.serverErrorsLogged).toBe(0);
    expect(Object.keys(report.byCode).length).toBeGreaterThan(3);
    expect(fuzzMarkdown([report])).toContain('300 operations');
  });
});
