import { describe, expect, it } from 'vitest';
import { withoutStackTraces } from '../../server/src/store/neo4j/Neo4jGraphStore';

describe('withoutStackTraces', () => {
  it('creates errors without frames inside, and restores the limit after', () => {
    const before = Error.stackTraceLimit;
    const inside = withoutStackTraces(() => new Error('x'));
    expect(inside.stack).toBe('Error: x');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('y').stack!.split('\n').length).toBeGreaterThan(1);
  });

  it('restores the limit when the call throws, and passes the error on', () => {
    const before = Error.stackTraceLimit;
    expect(() =>
      withoutStackTraces(() => {
        throw new TypeError('bad');
      }),
    ).toThrow(TypeError);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
