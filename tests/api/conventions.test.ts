/**
 * The GraphQL conventions a GraphQL user expects, over HTTP on the memory store: descriptions in
 * introspection, global ids, connections with cursors, filters and order, enums, exact answers
 * for the three jobs (browsing institutions, tracing a finding, querying), and persisted
 * operations.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { operationHash } from '../../server/src/persistedOperations';
import { withHint } from '../../server/src/validationHints';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';
import { filteredBodies, reportBundle } from '../helpers/report';

const bundle = reportBundle();
let app: App;
let url: string;

beforeAll(async () => {
  app = createApp(new MemoryGraphStore(bundle), createLogger('error', () => {}));
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Building the report's graph takes seconds, more on a loaded machine.
}, 120_000);
afterAll(() => app.close());

type Errors = { message: string; extensions?: { code?: string; argument?: string } }[];
async function post(body: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { data?: any; errors?: Errors };
}
const gql = (query: string, variables: Record<string, unknown> = {}) => post({ query, variables });
async function ok(query: string, variables: Record<string, unknown> = {}) {
  const r = await gql(query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('introspection', () => {
  const INTROSPECT = `{ __schema { queryType { fields { name type { name kind ofType { name } } } }
    types { name kind description
      fields { name description args { name description } }
      inputFields { name description }
      enumValues { name description } } } }`;

  it('describes every type, field, argument, input field and enum value', async () => {
    const types = (await ok(INTROSPECT)).__schema.types.filter((t: { name: string }) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));
    const missing: string[] = [];
    let fields = 0;
    let args = 0;
    for (const t of types) {
      if (!t.description) missing.push(t.name);
      for (const f of [...(t.fields ?? []), ...(t.inputFields ?? []), ...(t.enumValues ?? [])]) {
        fields++;
        if (!f.description) missing.push(`${t.name}.${f.name}`);
        for (const a of f.args ?? []) {
          args++;
          if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
    }
    expect(types.length).toBeGreaterThan(50);
    expect(fields).toBeGreaterThan(400);
    expect(args).toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });

  it('offers connections and global ids on Query', async () => {
    const fields = (await ok(INTROSPECT)).__schema.queryType.fields as { name: string; type: { name: string | null; ofType: { name: string } | null } }[];
    const connections = fields.filter((f) => (f.type.name ?? f.type.ofType?.name ?? '').endsWith('Connection')).map((f) => f.name);
    expect(connections.length).toBeGreaterThanOrEqual(3);
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['node', 'nodes']));
  });
});

describe('global ids', () => {
  it('answers node(id:) for an entity, a passage, a table and a document, and null for an unknown id', async () => {
    const d = await ok(`{
      e: node(id: "ministry:molvt") { __typename id ... on Entity { name entityType } }
      p: node(id: "p:2-004") { __typename id ... on Passage { order } }
      t: node(id: "table:2.1") { __typename id ... on Table { number } }
      d: node(id: "${bundle.document.id}") { __typename id ... on Document { title } }
      x: node(id: "no:such") { id }
      all: nodes(ids: ["p:2-004", "no:such", "study:tong-2012"]) { id __typename }
    }`);
    expect(d.e).toMatchObject({ __typename: 'Organization', id: 'ministry:molvt', entityType: 'Ministry' });
    expect(d.p).toMatchObject({ __typename: 'Passage', id: 'p:2-004' });
    expect(d.t).toMatchObject({ __typename: 'Table', number: '2.1' });
    expect(d.d).toMatchObject({ __typename: 'Document', title: bundle.document.title });
    expect(d.x).toBeNull();
    expect(d.all).toEqual([{ id: 'p:2-004', __typename: 'Passage' }, null, { id: 'study:tong-2012', __typename: 'Study' }]);
  });
});

describe('connections', () => {
  const PAGE = `query($after: String, $where: EntityWhere, $orderBy: [EntityOrder!]) {
    entitiesConnection(first: 3, after: $after, where: $where, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name mentionCount } } nodes { id } } }`;

  /** Every page of a filtered, ordered entity list, walked by cursor. */
  async function walk(variables: Record<string, unknown>) {
    const seen: { id: string; name: string; mentionCount: number }[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 100; page++) {
      const c: any = (await ok(PAGE, { ...variables, after })).entitiesConnection;
      total = c.totalCount;
      expect(c.nodes).toEqual(c.edges.map((e: { node: { id: string } }) => ({ id: e.node.id })));
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...c.edges.map((e: { node: never }) => e.node));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    return seen;
  }

  it('pages a filtered list by cursor, every item once, in the order asked', async () => {
    const ministries = await walk({ where: { types: ['Ministry'] } });
    expect(ids(ministries)).toEqual(bundle.entities.filter((e) => e.type === 'Ministry').map((e) => e.id).sort());
    const byMentions = await walk({ where: { types: ['Ministry', 'Committee'] }, orderBy: [{ field: 'MENTION_COUNT', direction: 'DESC' }] });
    expect(byMentions.length).toBeGreaterThan(ministries.length);
    for (let i = 1; i < byMentions.length; i++) expect(byMentions[i - 1]!.mentionCount).toBeGreaterThanOrEqual(byMentions[i]!.mentionCount);
    const byName = await walk({ where: { types: ['Ministry'] }, orderBy: [{ field: 'NAME' }] });
    expect(byName.map((e) => e.name)).toEqual(byName.map((e) => e.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  });

  it('filters by name, relation, mention count and document', async () => {
    const d = await ok(`{
      labour: entitiesConnection(first: 50, where: { nameContains: "Labour", types: [Ministry] }) { nodes { id } }
      chairs: entitiesConnection(where: { hasRelation: [{ types: [CHAIRS], direction: OUT }] }) { nodes { id } }
      vice: entitiesConnection(where: { hasRelation: [{ types: [VICE_CHAIRS], direction: OUT, to: "committee:migration-working-group" }] }) { nodes { id } }
      busy: entitiesConnection(first: 1000, where: { mentionCountAtLeast: 20 }) { totalCount nodes { mentionCount } }
      inDoc: entitiesConnection(first: 0, where: { document: "${bundle.document.id}" }) { totalCount pageInfo { hasNextPage } }
      typo: entitiesConnection(where: { nameMatches: "Labuor ministry" }) { nodes { id } }
    }`);
    expect(ids(d.labour.nodes)).toContain('ministry:molvt');
    expect(ids(d.chairs.nodes)).toEqual(['ministry:moi']);
    expect(ids(d.vice.nodes)).toEqual(['ministry:moj', 'ministry:molvt', 'ministry:mowa']);
    expect(d.busy.totalCount).toBeGreaterThan(0);
    expect(d.busy.nodes.every((n: { mentionCount: number }) => n.mentionCount >= 20)).toBe(true);
    expect(d.inDoc.totalCount).toBe(new Set(bundle.mentions.map((m) => m.entityId)).size);
    expect(d.inDoc.pageInfo.hasNextPage).toBe(true);
    expect(ids(d.typo.nodes)).toContain('ministry:molvt');
  });

  it('pages an entity\'s relations and mentions, a search, a passage search and a document', async () => {
    const d = await ok(`{
      entity(id: "ministry:molvt") {
        relations(limit: 1000) { id }
        mentionCount
        r1: relationsConnection(first: 4) { totalCount pageInfo { endCursor hasNextPage } nodes { id relationType } }
        m: mentionsConnection(first: 2) { totalCount edges { node { start end text passage { text } } } }
      }
      search: searchConnection(query: "ministry", first: 3) { totalCount edges { score node { id } } pageInfo { hasNextPage } }
      passages: passagesConnection(query: "remittances", first: 5) { totalCount nodes { id text } }
      documents { passages(first: 10) { totalCount nodes { order } } }
    }`);
    const e = d.entity;
    expect(e.r1.totalCount).toBe(e.relations.length);
    expect(ids(e.r1.nodes)).toEqual(ids(e.relations.slice(0, 4)));
    const rest = await ok(`query($after: String) { entity(id: "ministry:molvt") { relationsConnection(first: 1000, after: $after) { nodes { id } } } }`, { after: e.r1.pageInfo.endCursor });
    expect(ids(rest.entity.relationsConnection.nodes)).toEqual(ids(e.relations.slice(4)));
    expect(e.m.totalCount).toBe(e.mentionCount);
    for (const { node } of e.m.edges) expect(node.passage.text.slice(node.start, node.end)).toBe(node.text);
    expect(d.search.edges).toHaveLength(3);
    expect(d.search.totalCount).toBeGreaterThan(3);
    expect(d.search.edges[0].score).toBeGreaterThanOrEqual(d.search.edges[2].score);
    expect(d.passages.totalCount).toBe(bundle.passages.filter((p) => /remittance/i.test(p.text)).length);
    expect(d.documents[0].passages.totalCount).toBe(bundle.passages.length);
    expect(d.documents[0].passages.nodes.map((p: { order: number }) => p.order)).toEqual([...Array(10).keys()].map((i) => bundle.passages.map((p) => p.order).sort((a, b) => a - b)[i]));
  });

  it('answers the benchmark\'s filtered second page as the bundle orders it', async () => {
    const { OPERATIONS } = await import('../bench/api.bench');
    const bodies = filteredBodies(bundle);
    const c = (await ok(OPERATIONS.find((o) => o.name === 'filtered entities (second page)')!.query)).entitiesConnection;
    expect(c.totalCount).toBe(bodies.length);
    expect(c.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(bodies.slice(10, 20));
  });

  it('refuses a cursor it did not give out, and a page over 1000', async () => {
    const bad = await gql('{ entitiesConnection(after: "bm9wZQ") { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(bad.errors?.[0]?.message).toMatch(/cursor/);
    const big = await gql('{ entitiesConnection(first: 1001) { totalCount } }');
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('exact answers', () => {
  it('traces findings by the study they rest on and by origin, with studies and datasets apart', async () => {
    const d = await ok(`{
      tong: findings(supportedBy: "study:tong-2012") { id }
      literature: findingsConnection(origin: LITERATURE, first: 100) { totalCount nodes { origin } }
      f: entity(id: "finding:tong-remittances-reduce-poverty") { ... on Finding { studies { id type } datasets { type } citations { id } } }
    }`);
    expect(ids(d.tong)).toContain('finding:tong-remittances-reduce-poverty');
    const literature = bundle.entities.filter((e) => e.type === 'Finding' && e.properties.origin === 'literature');
    expect(d.literature.totalCount).toBe(literature.length);
    expect(d.literature.nodes.every((n: { origin: string }) => n.origin === 'literature')).toBe(true);
    expect(d.f.studies).toEqual([{ id: 'study:tong-2012', type: 'Study' }]);
    expect(d.f.datasets.every((x: { type: string }) => x.type === 'Dataset')).toBe(true);
  });

  it('answers NOT_FOUND for unknown ids in filters', async () => {
    for (const q of [
      '{ findings(about: "dimension:remitances") { id } }',
      '{ findingsConnection(supportedBy: "study:nobody") { totalCount } }',
      '{ entitiesConnection(where: { hasRelation: [{ to: "ministry:none" }] }) { totalCount } }',
      '{ entitiesConnection(where: { document: "doc:none" }) { totalCount } }',
    ]) {
      const r = await gql(q);
      expect(r.errors?.[0]?.extensions?.code, q).toBe('NOT_FOUND');
      expect(r.errors?.[0]?.message, q).toMatch(/unknown/);
    }
  });

  it('finds entities through a typo or two per word', async () => {
    const first = async (q: string) => (await ok('query($q: String!) { search(query: $q, limit: 3) { entity { id } } }', { q })).search[0]?.entity.id;
    expect(await first('koera')).toBe('country:south-korea');
    expect(await first('Labuor ministry')).toBe('ministry:molvt');
    expect(await first('Minsitry of Interoir')).toBe('ministry:moi');
  });

  it('searches passages by any term, the best matches first', async () => {
    const d = await ok('{ all: passages(query: "remittances poverty Gini", limit: 1000) { text } one: passages(query: "remittances", limit: 1000) { id } }');
    expect(d.all.length).toBeGreaterThanOrEqual(d.one.length);
    expect(d.all[0].text).toMatch(/Gini/);
    expect(d.all[0].text).toMatch(/poverty/);
  });

  it('answers the inverse fields of one-way relations', async () => {
    const d = await ok(`{ entity(id: "committee:migration-working-group") { ... on Organization { viceChairedBy { id } chairedBy { id } } } }`);
    expect(ids(d.entity.viceChairedBy).sort()).toEqual(['ministry:moj', 'ministry:molvt', 'ministry:mowa']);
    expect(ids(d.entity.chairedBy)).toEqual(['ministry:moi']);
    const member = bundle.relations.find((r) => r.type === 'MEMBER_OF')!;
    const target = bundle.entities.find((e) => e.id === member.target)!;
    const m = await ok(`query($id: ID!) { entity(id: $id) { __typename ... on Organization { members { id } } } }`, { id: target.id });
    if (m.entity.__typename === 'Organization') expect(ids(m.entity.members)).toContain(member.source);
  });

  it('takes enum values beside strings', async () => {
    const d = await ok(`{
      a: entity(id: "ministry:moi") { relations(relationTypes: [CHAIRS], direction: OUT) { target { id } relationType } }
      b: search(query: "korea", entityTypes: [Country], limit: 1) { entity { id } }
      c: entities(entityType: Committee, limit: 1000) { type }
    }`);
    expect(d.a.relations).toEqual([{ target: { id: 'committee:migration-working-group' }, relationType: 'CHAIRS' }]);
    expect(d.b[0].entity.id).toBe('country:south-korea');
    expect(d.c.length).toBeGreaterThan(0);
    expect(d.c.every((e: { type: string }) => e.type === 'Committee')).toBe(true);
  });

  it('says what was wrong when validation fails', async () => {
    const enumAsString = await gql('{ entity(id: "ministry:moi") { relations(types: [CHAIRS]) { id } } }');
    expect(enumAsString.errors?.[0]?.message).toMatch(/quote the value, or pass an enum value unquoted .*relationTypes/);
    // graphql-js's bare abort (its comparison budget spent) gets its cause. The shape that spent
    // it most easily, one field repeated hundreds of times, is now refused before validation.
    expect(withHint('Validation aborted.')).toMatch(/^Validation aborted: .*select each field once/);
    const repeated = await gql(`{ entity(id: "ministry:moi") { ${'name '.repeat(1000)} } }`);
    expect(repeated.errors?.[0]?.message).not.toBe('Validation aborted.');
    expect(repeated.errors?.[0]?.extensions?.code).toBeDefined();
  });
});

describe('the README\'s examples', () => {
  it('run as written, and their next pages follow', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const query of examples) {
      const data = await ok(query);
      expect(Object.values(data).every((v) => v !== null)).toBe(true);
    }
    const browse = await ok(examples[0]!);
    expect(browse.entity.viceChairedBy.length).toBe(3);
    expect(browse.entitiesConnection.pageInfo.hasNextPage).toBe(true);
    const next = await ok(examples[0]!.replace('entitiesConnection(first: 2,', `entitiesConnection(first: 2, after: "${browse.entitiesConnection.pageInfo.endCursor}",`));
    expect(ids(next.entitiesConnection.edges.map((e: { node: { id: string } }) => e.node))).not.toContain(browse.entitiesConnection.edges[0].node.id);
    const trace = await ok(examples[1]!);
    expect(trace.findingsConnection.edges[0].node.studies).toContainEqual(expect.objectContaining({ id: 'study:tong-2012' }));
    const query = await ok(examples[2]!);
    const second = await ok(examples[2]!, { after: query.passagesConnection.pageInfo.endCursor });
    expect(second.passagesConnection.nodes[0].id).not.toBe(query.passagesConnection.nodes[0].id);
  });
});

describe('persisted operations', () => {
  it('runs the explorer\'s operations by hash, and asks for the text of an unknown hash', async () => {
    const byHash = await post({ variables: { q: 'molvt' }, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(EXPLORER_OPERATIONS.SEARCH!) } } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data.search[0].entity.id).toBe('ministry:molvt');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash('{ stats { entities } }') } } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
