/**
 * Which operations read passage content: the ones that do not get loaders that leave passage text
 * out of their reads.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server/src/schema';
import { readsEntityContent, readsPassageContent, readsRelationContent } from '../../server/src/schema/lookahead';
import { LIGHT_ENTITY_FIELDS, LIGHT_RELATION_FIELDS } from '../../server/src/schema/resolvers';

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

describe('reading entity content', () => {
  const content = (q: string) => readsEntityContent(schema, parse(q), LIGHT_ENTITY_FIELDS);

  it('is false when entities are asked for names, relations, mentions and related entities only', () => {
    expect(content('{ entity(id: "ministry:molvt") { id name type aliases relations { id type source { id name type } target { id } evidence { quote passage { id } } } mentions(limit: 20) { start end passage { id } } } }')).toBe(false);
    expect(content('{ entity(id: "x") { ... on Finding { citations { id name ... on Study { usesData { id } } } about { id } datasets { name } } } }')).toBe(false);
    expect(content('{ neighborhood(ids: ["x"]) { nodes { id name type __typename } relations { id } } passage(id: "p") { text mentions { entity { id } } } }')).toBe(false);
  });

  it('is true for properties, evidence or a typed field of any entity, however it is reached', () => {
    expect(content('{ entity(id: "x") { properties } }')).toBe(true);
    expect(content('{ entity(id: "x") { relations { source { ... on Study { year } } } } }')).toBe(true);
    expect(content('{ entity(id: "x") { ... on Finding { statement } } }')).toBe(true);
    expect(content('{ entity(id: "x") { ... on Finding { evidence { quote } } } }')).toBe(true);
    expect(content('{ entity(id: "x") { evidenceSpans { quote } } }')).toBe(true);
    expect(content('{ passage(id: "p") { mentions { entity { ...E } } } } fragment E on Entity { ... on Statistic { value } }')).toBe(true);
    expect(content('{ search(query: "x") { entity { ...E } } } fragment E on Organization { parents { properties } }')).toBe(true);
  });

  it('answers each question on its own for the same document', () => {
    const doc = parse('{ entity(id: "x") { properties mentions { passage { id } } } }');
    expect(readsEntityContent(schema, doc, LIGHT_ENTITY_FIELDS)).toBe(true);
    expect(readsPassageContent(schema, doc)).toBe(false);
  });
});

describe('reading relation content', () => {
  const content = (q: string) => readsRelationContent(schema, parse(q), LIGHT_RELATION_FIELDS);

  it('is false when relations are asked for their id, type and ends only', () => {
    expect(content('{ neighborhood(ids: ["x"], depth: 2) { nodes { id } relations { id type source { id } target { id name properties } } } }')).toBe(false);
    expect(content('{ path(from: "a", to: "b") { nodes { id } relations { id type __typename } } }')).toBe(false);
  });

  it('is true for their evidence or properties, however they are reached', () => {
    expect(content('{ entity(id: "x") { relations { id evidence { quote } } } }')).toBe(true);
    expect(content('{ path(from: "a", to: "b") { relations { ...R } } } fragment R on Relation { properties }')).toBe(true);
    expect(content('{ neighborhood(ids: ["x"]) { nodes { relations { type evidence { start } } } } }')).toBe(true);
  });
});
