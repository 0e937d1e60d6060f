/**
 * Compiled execution (server/src/jit.ts): the same answers as the interpreter, byte for byte,
 * errors included; compiled only when repeated, small enough and within its share of time; and
 * the guard's caps still stop a compiled operation.
 */
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { parse, type execute as Execute } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_OPERATIONS } from '../../client/src/api/operations';
import { createApp, type App } from '../../server/src/app';
import { createContext } from '../../server/src/context';
import { expandedSize, Jit } from '../../server/src/jit';
import { DEFAULT_OPERATION_LIMITS, ExecutionGuard, guardSchema } from '../../server/src/limits';
import { createLogger } from '../../server/src/log';
import { buildSchema } from '../../server/src/schema';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { OPERATIONS } from '../bench/api.bench';
import { reportBundle } from '../helpers/report';

// The server's schema is built by the CommonJS copy of graphql (through @graphql-tools), as
// graphql-jit's is; under the test runner an import of graphql may be the ESM copy.
const { execute } = createRequire(import.meta.url)('graphql') as { execute: typeof Execute };
const store = new MemoryGraphStore(reportBundle());
const schema = guardSchema(buildSchema());
const ENTITY_QUERY = OPERATIONS.find((o) => o.name === 'entity with relations and mentions')!.query;
const ATTACK = '{ entity(id:"no-such-id"){ relations{ source{ relations{ source{ relations{ source{ relations{ source{ relations{ source{ id } } } } } } } } } } } }';

/** A context as the server makes one: loaders over the store, and a guard with the default caps. */
function context(limits = DEFAULT_OPERATION_LIMITS) {
  return { ...createContext(store, 10_000), guard: new ExecutionGuard(performance.now() + 10_000, 10_000, limits) };
}

/** Compiles at the first run, with no wait between compiles, whatever the operation's size. */
const eager = () => new Jit(schema, { hotAfter: 1, maxExpanded: 10_000, maxCompiled: 64, compileShare: Number.POSITIVE_INFINITY });

const VARIABLES: Record<string, Record<string, unknown>> = {
  SEARCH: { q: 'labour migration', limit: 10 },
  ENTITY_REF: { id: 'ministry:molvt' },
  ENTITY: { id: 'ministry:molvt' },
  NEIGHBORHOOD: { ids: ['ministry:molvt', 'country:thailand'], depth: 1, limit: 200 },
  PATH: { from: 'ministry:mowa', to: 'study:tong-2012', maxLength: 8 },
};

/** Operations of every kind the server answers: the explorer's, the benchmark's, and failing ones. */
const CASES: [string, string, Record<string, unknown>][] = [
  ...Object.entries(EXPLORER_OPERATIONS).map(([name, text]): [string, string, Record<string, unknown>] => [`explorer ${name}`, text, VARIABLES[name] ?? {}]),
  ...OPERATIONS.map((o): [string, string, Record<string, unknown>] => [`bench ${o.name}`, o.query, {}]),
  ['an unknown id', '{ entity(id: "no-such-id") { id name } }', {}],
  ['a limit out of range', '{ entity(id: "ministry:molvt") { id relations(limit: -1) { id } } }', {}],
  ['a variable of the wrong type', 'query Q($id: ID!) { entity(id: $id) { id } }', { id: { not: 'an id' } }],
  ['an unknown node in a list', '{ entitiesById(ids: ["ministry:molvt", "no-such-id"]) { id name } }', {}],
  // graphql-jit's error for a root field came without its locations.
  ['a root list over its limit', '{ entities(limit: 5000) { id } }', {}],
];

describe('compiled execution', () => {
  it.each(CASES)('answers %s exactly as the interpreter does', async (_name, text, variables) => {
    const document = parse(text);
    const compiled = eager().executorFor(document, null, execute);
    expect(compiled).not.toBeNull();
    const interpreted = await execute({ schema, document, contextValue: context(), variableValues: variables });
    const answer = await compiled!({ schema, document, contextValue: context(), variableValues: variables });
    expect(JSON.stringify(answer)).toBe(JSON.stringify(interpreted));
  });

  it('compiles an operation only once it has run hotAfter times, whitespace variants counted as one', () => {
    const jit = new Jit(schema, { hotAfter: 3, maxExpanded: 1000, maxCompiled: 64, compileShare: Number.POSITIVE_INFINITY });
    const variants = [ENTITY_QUERY, ENTITY_QUERY.replace(/ /g, '\n  '), `# the same\n${ENTITY_QUERY}`].map((t) => parse(t));
    expect(jit.executorFor(variants[0]!, null, execute)).toBeNull();
    expect(jit.executorFor(variants[1]!, null, execute)).toBeNull();
    expect(jit.executorFor(variants[2]!, null, execute)).not.toBeNull();
    expect(jit.counts.compiled).toBe(1);
    // Compiled once: the variants share it.
    expect(jit.executorFor(variants[0]!, null, execute)).not.toBeNull();
    expect(jit.executorFor(variants[1]!, null, execute)).not.toBeNull();
    expect(jit.counts.compiled).toBe(1);
  });

  it('never compiles an operation whose expansion over abstract types is too large, and sizes it at once', () => {
    const document = parse(ATTACK);
    const started = performance.now();
    // Five levels of an interface field with eleven implementations: millions once expanded.
    expect(expandedSize(schema, document)).toBeGreaterThan(1_000_000);
    expect(performance.now() - started).toBeLessThan(1000);
    const jit = new Jit(schema, { hotAfter: 1, maxExpanded: 1000, maxCompiled: 64, compileShare: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5; i++) expect(jit.executorFor(document, null, execute)).toBeNull();
    expect(jit.counts).toEqual({ compiled: 0, tooLarge: 1 });
  });

  it('counts fragments and inline fragments on the types they apply to', () => {
    const inline = parse('{ entity(id: "x") { id ... on Study { year title } } }');
    const spread = parse('{ entity(id: "x") { id ...S } } fragment S on Study { year title }');
    const types = schema.getPossibleTypes(schema.getType('Entity') as never).length;
    // entity, then id on every entity type, then year and title on Study alone.
    expect(expandedSize(schema, inline)).toBe(1 + types + 2);
    expect(expandedSize(schema, spread)).toBe(1 + types + 2);
  });

  it("counts what is selected under introspection's own fields, which no type of the schema declares", () => {
    // An ofType chain aliased under __schema once counted nothing past __schema, and its compile
    // held the event loop for 7 s and 1 GB.
    let chain = 'name';
    for (let i = 0; i < 20; i++) chain = `kind name ofType { ${chain} }`;
    const document = parse(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __schema { queryType { ${chain} } }`).join(' ')} }`);
    expect(expandedSize(schema, document)).toBeGreaterThan(1000);
    expect(expandedSize(schema, parse('{ __type(name: "Query") { name fields { name } } }'))).toBe(4);
    const jit = new Jit(schema, { hotAfter: 1, maxExpanded: 1000, maxCompiled: 64, compileShare: Number.POSITIVE_INFINITY });
    expect(jit.executorFor(document, null, execute)).toBeNull();
    expect(jit.counts.tooLarge).toBe(1);
  });

  it('counts variable definitions, which are compiled into coercion code', () => {
    // 300 variables of an input type, two selections: compiling took 92 ms.
    const vars = Array.from({ length: 300 }, (_, i) => `$c${i}: RelationCondition!`).join(', ');
    const list = Array.from({ length: 300 }, (_, i) => `$c${i}`).join(', ');
    const document = parse(`query Q(${vars}) { entities(limit: 0, where: { hasRelation: [${list}] }) { id } }`);
    expect(expandedSize(schema, document)).toBeGreaterThan(1000);
    const types = schema.getPossibleTypes(schema.getType('Entity') as never).length;
    // One variable (5), entity, and id on every entity type.
    expect(expandedSize(schema, parse('query Q($id: ID!) { entity(id: $id) { id } }'))).toBe(5 + 1 + types);
  });

  it('spends at most its share of time compiling', () => {
    const jit = new Jit(schema, { hotAfter: 1, maxExpanded: 1000, maxCompiled: 64, compileShare: 1e-6 });
    expect(jit.executorFor(parse(ENTITY_QUERY), null, execute)).not.toBeNull();
    // The next compile would have to wait about a million times the first one's time.
    expect(jit.executorFor(parse('{ stats { entities } }'), null, execute)).toBeNull();
    expect(jit.counts.compiled).toBe(1);
  });

  it('stops a compiled operation at the guard\'s caps', async () => {
    const document = parse(ENTITY_QUERY);
    const compiled = eager().executorFor(document, null, execute)!;
    const ctx = context({ ...DEFAULT_OPERATION_LIMITS, maxNodes: 10 });
    await compiled({ schema, document, contextValue: ctx });
    expect(ctx.guard.error?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  });
});

describe('a server that compiles repeated operations', () => {
  let app: App;
  let url: string;
  const logs: string[] = [];
  const compiles = () => logs.filter((l) => l.includes('compiled a repeated operation')).length;
  beforeAll(async () => {
    app = createApp(store, createLogger('debug', (l) => logs.push(l)), { jit: { hotAfter: 2, compileShare: Number.POSITIVE_INFINITY }, operationLimits: { maxNodes: 150 } });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => app.close());
  const post = async (query: string) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).text();

  it('answers the same before and after compiling, with the cost reported', async () => {
    const answers = [await post(ENTITY_QUERY)];
    expect(compiles()).toBe(0);
    answers.push(await post(ENTITY_QUERY), await post(ENTITY_QUERY));
    expect(compiles()).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!).extensions.cost.requested).toBeGreaterThan(0);
  });

  it('still refuses an answer over the caps once compiled', async () => {
    const big = '{ entities(limit: 200) { id relations(limit: 5) { id } } }';
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((JSON.parse(await post(big)) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code);
    expect(codes).toEqual(['RESPONSE_TOO_LARGE', 'RESPONSE_TOO_LARGE', 'RESPONSE_TOO_LARGE']);
  });
});
