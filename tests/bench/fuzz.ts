/**
 * A GraphQL fuzzer driven by the schema. Generates operations by walking the Query type (random
 * fields, nested selections, arguments of the right and the wrong types, huge and negative
 * limits, odd unicode, long strings) and mutates them (deep nesting, alias and fragment bombs,
 * malformed JSON and bodies). Every answer is classified: a client can act on a rejection only
 * if it carries an error code, and nothing may be a 5xx or an unmasked internal message.
 */
import { buildSchema, getNamedType, getNullableType, isEnumType, isInterfaceType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';

/** A small seeded generator (mulberry32) so a failing case can be replayed from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const STRINGS = [
  'molvt', 'ministry:molvt', 'committee:migration-working-group', 'study:tong-2012', 'p:2-004', '2.1', 'korea', 'Ministry', 'CHAIRS', '',
  '") MATCH (n) DETACH DELETE n //', "'}) RETURN 1 //", '*:*', 'a~2^3 AND (b OR', '\\', '"', '\u0000', '\ud800', '𝄞𝄞𝄞', 'e\u0301\u0301\u0301',
  '\u202e\u202d', 'null', 'undefined', '{}', '[]', '%00', '../../etc/passwd', '<script>alert(1)</script>',
];
const INTS = [0, 1, 2, 3, 5, 20, 100, 1000, 1001, 5000, 5001, -1, -2147483648, 2147483647, 99999999];

function longString(r: Rng): string {
  return r.pick(['x', 'é', '𝄞', 'a b ', '\\"']).repeat(r.pick([501, 5000, 100_000]));
}

/** A value for an argument: mostly well-typed, sometimes wrong or extreme. */
function value(r: Rng, type: GraphQLInputType, depth = 0): unknown {
  if (r.chance(0.05)) return r.pick([null, 'wrong', 3.5, true, [], { a: 1 }, -1]);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.from({ length: r.pick([0, 1, 2, 3, 250]) }, () => value(r, nullable.ofType as GraphQLInputType, depth + 1));
  const named = getNamedType(type);
  if (isEnumType(named)) return r.chance(0.9) ? r.pick(named.getValues()).name : 'NOT_A_VALUE';
  switch (named.name) {
    case 'Int':
      return r.pick(INTS);
    case 'Float':
      return r.pick([0, 1.5, -1, 1e308]);
    case 'Boolean':
      return r.chance(0.5);
    default:
      return r.chance(0.08) ? longString(r) : r.pick(STRINGS);
  }
}

interface Built {
  text: string;
  variables: Record<string, unknown>;
}

/** A selection set for a type, `budget` fields deep at most. */
function selection(r: Rng, schema: GraphQLSchema, type: GraphQLNamedType, depth: number, vars: Record<string, unknown>, decls: string[]): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (depth <= 0) return ' { __typename }';
  const parts: string[] = [];
  const fieldsOf = (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []) as GraphQLField<unknown, unknown>[];
  const count = r.int(1, Math.min(4, fieldsOf.length));
  for (let i = 0; i < count; i++) {
    const f = r.pick(fieldsOf);
    parts.push(field(r, schema, f, depth - 1, vars, decls));
  }
  if (isInterfaceType(type) && r.chance(0.3)) {
    const impl = r.pick(schema.getPossibleTypes(type));
    parts.push(`... on ${impl.name}${selection(r, schema, impl, depth - 1, vars, decls)}`);
  }
  return ` { ${parts.join(' ')} }`;
}

function field(r: Rng, schema: GraphQLSchema, f: GraphQLField<unknown, unknown>, depth: number, vars: Record<string, unknown>, decls: string[]): string {
  const args: string[] = [];
  for (const a of f.args) {
    if (!isNonNullType(a.type) && r.chance(0.5)) continue;
    const name = `v${decls.length}`;
    decls.push(`$${name}: ${a.type.toString()}`);
    vars[name] = value(r, a.type);
    args.push(`${a.name}: $${name}`);
  }
  const alias = r.chance(0.1) ? `a${r.int(0, 999)}: ` : '';
  return `${alias}${f.name}${args.length ? `(${args.join(', ')})` : ''}${selection(r, schema, getNamedType(f.type), depth, vars, decls)}`;
}

/** `heavy`: one of the expensive shapes, which the server may rightly stop at its time budget. */
/** A GET's `target` (a query string as sent, encoded names and all) replaces `query` and `params`. */
export type Case = ({ kind: 'json'; body: unknown } | { kind: 'raw'; body: string; contentType: string } | { kind: 'get'; query: string; preflight: boolean; params?: string; target?: string }) & { heavy?: boolean };

/** Text a case puts into variables, keys and values: an answer that repeats it echoes the request. */
export const CANARY = 'Cnry7f3a';

function generated(r: Rng, schema: GraphQLSchema): Built {
  const vars: Record<string, unknown> = {};
  const decls: string[] = [];
  const fields = Object.values(schema.getQueryType()!.getFields());
  const sel = Array.from({ length: r.int(1, 3) }, () => field(r, schema, r.pick(fields), r.int(1, 4), vars, decls));
  return { text: `query Fuzz${decls.length ? `(${decls.join(', ')})` : ''} { ${sel.join(' ')} }`, variables: vars };
}

/** Hostile shapes no generator of valid queries would produce. */
function mutated(r: Rng, base: Built): Case {
  switch (r.int(0, 9)) {
    case 0: {
      const depth = r.pick([15, 40, 200]);
      let q = 'id';
      for (let i = 0; i < depth; i++) q = `relations { source { ${q} } }`;
      return { kind: 'json', body: { query: `{ entity(id: "ministry:molvt") { ${q} } }` } };
    }
    case 1:
      return { kind: 'json', body: { query: `{ ${Array.from({ length: r.pick([31, 200, 2000]), }, (_, i) => `a${i}: stats { entities }`).join(' ')} }` } };
    case 2: {
      const n = r.pick([10, 30]);
      const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Relation { source { ...F${i + 1} } target { ...F${i + 1} } }`).join(' ');
      return { kind: 'json', body: { query: `{ entity(id: "ministry:molvt") { relations { ...F0 } } } ${frags} fragment F${n} on Entity { id }` } };
    }
    case 3:
      return { kind: 'json', body: { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' } };
    case 4:
      return { kind: 'raw', body: r.pick(['{"query": "{ stats { entities } }"', '{"query": ', 'not json at all', '', '[]', 'null', '{"query": 5}', '{"query": "{ stats { entities } }", "variables": "x"}']), contentType: 'application/json' };
    case 5:
      return { kind: 'raw', body: base.text, contentType: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) };
    case 6:
      return { kind: 'json', body: { query: base.text.slice(0, r.int(1, Math.max(1, base.text.length - 1))), variables: base.variables } };
    case 7:
      return { kind: 'json', body: { query: 'mutation { deleteEverything }' } };
    case 8:
      return { kind: 'json', body: { query: `{ ${'stats { entities } '.repeat(r.pick([10, 800]))} }` } };
    default:
      return { kind: 'json', body: { query: base.text, variables: base.variables, operationName: r.pick(['Fuzz', 'Other', 5]) } };
  }
}

const LIST_ARGS = (r: Rng) => r.pick(['', '(limit: 1000)', '(limit: 500)', '(limit: 100)', '(limit: 20)', '(limit: 3)']);

/** An interface-typed hop: an entity's relations to their other end, with a fragment on an implementation now and then. */
function hop(r: Rng, schema: GraphQLSchema, inner: string): string {
  const end = r.pick(['source', 'target']);
  const impls = schema.getPossibleTypes(schema.getType('Entity') as never).map((t) => t.name);
  const frag = r.chance(0.4) ? ` ... on ${r.pick(impls)} { __typename ${inner} }` : '';
  return `relations${LIST_ARGS(r)} { id ${end} { id ${r.chance(0.8) ? inner : ''}${frag} } }`;
}

/** Whitespace, comma and ordering variants of one operation: the same work, other text. */
function variant(r: Rng, text: string): string {
  switch (r.int(0, 3)) {
    case 0:
      return text.replace(/ /g, () => r.pick([' ', '  ', '\n', '\t', ' , ']));
    case 1:
      return text.replace(/\{ /g, '{').replace(/ \}/g, '}');
    case 2:
      return `# ${'x'.repeat(r.int(0, 40))}\n${text}`;
    default:
      return text.replace(/\{ id ([^{}]*?) \}/g, (_m, rest: string) => `{ ${rest} id }`);
  }
}

/**
 * Shapes that cost far more than they look, all within the documented shape limits: nesting
 * through interface-typed fields down to the depth limit, wide lists times nesting, aliases and
 * fragments up to their limits, and whitespace and ordering variants of the same operation.
 */
function expensive(r: Rng, schema: GraphQLSchema): Case {
  const root = r.pick(['entity(id: "country:cambodia")', 'entity(id: "no-such-id")', 'entity(id: "ministry:molvt")']);
  switch (r.int(0, 13)) {
    case 0: {
      // Through the interface to depth 12 (the limit) or one beyond it.
      const depth = r.pick([3, 4, 5, 6]);
      let sel = 'id name';
      for (let i = 0; i < depth; i++) sel = hop(r, schema, sel);
      return { kind: 'json', body: { query: variant(r, `{ ${root} { ${sel} } }`) } };
    }
    case 1: {
      const inner = r.pick(['mentions(limit: 1000) { text passage { text rawText } }', 'relations(limit: 1000) { evidence { quote passage { text } } }', 'aliases properties', 'mentions { passage { mentions { entity { name } } } }']);
      return { kind: 'json', body: { query: variant(r, `{ entities${LIST_ARGS(r)} { id ${r.chance(0.5) ? hop(r, schema, inner) : inner} } }`) } };
    }
    case 2: {
      const n = r.int(2, 30);
      const body = r.pick(['entities(limit: 1000) { id name relations { id } }', 'documents { chapters { sections { passages { text mentions { text } } } } }', 'neighborhood(ids: ["country:cambodia"], depth: 3, limit: 5000) { nodes { id name } relations { id evidence { quote } } }', 'passages(query: "migration", limit: 1000) { text rawText }']);
      // Aliased up to the alias limit, or the same field repeated under one name (which
      // validation compares pair by pair).
      const repeat = r.chance(0.3) ? r.pick([25, 60, 120]) : 0;
      const sel = repeat ? Array.from({ length: repeat }, () => body) : Array.from({ length: n }, (_, i) => `a${i}: ${body}`);
      return { kind: 'json', body: { query: `{ ${sel.join(' ')} }` } };
    }
    case 3: {
      // Fragments spread at every level, each selecting lists again.
      const levels = r.int(2, 5);
      const frags = Array.from({ length: levels }, (_, i) => `fragment F${i} on Entity { id mentions(limit: 200) { text } relations(limit: 200) { source { ...F${i + 1} } target { ...F${i + 1} } } }`).join(' ');
      return { kind: 'json', body: { query: `{ ${root} { ...F0 } } ${frags} fragment F${levels} on Entity { id }` } };
    }
    case 4: {
      const q = `query($n: Int, $m: Int) { entities(limit: $n) { id relations(limit: $m) { target { mentions(limit: $m) { passage { text } } } } } }`;
      return { kind: 'json', body: { query: variant(r, q), variables: { n: r.pick([1, 10, 100, 1000]), m: r.pick([1, 10, 100, 1000]) } } };
    }
    case 5: {
      // A chain of fragments, each spread two or three times into the next: 2^n or 3^n
      // selections from a few hundred bytes.
      const links = r.int(10, 40);
      const spreads = r.int(2, 3);
      let q = 'query { ...F0 }';
      for (let i = 0; i < links; i++) q += ` fragment F${i} on Query { ${Array.from({ length: spreads }, () => `...F${i + 1}`).join(' ')} }`;
      return { kind: 'json', body: { query: `${q} fragment F${links} on Query { __typename }` } };
    }
    case 6: {
      // Introspection, whose depth no validation rule checks, padded with inline fragments,
      // aliased.
      let body = r.pick(['types { name fields { name type { name ofType { name } } } }', 'types { name fields { name args { name type { name } } } }']);
      for (let i = 0; i < r.int(10, 90); i++) body = `... on __Schema { ${body} }`;
      const aliases = r.int(1, 30);
      return { kind: 'json', body: { query: `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: __schema { ...S }`).join(' ')} } fragment S on __Schema { ${body} }` } };
    }
    case 7: {
      // Variables nested far deeper than any input of the API (a recursive walk overflows).
      const depth = r.pick([40, 1000, 5000, 20000]);
      const deep = r.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      return { kind: 'raw', contentType: 'application/json', body: `{"query":"query($ids: [ID!]!) { neighborhood(ids: $ids) { nodes { id } } }","variables":{"ids":["ministry:molvt"],"x":${deep}}}` };
    }
    case 8: {
      // A GET whose variables or extensions are not JSON, or not an object; or a variable whose
      // default in the operation is what makes it expensive.
      if (r.chance(0.5)) return { kind: 'get', query: '{ __typename }', preflight: true, params: r.pick(['variables=%7Bx', 'extensions=%7B', 'variables=5', 'extensions=%5B%5D', 'variables=%7B%22a%22%3A', 'variables=null']) };
      return { kind: 'json', body: { query: variant(r, 'query($n: Int = 1000, $m: Int = 1000) { entities(limit: $n) { id relations(limit: $m) { target { mentions(limit: $m) { passage { text } } } } } }') } };
    }
    case 9: {
      // Searches up to the alias limit: text that folds into one long term ("㎉" is "kcal"), or
      // many short words, which typo matching and prefix matching multiply.
      const text = r.pick(['\u3389'.repeat(r.int(50, 500)), '\u2167'.repeat(r.int(50, 500)), '\ufdfa'.repeat(r.int(5, 120)), Array.from({ length: r.pick([10, 24, 25, 32, 120]) }, () => r.pick(['ab', 'xq', 'mig', 'la', 'th', 'zzv'])).join(' '), 'a '.repeat(r.pick([31, 32, 250])), 'migrat'.repeat(80)]);
      const field = r.pick(['passages(query: $q, limit: 1000) { id }', 'search(query: $q, limit: 1000) { entity { id } }', 'entities(where: { nameMatches: $q }) { id }', 'passagesConnection(query: $q, first: 100) { totalCount }']);
      const n = r.int(1, 30);
      return { kind: 'json', body: { query: `query($q: String!) { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`, variables: { q: text } } };
    }
    case 10: {
      // Variables just under and over the cap on values, as numbers JSON prints longer than
      // they were sent, or as objects whose keys hold the canary, quote marks and semicolons.
      const count = r.pick([9_999, 10_001, 200_000]);
      const item = r.pick(['1e20', '{"a":1}', `"${CANARY}; \\"x"`]);
      return { kind: 'raw', contentType: 'application/json', body: `{"query":"query Q($ids: [ID!]!) { neighborhood(ids: $ids, depth: 0) { nodes { id } } }","variables":{"ids":["ministry:molvt"],"x":[${Array(count).fill(item).join(',')}]}}` };
    }
    case 11: {
      // Values and keys that error messages could repeat: semicolons, quote marks, markup.
      const v = r.pick([`abc; ${CANARY}`, `"${CANARY}"`, `x\" ${CANARY} \"y`, `<b>${CANARY}</b>`]);
      return r.pick<Case>([
        { kind: 'json', body: { query: 'query($n: Int) { entities(limit: $n) { id } }', variables: { n: v } } },
        { kind: 'json', body: { query: 'query($w: EntityWhere) { entities(where: $w) { id } }', variables: { w: { [v]: 1 } } } },
        { kind: 'json', body: { query: 'query($ids: [ID!]!) { neighborhood(ids: $ids) { nodes { id } } }', variables: { ids: [{ [v]: v }] } } },
        { kind: 'json', body: { query: 'query($t: [EntityType!]) { entities(types: $t) { id } }', variables: { t: [v] } } },
        // Literals of the wrong kind, which graphql-js prints unquoted after "found".
        { kind: 'json', body: { query: `{ entities(where: ${CANARY}) { id } }` } },
        { kind: 'json', body: { query: `{ entities(where: [A, ${CANARY}]) { id } }` } },
        { kind: 'json', body: { query: `query($w: EntityWhere = { nameMatches: ${CANARY} }) { entities(where: $w) { id } }` } },
        // Syntax errors print a string token decoded, an escaped quote mark unescaped.
        { kind: 'json', body: { query: `{ "a\\" ${CANARY}" }` } },
        { kind: 'json', body: { query: `{ """x\\""" ${CANARY} \\"""""" }` } },
      ]);
    }
    case 12: {
      // A GET with no preflight header whose parameter names are encoded, repeated or odd: none
      // may run an operation.
      const q = encodeURIComponent('{ stats { entities } }');
      return { kind: 'get', query: '', preflight: false, target: r.pick([`%71uery=${q}`, `q%75ery=${q}`, `query%3D${q}`, `query[]=${q}`, `query=${q}&query=${q}`, `%51uery=${q}`, `extensions=%7B%7D&%71uery=${q}`, `;query=${q}`, `+query=${q}`]) };
    }
    default: {
      // GET, as a link or an <img> would send it, with and without the preflight header.
      let sel = 'id';
      for (let i = 0; i < r.int(2, 5); i++) sel = hop(r, schema, sel);
      return { kind: 'get', query: variant(r, `{ ${root} { ${sel} } }`), preflight: r.chance(0.5) };
    }
  }
}

/** Case number `i` of the run seeded `seed`: six in ten generated, a quarter mutated, the rest expensive shapes. */
export function fuzzCase(schema: GraphQLSchema, seed: number, i: number): Case {
  const r = rng(seed * 1_000_003 + i);
  const base = generated(r, schema);
  const roll = r.next();
  if (roll < 0.15) return { ...expensive(r, schema), heavy: true };
  return roll < 0.4 ? mutated(r, base) : { kind: 'json', body: { query: base.text, variables: base.variables } };
}

export const fuzzSchema = (sdl: string) => buildSchema(sdl);

/** Error codes a client can act on; an error without one (or with another) is a finding. */
export const ACTIONABLE = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'TIMEOUT', 'SERVICE_UNAVAILABLE', 'PERSISTED_QUERY_NOT_FOUND', 'QUERY_TOO_COMPLEX', 'OPERATION_RESOLUTION_FAILURE', 'UNSUPPORTED_MEDIA_TYPE', 'RESPONSE_TOO_LARGE', 'BUSY', 'CSRF_PREVENTED', 'FORBIDDEN_ORIGIN', 'METHOD_NOT_ALLOWED', 'LENGTH_REQUIRED']);

export interface Outcome {
  status: number;
  codes: string[];
  problem: string | null;
}

/** Classifies one answer: 5xx, an error without an actionable code, or an internal message are problems. */
/** Twice the byte cap of an answer's text (server/src/limits.ts): a longer answer went past the caps. */
const MAX_ANSWER_CHARS = 8 * 1024 * 1024;

export function classify(status: number, body: string, c?: Case): Outcome {
  if (status >= 500) return { status, codes: [], problem: `HTTP ${status}: ${body.slice(0, 200)}` };
  if (body.includes(CANARY)) return { status, codes: [], problem: `the answer repeats what the request sent: ${body.slice(0, 200)}` };
  if (body.length > MAX_ANSWER_CHARS) return { status, codes: [], problem: `an answer of ${body.length} characters, past the response caps` };
  let parsed: { errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status, codes: [], problem: `unparseable body (${status}): ${body.slice(0, 200)}` };
  }
  const codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
  for (const e of parsed.errors ?? []) {
    const code = e.extensions?.code;
    if (!code || !ACTIONABLE.has(code)) return { status, codes, problem: `error without an actionable code (${code ?? 'none'}): ${e.message?.slice(0, 200)}` };
    if (/\bat .+:\d+:\d+|\.ts:\d+|Neo4jError|node_modules|bolt:\/\//.test(e.message ?? '')) return { status, codes, problem: `internal detail in message: ${e.message?.slice(0, 200)}` };
  }
  if (status >= 400 && !codes.length) return { status, codes, problem: `HTTP ${status} without an error code: ${body.slice(0, 200)}` };
  if (c?.kind === 'get' && !c.preflight && (parsed as { data?: unknown }).data != null) return { status, codes, problem: 'a GET without the preflight header ran an operation (cross-site)' };
  return { status, codes, problem: null };
}
