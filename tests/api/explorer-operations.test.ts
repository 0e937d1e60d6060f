/**
 * The explorer's operations (client/src/api/operations.ts) checked against the served schema:
 * a schema change that breaks one of them fails here, before any browser runs.
 */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';
import { schemaSdl } from '../../server/src/schema';

describe('the explorer\'s operations', () => {
  // Built from the printed SDL: the server's schema objects may belong to another copy of graphql.
  const schema = buildSchema(schemaSdl());
  it.each(Object.entries(EXPLORER_OPERATIONS))('%s is valid against the schema', (_name, text) => {
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });

  it('fails an operation that asks for a field the schema lacks', () => {
    const broken = EXPLORER_OPERATIONS.SEARCH!.replace('score', 'scoreless');
    expect(validate(schema, parse(broken)).map((e) => e.message)).toEqual([expect.stringMatching(/Cannot query field "scoreless"/)]);
  });
});
