/**
 * Which operations read passage content: the ones that do not get loaders that leave passage text
 * out of their reads.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server/src/schema';
import { readsPassageContent } from '../../server/src/schema/lookahead';

const schema = buildSchema();
const reads = (q: string) => readsPassageContent(schema, parse(q));

describe('reading passage content', () => {
  it('is false when passages are asked for their id only, at any depth', () => {
    expect(reads('{ entity(id: "ministry:molvt") { id relations { evidence { quote passage { id __typename } } } mentions { start passage { id } } } }')).toBe(false);
    expect(reads('{ search(query: "x") { entity { id name } } stats { entities } }')).toBe(false);
    expect(reads('{ passage(id: "p:2-004") { id } }')).toBe(false);
  });

  it('is true for any other passage field, however it is reached', () => {
    expect(reads('{ entity(id: "x") { mentions { passage { id text } } } }')).toBe(true);
    expect(reads('{ passage(id: "p:2-004") { id previous { id } } }')).toBe(true);
    expect(reads('{ entity(id: "x") { relations { evidence { passage { ...P } } } } } fragment P on Passage { chapter }')).toBe(true);
    expect(reads('{ entity(id: "x") { ... on Finding { evidence { passage { ... on Passage { text } } } } } }')).toBe(true);
    expect(reads('query A { entity(id: "x") { ...E } } fragment E on Entity { mentions { ...M } } fragment M on Mention { passage { label } }')).toBe(true);
  });

  it('looks at each fragment once, so a fragment bomb (2^40 paths) costs a linear walk', () => {
    const depth = 40;
    const fragments = Array.from({ length: depth }, (_, i) => `fragment F${i} on Entity { id ${i + 1 < depth ? `relations { source { ...F${i + 1} } target { ...F${i + 1} } }` : 'mentions { passage { id } }'} }`);
    expect(reads(`{ entity(id: "x") { ...F0 } } ${fragments.join(' ')}`)).toBe(false);
  });
});
