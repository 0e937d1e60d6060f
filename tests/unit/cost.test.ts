/** The cost of an operation, counted before it runs (server/src/schema/cost.ts). */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server/src/schema';
import { operationCost, UNKNOWN_LIST_SIZE, type CostBounds } from '../../server/src/schema/cost';
import { costBoundsFromBundles, STATIC_COST_BOUNDS } from '../../server/src/schema/cost-bounds';
import { reportBundle } from '../helpers/report';

const schema = buildSchema();
const cost = (query: string, bounds: CostBounds = {}, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), null, variables, bounds).cost;

describe('operation cost', () => {
  it('multiplies each list by its limit along the path, as GitHub counts nodes', () => {
    // 10 entities, each with 5 relations: 10 + 10 * 5.
    expect(cost('{ entities(limit: 10) { id relations(limit: 5) { id } } }')).toBe(60);
    // Singular fields cost nothing of their own; lists under them still multiply.
    expect(cost('{ entities(limit: 10) { relations(limit: 5) { source { relations(limit: 2) { id } } } } }')).toBe(10 + 50 + 50 * 2);
    // Scalars and lists of scalars are values, not nodes.
    expect(cost('{ entities(limit: 10) { id name aliases } }')).toBe(10);
  });

  it('uses the declared default when no limit is given, and variables when one is', () => {
    expect(cost('{ entities { id } }')).toBe(100);
    expect(cost('{ entities { relations { id } } }')).toBe(100 + 100 * 100);
    expect(cost('query($n: Int) { entities(limit: $n) { id } }', {}, { n: 7 })).toBe(7);
    expect(cost('query($n: Int) { entities(limit: $n) { id } }', {}, {})).toBe(100);
    // A variable left out takes the operation's own default, as execution will.
    expect(cost('query($n: Int = 1000) { entities(limit: $n) { id relations(limit: $n) { id } } }', {}, {})).toBe(cost('{ entities(limit: 1000) { id relations(limit: 1000) { id } } }'));
    expect(cost('query($n: Int = 1000) { entities(limit: $n) { id } }', {}, { n: 3 })).toBe(3);
  });

  it('counts a selection nested past what it follows as over any limit, not as free (introspection goes unchecked by the depth limit)', () => {
    let body = 'types { name fields { name type { name } } }';
    for (let i = 0; i < 70; i++) body = `... on __Schema { ${body} }`;
    expect(cost(`{ __schema { ${body} } }`)).toBe(Number.MAX_SAFE_INTEGER);
    // The same selection without the padding is counted as it is.
    expect(cost('{ __schema { types { name fields { name type { name } } } } }', { '__Schema.types': 60, '__Type.fields': 30 })).toBe(60 + 60 * 30);
  });

  it('counts what lies behind fragments on implementations: abstract types do not escape the count', () => {
    const direct = cost('{ entity(id: "x") { relations(limit: 10) { source { ... on Study { citedBy(limit: 50) { id } } } } } }');
    expect(direct).toBe(10 + 10 * 50);
    const named = cost('{ entity(id: "x") { relations(limit: 10) { source { ...S } } } } fragment S on Study { citedBy(limit: 50) { id } }');
    expect(named).toBe(direct);
    // Under an interface the costliest implementation counts, not the sum of all of them.
    const two = cost('{ entity(id: "x") { ... on Study { citedBy(limit: 50) { id } } ... on Place { statistics { id } } } }', { '*.statistics': 30 });
    expect(two).toBe(50);
  });

  it('charges a search the index it ranks, however few hits it returns', () => {
    const b = reportBundle();
    const bounds = costBoundsFromBundles([b]);
    expect(cost('{ search(query: "labour", limit: 10) { entity { id } } }', bounds)).toBe(b.entities.length + 10);
    expect(cost('{ passages(query: "labour", limit: 5) { id } }', bounds)).toBe(b.passages.length + 5);
    // Each word is looked up: a search of two words ranks the index twice, and a phrase past the
    // words a search takes counts as that many (it is refused as it runs).
    expect(cost('{ passages(query: "labour migration", limit: 5) { id } }', bounds)).toBe(2 * b.passages.length + 5);
    expect(cost(`{ passages(query: "${'a '.repeat(250)}", limit: 5) { id } }`, bounds)).toBe(32 * b.passages.length + 5);
    // A filter's name search ranks the entity index once per word, as a search does.
    expect(cost('{ entities(where: { nameMatches: "labour ministry" }, limit: 1) { id } }', bounds)).toBe(2 * b.entities.length + 1);
    expect(cost('query($w: EntityWhere) { entities(where: $w, limit: 1) { id } }', bounds, { w: { nameMatches: 'a b c' } })).toBe(3 * b.entities.length + 1);
    // Thirty aliased passage searches of two words rank every passage sixty times, and list up to
    // every passage each: a heavy operation (5,000 or more), run on the heavy thread.
    const aliases = Array.from({ length: 30 }, (_, i) => `p${i}: passages(query: "migration ${i}", limit: 1000) { id text }`).join(' ');
    expect(cost(`{ ${aliases} }`, bounds)).toBe(30 * 3 * b.passages.length);
    expect(cost(`{ ${aliases} }`, bounds)).toBeGreaterThanOrEqual(5000);
  });

  it('gives whitespace and ordering variants of one operation the same cost', () => {
    const a = cost('{ entities(limit: 10) { id relations(limit: 5) { id } } }');
    const b = cost('{entities(limit:10){relations(limit:5){id}\n\n id}}');
    expect(b).toBe(a);
  });

  it('counts the 148-byte query that once took the server down as the tens of millions of nodes it can reach', () => {
    const q = '{ entity(id:"no-such-id"){ relations{ source{ relations{ source{ relations{ source{ relations{ source{ relations{ source{ id } } } } } } } } } } } }';
    expect(q.length).toBe(148);
    // 100 + 100^2 + ... + 100^5 with the API's default of 100 relations.
    expect(cost(q)).toBe(100 + 1e4 + 1e6 + 1e8 + 1e10);
  });

  it('is computed in time linear in the operation, however deep the interface nesting', () => {
    // Twelve levels of an interface with eleven implementations: a walk per implementation
    // would take 11^12 steps; the memo makes it a few hundred.
    let sel = 'id';
    for (let i = 0; i < 12; i++) sel = `relations(limit: 2) { source { ${sel} } }`;
    const expected = Array.from({ length: 12 }, (_, i) => 2 ** (i + 1)).reduce((a, b) => a + b, 0);
    expect(cost(`{ entity(id: "x") { ${sel} } }`)).toBe(expected);
  });

  it('takes list sizes from the loaded graph: never above the largest list there, sizeless lists at it', () => {
    const bundle = reportBundle();
    const bounds = costBoundsFromBundles([bundle]);
    const degree = bounds['*.relations']!;
    expect(degree).toBeGreaterThan(5);
    expect(degree).toBeLessThan(500);
    // relations(limit: 500) counts as many as the best-connected entity has.
    expect(cost('{ entity(id: "x") { relations(limit: 500) { id } } }', bounds)).toBe(degree);
    // The document outline: each chapter, section and passage belongs to one parent, so the
    // lists reached through them alone never hold more than the graph's totals.
    const outline = cost('{ documents { chapters { sections { passages { id mentions { text } } } } } }', bounds);
    const b = (k: string) => bounds[k]!;
    expect(outline).toBe(b('Query.documents!') + b('Document.chapters!') + b('Chapter.sections!') + b('Section.passages!') + b('Passage.mentions!'));
    expect(outline).toBeLessThan(b('Chapter.sections') * b('Section.passages') * b('Passage.mentions'));
    // Reached through a list that does not partition (an entity's mentions can share a passage),
    // the same lists count as the product of their largest sizes.
    const shared = cost('{ entity(id: "x") { mentions(limit: 1000) { passage { mentions { text } } } } }', bounds);
    expect(shared).toBe(b('*.mentions') + b('*.mentions') * b('Passage.mentions'));
    // A list the bounds do not know is counted at a fixed size.
    expect(cost('{ tables { rows { label } } }', {})).toBe(UNKNOWN_LIST_SIZE + UNKNOWN_LIST_SIZE * UNKNOWN_LIST_SIZE);
  });

  it('sizes a subgraph by its limit: nodes up to the limit, relations up to limit times the largest degree', () => {
    const bounds: CostBounds = { 'Subgraph.nodes': 10_000, 'Subgraph.relations': 10_000, 'Subgraph.relations*': 3 };
    expect(cost('{ neighborhood(ids: ["a"], limit: 50) { nodes { id } relations { id } } }', bounds)).toBe(50 + 150);
    expect(cost('{ neighborhood(ids: ["a"], limit: 5000) { relations { id } } }', bounds)).toBe(10_000);
  });

  it('without a graph to read, counts related-entity lists at the 1,000 relations they may read', () => {
    expect(cost('{ entity(id: "x") { ... on Organization { units { id } } } }', STATIC_COST_BOUNDS)).toBe(1000);
  });
});

describe('cost bounds of fields that follow one hop', () => {
  it('are the most relations of that hop one entity has, so nested hops do not multiply hub degrees', async () => {
    const { syntheticBundle } = await import('../bench/graph-synth');
    const { ENTITY } = await import('../../client/src/api/queries');
    const { bundle } = syntheticBundle(20_000);
    const bounds = costBoundsFromBundles([bundle]);
    const mostUsed = (type: string, side: 'source' | 'target') => {
      const n = new Map<string, number>();
      for (const r of bundle.relations) if (r.type === type) n.set(r[side], (n.get(r[side]) ?? 0) + 1);
      return Math.max(1, ...n.values());
    };
    // A study lists the datasets it uses; a dataset lists the studies that used it.
    expect(bounds['*.usesData']).toBe(mostUsed('USES_DATA', 'source'));
    expect(bounds['*.citations']).toBe(mostUsed('SUPPORTED_BY', 'source'));
    // Each is far below the largest degree, which bounds `relations` itself.
    expect(bounds['*.usesData']).toBeLessThan(bounds['*.relations']! / 10);
    // The explorer's entity query fits the default limit on a graph with hubs of thousands of relations.
    expect(cost(ENTITY, bounds, { id: 'x' })).toBeLessThan(50_000);
  });
});
