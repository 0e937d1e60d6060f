/**
 * The explorer's operations (client/src/api/operations.ts) checked against the served schema:
 * a schema change that breaks one of them fails here, before any browser runs.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';
import { buildSchema } from '../../server/src/schema';

describe('the explorer\'s operations', () => {
  const schema = buildSchema();
  it.each(Object.entries(EXPLORER_OPERATIONS))('%s is valid against the schema', (_name, text) => {
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });

  it('fails an operation that asks for a field the schema lacks', () => {
    const broken = EXPLORER_OPERATIONS.SEARCH!.replace('score', 'scoreless');
    expect(validate(schema, parse(broken)).map((e) => e.message)).toEqual([expect.stringMatching(/Cannot query field "scoreless"/)]);
  });
});
