/** The GraphQL API over the in-memory store, through HTTP as a client sees it. */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema as buildSdl, findBreakingChanges } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { schemaSdl } from '../../server/src/schema';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { memoryFingerprint } from '../helpers/graph-fingerprint';
import { injectionProbes } from '../helpers/injection';
import { reportBundle } from '../helpers/report';

const logs: string[] = [];
let app: App;
let url: string;
let calls = 0;
let store: MemoryGraphStore;
/** Every store call with its arguments. */
const storeCalls: { method: string; args: unknown[] }[] = [];

/** Counts store round trips: every method call on the store is one. */
function counting(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (...args: unknown[]) => (calls++, storeCalls.push({ method: String(key), args }), v.apply(target, args)) : v;
    },
  });
}

beforeAll(async () => {
  store = new MemoryGraphStore(reportBundle());
  app = createApp(counting(store), createLogger('debug', (l) => logs.push(l)));
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Building the report's graph takes seconds, more on a loaded machine.
}, 120_000);
afterAll(() => app.close());

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('schema', () => {
  it('keeps every type and field of the public contract', () => {
    // contract-floor.graphql: the public contract verbatim (shared/contract/schema.graphql).
    const floor = readFileSync(new URL('./contract-floor.graphql', import.meta.url), 'utf8');
    expect(findBreakingChanges(buildSdl(floor), buildSdl(schemaSdl()))).toEqual([]);
  });

  it('is read-only', async () => {
    const r = await gql('mutation { x }');
    expect(r.body.errors?.[0]?.message).toMatch(/mutation/i);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('queries', () => {
  it('answers the contract fields with evidence offsets, mentions and citations', async () => {
    const r = await gql(`{
      entity(id: "committee:migration-working-group") {
        id type name aliases properties mentionCount
        mentions(limit: 2) { start end text passage { id text } }
        relations(direction: IN, types: ["CHAIRS"]) { type source { id } target { id } evidence { start end quote passage { id text } } }
      }
      passage(id: "p:2-004") { id documentId order kind chapter section text citations { id } previous { id } next { id } mentions { start end text entity { id } } }
      stats { entities relations passages mentions entityTypes { type count } }
      tables { number columns rows { label group values } source passage { id } }
      discrepancies { id note subject { id } statements { quote passage { id } } }
      documents { id title chapters { number title sections { title passages { id } } } }
    }`);
    expect(r.body.errors).toBeUndefined();
    const e = r.body.data.entity;
    expect(e.relations[0]).toMatchObject({ type: 'CHAIRS', source: { id: 'ministry:moi' } });
    const ev = e.relations[0].evidence[0];
    expect(ev.passage.text.slice(ev.start, ev.end)).toBe(ev.quote);
    expect(e.mentions).toHaveLength(2);
    for (const m of e.mentions) expect(m.passage.text.slice(m.start, m.end)).toBe(m.text);
    expect(r.body.data.passage.citations.map((c: { id: string }) => c.id)).toContain('study:tong-2012');
    expect(r.body.data.passage.previous.id).toBe('p:2-003');
    expect(r.body.data.tables).toHaveLength(5);
    expect(r.body.data.discrepancies.map((d: { subject: { id: string } }) => d.subject.id)).toContain('programme:state-sponsored-labour-migration');
    expect(r.body.data.documents[0].chapters).toHaveLength(3);
  });

  it('answers typed questions: a study, an instrument, an agreement, a country, a finding', async () => {
    const r = await gql(`{
      tong: entity(id: "study:tong-2012") { ... on Study { authors year usesData { id } supports { id } citedBy { id } } }
      sd: entity(id: "prakas:012-07") { ... on LegalInstrument { number date establishes { id } } }
      mou: entity(id: "agreement:mou-cambodia-thailand-2003") { ... on Agreement { date parties { id } implementedBy { id } } }
      th: entity(id: "country:thailand") { ... on Place { statistics { id } agreements { id } } }
      findings(about: "dimension:remittances") { id statement citations { id } about { id } evidence { quote } }
    }`);
    expect(r.body.errors).toBeUndefined();
    const d = r.body.data;
    expect(d.tong).toMatchObject({ authors: ['Tong'], year: 2012, usesData: [{ id: 'dataset:cses-2007' }] });
    expect(d.sd).toMatchObject({ number: '012/07', date: 'January 2007', establishes: [{ id: 'committee:taskforce-migration' }] });
    expect(d.mou.parties.map((p: { id: string }) => p.id).sort()).toEqual(['country:cambodia', 'country:thailand']);
    expect(d.th.statistics.length).toBeGreaterThan(3);
    expect(d.findings.find((f: { id: string }) => f.id === 'finding:tong-remittances-reduce-poverty').citations).toEqual([{ id: 'study:tong-2012' }]);
  });

  it('keeps one operation to a bounded number of store round trips', async () => {
    // An operation yields to other requests every few milliseconds (limits.ts, sliceMs); on a
    // loaded machine a level's batch can then be cut at a slice's end and take a second round
    // trip. The bound here is the batching's, so slices are made long enough not to cut it.
    const roomy = createApp(counting(store), createLogger('warn', () => {}), { operationLimits: { sliceMs: 60_000 } });
    await new Promise<void>((r) => roomy.server.listen(0, '127.0.0.1', r));
    try {
      calls = 0;
      const res = await fetch(`http://127.0.0.1:${(roomy.server.address() as AddressInfo).port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ entities(type: "Ministry", limit: 50) { id mentionCount relations { type source { id name } target { id name } evidence { passage { id } } } mentions(limit: 5) { passage { id } } } }` }),
      });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      // entities + mentionCount + relations + entity (sources/targets) + mentions + passages: one call each per level.
      expect(calls).toBeLessThanOrEqual(6);
    } finally {
      await roomy.close();
    }
  });
});

describe('reads along', () => {
  it('brings passages along only for operations that read more of them than their id', async () => {
    const ask = async (passage: string) => {
      storeCalls.length = 0;
      const r = await gql(`{ entity(id: "ministry:molvt") { relations(limit: 5) { id evidence { passage { ${passage} } } } mentions(limit: 3) { passage { ${passage} } } } }`);
      expect(r.body.errors).toBeUndefined();
      const companions = storeCalls.filter((c) => c.method === 'relationsFor' || c.method === 'mentionsOf').map((c) => c.args.at(-1) as { entities: unknown; passages?: unknown });
      expect(companions).toHaveLength(2);
      return { entity: r.body.data.entity, passagesAlong: companions.map((c) => typeof c.passages), calls: storeCalls.map((c) => c.method) };
    };
    const light = await ask('id');
    expect(light.passagesAlong).toEqual(['undefined', 'undefined']);
    // Evidence and mentions name their passage's id without reading it.
    expect(light.calls.sort()).toEqual(['mentionsOf', 'relationsFor']);
    const rich = await ask('id text');
    expect(rich.passagesAlong).toEqual(['function', 'function']);
    const ids = (e: { relations: { evidence: { passage: { id: string } }[] }[] }) => e.relations.flatMap((r) => r.evidence.map((ev) => ev.passage.id));
    expect(ids(light.entity)).toEqual(ids(rich.entity));
    expect(rich.entity.relations[0].evidence[0].passage.text.length).toBeGreaterThan(0);
  });
});

describe('bad input and limits', () => {
  it('returns null for unknown ids and NOT_FOUND where an id must exist', async () => {
    const r = await gql('{ entity(id: "no:such") { id } passage(id: "p:none") { id } table(number: "9.9") { number } }');
    expect(r.body.data).toEqual({ entity: null, passage: null, table: null });
    const p = await gql('{ path(from: "no:such", to: "ministry:moi") { nodes { id } } }');
    expect(p.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it.each([
    ['{ entities(limit: -1) { id } }', 'limit'],
    ['{ entities(limit: 100000) { id } }', 'limit'],
    ['{ search(query: "x", types: ["Nope"]) { score } }', 'types'],
    ['{ neighborhood(ids: ["ministry:moi"], depth: 9) { truncated } }', 'depth'],
    ['{ neighborhood(ids: ["ministry:moi"], relationTypes: ["DROP"]) { truncated } }', 'relationTypes'],
    ['{ search(query: "   ") { score } }', 'query'],
  ])('rejects %s with BAD_USER_INPUT', async (query, argument) => {
    const r = await gql(query);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('refuses too deep queries and alias bombs', async () => {
    const deep = `{ entity(id: "ministry:moi") { ${'relations { source { '.repeat(8)}id${' } }'.repeat(8)} } }`;
    expect((await gql(deep)).body.errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: stats { entities }`).join(' ')} }`;
    expect((await gql(aliases)).body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('answers injection strings safely and leaves the graph unchanged', async () => {
    // The memory store has no write path; what could change is a value it holds, mutated in place
    // by a resolver. Every value is hashed before and after.
    const before = memoryFingerprint(store);
    for (const p of injectionProbes(schemaSdl())) {
      const r = await gql(p.query, p.variables);
      expect(r.status).toBe(200);
      for (const err of r.body.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND'], `${p.field}.${p.argument}: ${err.message}`).toContain(err.extensions?.code);
    }
    const big = await gql('query($q: String!) { search(query: $q) { score } }', { q: 'x'.repeat(1_000_000) });
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(memoryFingerprint(store)).toEqual(before);
  });

  // Found by the fuzzer (tests/bench/fuzz.ts): GraphQL's own rejections came without a code.
  it('gives every rejection a code a client can act on', async () => {
    const coercion = await gql('query($v: String!) { search(query: $v) { score } }', { v: 3.5 });
    expect(coercion.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badEnum = await gql('query($d: Direction) { entity(id: "ministry:molvt") { relations(direction: $d) { id } } }', { d: 'SIDEWAYS' });
    expect(badEnum.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    let deep = 'id';
    for (let i = 0; i < 15; i++) deep = `relations { source { ${deep} } }`;
    const tooDeep = await gql(`{ entity(id: "ministry:molvt") { ${deep} } }`);
    expect(tooDeep.status).toBeLessThan(500);
    expect(tooDeep.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const unknownField = await gql('{ nothing }');
    expect(unknownField.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const plain = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ stats { entities } }' });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(logs.filter((l) => l.includes('unexpected error'))).toEqual([]);
  });

  it('refuses bodies over the limit', async () => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entities } }', pad: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
  });

  it('refuses a chunked body, which has no length to check, with LENGTH_REQUIRED', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write('{"query":');
      req.end('"{ stats { entities } }"}');
    });
    expect(status).toBe(411);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('LENGTH_REQUIRED');
  });
});

describe('service endpoints', () => {
  it('answers /healthz and /readyz, and GraphiQL on GET', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready', backend: 'memory' });
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });
});
