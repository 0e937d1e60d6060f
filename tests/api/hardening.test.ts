/**
 * Attacks that once crashed, stalled or exposed the server, each kept as a regression test, with
 * the classes behind them: operations that cost more than they look, request targets and
 * encodings that throw, slow clients, cross-site reads, and error messages that repeat the request.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, quietest, type App, type AppOptions } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import { StoreUnavailableError } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { storeError } from '../../server/src/store/neo4j/errors';
import { reportBundle } from '../helpers/report';

const KILLER = '{ entity(id:"no-such-id"){ relations{ source{ relations{ source{ relations{ source{ relations{ source{ relations{ source{ id } } } } } } } } } } } }';
const WIDE = '{ entities(limit:1000){ relations{ source{ relations{ target{ id name } } } } } }';

async function serve(options: AppOptions = {}): Promise<{ app: App; url: string; port: number; logs: string[] }> {
  const logs: string[] = [];
  const app = createApp(new MemoryGraphStore(reportBundle()), createLogger('debug', (l) => logs.push(l)), options);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  const port = (app.server.address() as AddressInfo).port;
  return { app, url: `http://127.0.0.1:${port}`, port, logs };
}

/** Sends bytes as they are (no client normalising the target) and reads the whole answer. */
function raw(port: number, request: string, waitMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, waitMs);
    socket.on('data', (d) => (out += d));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      if (out) resolve(out);
      else reject(e);
    });
    socket.write(request);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

let s: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  s = await serve();
});
afterAll(() => s.app.close());

async function alive(url: string): Promise<void> {
  const r = await fetch(`${url}/healthz`);
  expect(r.status).toBe(200);
}

describe('operations that cost more than they look', () => {
  it('rejects the 148-byte nested query before running it, with its cost, and keeps serving', async () => {
    expect(KILLER.length).toBe(148);
    const r = await post(s.url, { query: KILLER });
    const body = (await r.json()) as { data?: unknown; errors: { extensions: { code: string; cost: number; limit: number } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0]!.extensions.cost).toBeGreaterThan(body.errors[0]!.extensions.limit);
    expect(body.data).toBeUndefined();
    await alive(s.url);
  });

  it('rejects its whitespace variants and its GET form the same way', async () => {
    for (const q of [KILLER.replace(/ /g, '  '), KILLER.replace(/ /g, '\n'), KILLER.replace(/\{ /g, '{')]) {
      const body = (await (await post(s.url, { query: q })).json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    }
    const r = await fetch(`${s.url}/graphql?query=${encodeURIComponent(KILLER)}`, { headers: { 'graphql-preflight': '1', accept: 'application/json' } });
    expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('rejects a thousand entities with two levels of relations, which cost no limit argument could show', async () => {
    const body = (await (await post(s.url, { query: WIDE })).json()) as { errors: { extensions: { code: string; cost: number } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0]!.extensions.cost).toBeGreaterThan(50_000);
  });

  it('refuses one field repeated under one name beyond 20 times, which validation would compare pair by pair', async () => {
    const field = 'entity(id: "x") { relations(limit: 1) { source { id name relations(limit: 1) { id } } } }';
    const many = `{ ${Array.from({ length: 25 }, () => field).join(' ')} }`;
    const body = (await (await post(s.url, { query: many })).json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0]!.message).toMatch(/"entity" is selected more than 20 times/);
    // The same through fragments spread side by side.
    const frags = `{ ${Array.from({ length: 25 }, (_, i) => `...F${i}`).join(' ')} } ${Array.from({ length: 25 }, (_, i) => `fragment F${i} on Query { stats { entities } }`).join(' ')}`;
    const viaFragments = (await (await post(s.url, { query: frags })).json()) as { errors: { extensions: { code: string } }[] };
    expect(viaFragments.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    // A few repeats, as fragments on several implementations make, are fine.
    const few = (await (await post(s.url, { query: `{ ${Array.from({ length: 5 }, () => 'stats { entities }').join(' ')} }` })).json()) as { data: { stats: { entities: number } } };
    expect(few.data.stats.entities).toBeGreaterThan(0);
  });

  it("reports an accepted operation's cost in extensions", async () => {
    const body = (await (await post(s.url, { query: '{ entities(limit: 3) { id relations(limit: 2) { id } } }' })).json()) as { extensions: { cost: { requested: number; limit: number } } };
    expect(body.extensions.cost.requested).toBeGreaterThanOrEqual(3);
    expect(body.extensions.cost.requested).toBeLessThanOrEqual(3 + 3 * 2);
    expect(body.extensions.cost.limit).toBe(50_000);
  });

  it('accepts every operation the explorer sends', async () => {
    const q = await import('../../client/src/api/queries');
    const ops: [string, Record<string, unknown>][] = [
      [q.DOCUMENT, {}],
      [q.ENTITY, { id: 'country:cambodia' }],
      [q.NEIGHBORHOOD, { ids: ['country:cambodia'], depth: 2, limit: 2000 }],
      [q.FINDINGS, {}],
      [q.TABLES, {}],
      [q.TIMELINE, {}],
      [q.DISCREPANCIES, {}],
      [q.SEARCH, { q: 'labour', limit: 20 }],
    ];
    for (const [query, variables] of ops) {
      const body = (await (await post(s.url, { query, variables })).json()) as { errors?: unknown[]; extensions: { cost: { requested: number } } };
      expect(body.errors, query.slice(0, 40)).toBeUndefined();
      expect(body.extensions.cost.requested).toBeLessThanOrEqual(50_000);
    }
  });
});

describe('attacks found by review', () => {
  it('refuses a chain of fragments each spread twice (2^40 selections) at once, and keeps serving', async () => {
    let query = 'query { ...F0 }';
    for (let i = 0; i < 40; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    query += ' fragment F40 on Query { __typename }';
    const r = await post(s.url, { query });
    const body = (await r.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    await alive(s.url);
  });

  it('refuses introspection nested past what the cost follows (inline fragments as padding), instead of counting it free', async () => {
    let body = 'types { name fields { name type { name ofType { name } } } }';
    for (let i = 0; i < 70; i++) body = `... on __Schema { ${body} }`;
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __schema { ...S }`).join(' ')} } fragment S on __Schema { ${body} }`;
    const r = await post(s.url, { query });
    const answer = (await r.json()) as { data?: unknown; errors: { extensions: { code: string; cost: number; limit: number } }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.errors[0]!.extensions.cost).toBeGreaterThan(answer.errors[0]!.extensions.limit);
    // Introspection of ordinary depth still answers (GraphiQL's, for one).
    const plain = (await (await post(s.url, { query: '{ __schema { types { name fields { name } } } }' })).json()) as { data?: { __schema: { types: unknown[] } } };
    expect(plain.data!.__schema.types.length).toBeGreaterThan(10);
  });

  it('answers variables nested 5,000 deep with BAD_USER_INPUT, not a 500', async () => {
    for (const deep of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query":"{ __typename }","variables":{"x":${deep}}}` });
      expect(r.status).toBeLessThan(500);
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    }
    // Variables of ordinary depth are not affected.
    const ok = await post(s.url, { query: 'query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 0) { nodes { id } } }', variables: { ids: ['ministry:molvt'] } });
    expect(((await ok.json()) as { errors?: unknown }).errors).toBeUndefined();
    await alive(s.url);
  });

  it('refuses variables of more values than any argument takes, before costing or running anything', async () => {
    // A million numbers in 2 MB: walking them, and keying the cost cache by their JSON (each
    // 1e20 printed as 21 characters), stalled the event loop and filled the heap.
    const body = `{"query":"query Q { stats { entities } }","variables":{"x":[${Array(300_000).fill('1e20').join(',')}]}}`;
    const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(r.status).toBeLessThan(500);
    const answer = (await r.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.errors[0]!.message).toMatch(/more than 10000 values/);
    // Two hundred ids, the most an argument takes, are fine.
    const ids = Array.from({ length: 200 }, () => 'ministry:molvt');
    const ok = await post(s.url, { query: 'query($ids: [ID!]!) { neighborhood(ids: $ids, depth: 0) { nodes { id } } }', variables: { ids } });
    expect(((await ok.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it('answers searches whose words fold into one long term, 26 at once, within the budget', async () => {
    // "㎉" folds to "kcal": 500 of them are one term of 2,000 letters, and typo matching walked the
    // index once per swapped spelling of it, 1.5-4 s per search; 26 aliased searches ran out of
    // the 10 s budget with TIMEOUT while the event loop was held.
    const query = `{ ${Array.from({ length: 26 }, (_, i) => `a${i}: passages(query: "${'\u3389'.repeat(500)}", limit: 1) { id }`).join(' ')} }`;
    const answer = (await (await post(s.url, { query })).json()) as { data?: Record<string, unknown[]>; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data!)).toHaveLength(26);
    await alive(s.url);
  });

  it('refuses a search of one word repeated past 32, and costs a search once per word', async () => {
    // "a a a ... a": 250 lookups of a one-letter prefix per search, 30 aliased searches a stall.
    const many = (await (await post(s.url, { query: `{ passages(query: "${'a '.repeat(250)}") { id } }` })).json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(many.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(many.errors[0]!.message).toMatch(/250 words; a search takes at most 32/);
    const cost = async (q: string) => ((await (await post(s.url, { query: `{ passages(query: "${q}", limit: 1) { id } }` })).json()) as { extensions: { cost: { requested: number } } }).extensions.cost.requested;
    const one = await cost('migration');
    expect(await cost('migration labour workers')).toBe(3 * one - 2);
  });

  it("costs a filter's name search like a search: thirty of them with long phrases are refused before running", async () => {
    // Each phrase: 32 words folding to 30 letters; the filter's search was not costed (cost 30),
    // and the thirty ran on the server's thread, 230 ms a request.
    const phrase = Array.from({ length: 32 }, (_, i) => `${'\u3389'.repeat(7)}${String.fromCharCode(97 + (i % 24))}${String.fromCharCode(97 + ((i * 7) % 26))}`).join(' ');
    const query = `query($p: String) { ${Array.from({ length: 30 }, (_, i) => `a${i}: entities(where: { nameMatches: $p }, limit: 1) { id }`).join(' ')} }`;
    const answer = (await (await post(s.url, { query, variables: { p: phrase } })).json()) as { data?: unknown; errors: { extensions: { code: string; cost: number } }[] };
    expect(answer.data).toBeUndefined();
    expect(answer.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    await alive(s.url);
  });

  it('refuses a search of more distinct words than a phrase has, in every search field', async () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}x`).join(' ');
    for (const field of [`search(query: "${words}") { entity { id } }`, `passages(query: "${words}") { id }`, `entities(where: { nameMatches: "${words}" }) { id }`]) {
      const answer = (await (await post(s.url, { query: `{ ${field} }` })).json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(answer.errors[0]!.extensions.code, field).toBe('BAD_USER_INPUT');
      expect(answer.errors[0]!.message).toMatch(/25 distinct words; a search takes at most 24/);
    }
    const fine = (await (await post(s.url, { query: `{ passages(query: "${words.split(' ').slice(0, 24).join(' ')}") { id } }` })).json()) as { errors?: unknown };
    expect(fine.errors).toBeUndefined();
  });

  it.each(['variables=%7Bx', 'extensions=%7B', 'variables=5', 'extensions=%5B1%5D'])('answers a GET whose %s is not a JSON object with 400, not a 500', async (param) => {
    const r = await fetch(`${s.url}/graphql?query=%7B__typename%7D&${param}`, { headers: { 'graphql-preflight': '1' } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const fine = await fetch(`${s.url}/graphql?query=%7B__typename%7D&variables=%7B%7D`, { headers: { 'graphql-preflight': '1' } });
    expect(fine.status).toBe(200);
  });
});

describe('execution that stops', () => {
  it('stops an accepted operation at the node cap with RESPONSE_TOO_LARGE, and answers /healthz while it runs', async () => {
    const small = await serve({ operationLimits: { maxNodes: 200 } });
    try {
      const pending = post(small.url, { query: '{ documents { chapters { sections { passages { id mentions { text } } } } } }' }).then((r) => r.json());
      const health = await fetch(`${small.url}/healthz`);
      expect(health.status).toBe(200);
      const body = (await pending) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['RESPONSE_TOO_LARGE']);
      expect(body.data ?? null).toBeNull();
    } finally {
      await small.app.close();
    }
  });

  it('stops at the byte cap on text', async () => {
    const small = await serve({ operationLimits: { maxBytes: 10_000 } });
    try {
      const body = (await (await post(small.url, { query: '{ documents { chapters { sections { passages { text rawText } } } } }' })).json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['RESPONSE_TOO_LARGE']);
    } finally {
      await small.app.close();
    }
  });

  it('stops CPU-bound work at the time budget with TIMEOUT', async () => {
    // A budget far shorter than the work of the explorer's whole-document read (50 µs): the
    // guard sees the deadline pass between fields, though no store call is pending.
    const hurried = await serve({ queryTimeoutMs: 0.05 });
    try {
      const answer = await (await post(hurried.url, { query: '{ documents { chapters { sections { passages { id text mentions { text entity { id name } } } } } } }' })).text();
      const body = JSON.parse(answer) as { errors: { extensions: { code: string } }[] };
      expect(body.errors, answer.slice(0, 300)).toBeDefined();
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['TIMEOUT']);
    } finally {
      await hurried.app.close();
    }
  });

  it('answers BUSY beyond the queue of heavy operations, and serves light ones meanwhile', async () => {
    // A slice of 0 ms: the running operation lets the others in after every few fields, however fast this machine.
    const narrow = await serve({ operationLimits: { heavyCost: 100, heavyQueue: 1, sliceMs: 0 } });
    try {
      const heavy = '{ documents { chapters { sections { passages { id text mentions { text entity { id name } } } } } } }';
      const answers = await Promise.all([...Array.from({ length: 6 }, () => post(narrow.url, { query: heavy }).then((r) => r.json())), post(narrow.url, { query: '{ stats { entities } }' }).then((r) => r.json())]);
      const codes = answers.map((a) => ((a as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? 'OK'));
      expect(codes.slice(0, 6).filter((c) => c === 'OK').length).toBeGreaterThanOrEqual(1);
      expect(codes.slice(0, 6)).toContain('BUSY');
      expect(codes[6]).toBe('OK');
    } finally {
      await narrow.app.close();
    }
  });
});

describe('HTTP that cannot be tripped', () => {
  it.each(['//', '//a:b@', '///x', '*', 'http://[::1', 'x'])('answers the request target %j with 400 and keeps serving', async (target) => {
    const answer = await raw(s.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(400);
    await alive(s.url);
  });

  it.each(['/%', '/%E0%A4%A', '/%ZZ', '/a%00b'])('answers the malformed path %j with 400', async (path) => {
    const answer = await raw(s.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(400);
    await alive(s.url);
  });

  it('answers an absolute-form target with an empty or odd Host without a 5xx (the HTTP fuzzer found a 500)', async () => {
    for (const host of ['', 'a b', 'x'.repeat(300), '[::1']) {
      const answer = await raw(s.port, `GET http://localhost/graphql?query=%7Bstats%7Bentities%7D%7D HTTP/1.1\r\nHost: ${host}\r\nGraphQL-Preflight: 1\r\nConnection: close\r\n\r\n`);
      expect(statusOf(answer), host).toBeLessThan(500);
      expect(answer).not.toMatch(/TypeError|node_modules/);
    }
    const ok = await raw(s.port, 'GET http://localhost/graphql?query=%7Bstats%7Bentities%7D%7D HTTP/1.1\r\nHost: \r\nGraphQL-Preflight: 1\r\nAccept: application/json\r\nConnection: close\r\n\r\n');
    expect(ok).toMatch(/"entities":\d+/);
    await alive(s.url);
  });

  it('answers headers Node cannot parse with 400 and an oversized header block with 431', async () => {
    expect(statusOf(await raw(s.port, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw(s.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`))).toBe(431);
    expect(statusOf(await raw(s.port, 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'))).toBe(400);
    await alive(s.url);
  });

  it('closes connections whose headers or body never finish', async () => {
    const strict = await serve({ httpLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    try {
      const started = Date.now();
      const headers = raw(strict.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 10_000);
      const body = raw(strict.port, 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":', 10_000);
      const [h, b] = await Promise.all([headers, body]);
      // Both were ended by the server (408), not by the 10 s wait of this test.
      expect(statusOf(h)).toBe(408);
      expect(statusOf(b)).toBe(408);
      expect(Date.now() - started).toBeLessThan(9_000);
    } finally {
      await strict.app.close();
    }
  });

  it('makes room at the cap by closing the connection idle longest: partial headers shut no one out', async () => {
    const capped = await serve({ httpLimits: { maxConnections: 3 } });
    const opened = () => new Promise<ReturnType<typeof connect>>((resolve) => {
      const c = connect(capped.port, '127.0.0.1', () => resolve(c));
      c.on('error', () => {});
    });
    // Three connections that never finish their headers hold the whole cap.
    const held: ReturnType<typeof connect>[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await opened();
      c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      held.push(c);
      await delay(20);
    }
    const closed = held.map((c) => new Promise<boolean>((resolve) => (c.once('close', () => resolve(true)), setTimeout(() => resolve(false), 3000))));
    try {
      // Another client is still answered, at once (not after the 10 s header timeout).
      const started = Date.now();
      expect(statusOf(await raw(capped.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 3000))).toBe(200);
      expect(Date.now() - started).toBeLessThan(2500);
      // The room was made by closing the oldest of the three, and only it.
      expect(await closed[0]).toBe(true);
      expect(await Promise.race([closed[1], delay(200).then(() => false)])).toBe(false);
    } finally {
      for (const c of held) c.destroy();
      await capped.app.close();
    }
  });

  it('makes room at the cap from bodies that never finish too', async () => {
    const capped = await serve({ httpLimits: { maxConnections: 3 } });
    // Three requests whose headers are in and whose bodies are still coming.
    const held: ReturnType<typeof connect>[] = [];
    for (let i = 0; i < 3; i++) {
      held.push(await new Promise<ReturnType<typeof connect>>((resolve) => {
        const c = connect(capped.port, '127.0.0.1', () => {
          c.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
          resolve(c);
        });
        c.on('error', () => {});
      }));
      await delay(20);
    }
    const closed = new Promise<boolean>((resolve) => (held[0]!.once('close', () => resolve(true)), setTimeout(() => resolve(false), 3000)));
    try {
      await delay(100);
      expect(statusOf(await raw(capped.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 3000))).toBe(200);
      expect(await closed).toBe(true);
    } finally {
      for (const c of held) c.destroy();
      await capped.app.close();
    }
  });

  it('keeps a slow upload that makes progress while silent connections come and go at the cap', async () => {
    const capped = await serve({ httpLimits: { maxConnections: 4 } });
    const body = JSON.stringify({ query: '{ stats { entities } }' });
    let answer = '';
    const upload = connect(capped.port, '127.0.0.1');
    upload.on('data', (d) => (answer += d));
    upload.on('error', () => {});
    const closed = new Promise<void>((resolve) => upload.once('close', () => resolve()));
    await new Promise<void>((resolve) => upload.once('connect', () => resolve()));
    upload.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    const silent: ReturnType<typeof connect>[] = [];
    try {
      // A byte of the body every 25 ms; meanwhile a new silent connection every 40 ms.
      for (let i = 0; i < body.length; i++) {
        upload.write(body[i]!);
        if (i % 2 === 0) {
          const c = connect(capped.port, '127.0.0.1', () => c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
          c.on('error', () => {});
          silent.push(c);
        }
        await delay(25);
      }
      await Promise.race([closed, delay(3000)]);
      expect(statusOf(answer)).toBe(200);
      // The silent ones made room for each other: most of them were closed.
      expect(silent.filter((c) => c.destroyed || c.readableEnded).length).toBeGreaterThan(silent.length / 2);
    } finally {
      upload.destroy();
      for (const c of silent) c.destroy();
      await capped.app.close();
    }
  });

  it('closes a connection whose client reads nothing of its answers', async () => {
    const strict = await serve({ httpLimits: { requestTimeoutMs: 600, headersTimeoutMs: 300 }, queryTimeoutMs: 200 });
    // Seen from the server's side: the paused client notices nothing until it reads.
    const closed = new Promise<boolean>((resolve) => {
      strict.app.server.once('connection', (s: Socket) => s.once('close', () => resolve(true)));
      setTimeout(() => resolve(false), 8000);
    });
    const c = connect(strict.port, '127.0.0.1');
    c.on('error', () => {});
    try {
      await new Promise<void>((resolve) => c.once('connect', () => resolve()));
      // A hundred pipelined requests for the report's text (140 KB each), and nothing read: the
      // answers fill the buffers, and then nothing moves.
      c.pause();
      const body = JSON.stringify({ query: '{ documents { passages(first: 1000) { nodes { text rawText } } } }' });
      for (let i = 0; i < 100; i++) c.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      expect(await closed).toBe(true);
      await alive(strict.url);
    } finally {
      c.destroy();
      await strict.app.close();
    }
  });

  it('refuses a connection beyond the cap only when every one is being answered', () => {
    const answering = { active: 1, quietSince: 1, request: { complete: true }, blocked: () => false };
    expect(quietest(new Map([['a', answering], ['b', { ...answering, quietSince: 0 }]]))).toBeNull();
    // Of those not being answered (between requests, a body still coming, an answer not read), the one quiet longest.
    const open = new Map([
      ['busy', { ...answering, quietSince: 0 }],
      ['kept-alive', { ...answering, active: 0, quietSince: 5 }],
      ['unread-answer', { ...answering, quietSince: 2, blocked: () => true }],
      ['slow-body', { ...answering, quietSince: 3, request: { complete: false } }],
      ['no-request-yet', { ...answering, active: 0, quietSince: 4, request: null }],
    ]);
    expect(quietest(open)).toBe('unread-answer');
    open.delete('unread-answer');
    expect(quietest(open)).toBe('slow-body');
    open.delete('slow-body');
    expect(quietest(open)).toBe('no-request-yet');
    // Equally quiet (bytes seen moving on all of them at the same look): a request under way goes last.
    const tie = new Map([
      ['slow-body', { ...answering, quietSince: 7, request: { complete: false } }],
      ['unread-answer', { ...answering, quietSince: 7, blocked: () => true }],
      ['kept-alive', { ...answering, active: 0, quietSince: 7 }],
      ['no-request-yet', { ...answering, active: 0, quietSince: 7, request: null }],
    ]);
    for (const next of ['no-request-yet', 'kept-alive', 'unread-answer', 'slow-body']) {
      expect(quietest(tie)).toBe(next);
      tie.delete(next);
    }
  });

  it('answers methods the API does not take with 405', async () => {
    expect((await fetch(`${s.url}/graphql`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${s.url}/`, { method: 'PUT', body: 'x' })).status).toBe(405);
  });
});

describe('same-origin by default', () => {
  it('refuses a Host it does not answer to, as a page of a rebound name sends it with its own origin', async () => {
    // A site whose name is made to resolve to this server (DNS rebinding) is same-origin with it
    // in the browser: Origin and Host both carry its name. Before, that was served (200).
    const host = `attacker.example:${s.port}`;
    const body = JSON.stringify({ query: '{ stats { entities } }' });
    const ask = (h: string, origin = `http://${h}`) =>
      raw(s.port, `POST /graphql HTTP/1.1\r\nHost: ${h}\r\nOrigin: ${origin}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    const refused = await ask(host);
    expect(refused).toMatch(/^HTTP\/1\.1 403/);
    expect(refused).toContain('FORBIDDEN_HOST');
    expect(refused).not.toContain('attacker');
    expect(await raw(s.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
    // Its own names: localhost, an address; and a probe's /healthz whatever the name.
    for (const ok of [`localhost:${s.port}`, `127.0.0.1:${s.port}`, `[::1]:${s.port}`]) expect(await ask(ok), ok).toMatch(/^HTTP\/1\.1 200/);
    expect(await raw(s.port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200/);
    // A name listed in ALLOWED_HOSTS is answered.
    const named = await serve({ allowedHosts: ['graph.example.org'] });
    try {
      const r = await raw(named.port, `POST /graphql HTTP/1.1\r\nHost: graph.example.org\r\nOrigin: https://graph.example.org\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      expect(r).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      await named.app.close();
    }
  });

  it('serves the explorer with a content security policy that keeps other sites\' scripts and frames out', async () => {
    const r = await fetch(`${s.url}/`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses other origins, null among them, with no CORS headers and no credentials', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      const r = await post(s.url, { query: '{ stats { entities } }' }, { origin });
      expect(r.status).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN_ORIGIN');
    }
  });

  it('serves its own origin, as the explorer and GraphiQL send it', async () => {
    const r = await post(s.url, { query: '{ stats { entities } }' }, { origin: s.url });
    expect(r.status).toBe(200);
    const page = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('serves GraphiQL from this server, the same bytes compressed, revalidated by its ETag', async () => {
    const plain = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': 'identity' } });
    const html = await plain.text();
    // Yoga's own page loaded its scripts from unpkg.com.
    expect(html).not.toMatch(/<script[^>]+src=|unpkg\.com|jsdelivr/);
    expect(html).toMatch(/renderYogaGraphiQL/);
    const { request } = await import('node:http');
    const zipped = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      request(`${s.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(parts) }));
      }).on('error', reject).end();
    });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.bytes.length).toBeLessThan(Buffer.byteLength(html) / 2);
    expect((await import('node:zlib')).gunzipSync(zipped.bytes).toString()).toBe(html);
    const again = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html', 'if-none-match': plain.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('allows the origins listed in CORS_ORIGINS, preflight included, without credentials', async () => {
    const listed = await serve({ corsOrigins: ['https://analysis.example'] });
    try {
      const pre = await fetch(`${listed.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://analysis.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://analysis.example');
      expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/);
      const r = await post(listed.url, { query: '{ stats { entities } }' }, { origin: 'https://analysis.example' });
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('https://analysis.example');
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
      expect((await post(listed.url, { query: '{ stats { entities } }' }, { origin: 'https://other.example' })).status).toBe(403);
    } finally {
      await listed.app.close();
    }
  });

  it('runs no operation from a simple cross-site request: GET without a preflight header, POST with a form type', async () => {
    const get = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ stats { entities } }')}`);
    expect(get.status).toBe(403);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_PREVENTED');
    // Parameter names reach the GraphQL server decoded: an encoded one is an operation too.
    for (const target of [`/graphql?%71uery=${encodeURIComponent('{ stats { entities } }')}`, `/graphql?%65xtensions=%7B%7D`, '/graphql?x']) {
      expect((await fetch(`${s.url}${target}`)).status).toBe(403);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ query: '{ stats { entities } }' }) });
      expect(r.status).toBe(415);
    }
    const allowed = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ stats { entities } }')}`, { headers: { 'graphql-preflight': '1', accept: 'application/json' } });
    expect(((await allowed.json()) as { data: { stats: { entities: number } } }).data.stats.entities).toBeGreaterThan(0);
  });
});

describe('errors that never quote the request', () => {
  const CANARY = 'CANARY<script>7f3a</script>';
  const requests: [string, () => Promise<Response>][] = [
    ['a variable of the wrong type', () => post(s.url, { query: 'query($n: Int) { entities(limit: $n) { id } }', variables: { n: CANARY } })],
    ['an unknown enum value in a variable', () => post(s.url, { query: 'query($d: Direction) { entity(id: "x") { relations(direction: $d) { id } } }', variables: { d: CANARY } })],
    ['a literal of the wrong type', () => post(s.url, { query: `{ entities(limit: "${CANARY}") { id } }` })],
    ['an unknown entity type', () => post(s.url, { query: `{ entities(type: "${CANARY}") { id } }` })],
    ['a string where a name belongs', () => post(s.url, { query: `{ "${CANARY}" }` })],
    ['a body that is not JSON', () => fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": "{ stats { entities } }", ${CANARY}` })],
    ['a content type of its own', () => fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': `text/${CANARY.replace(/[<>/]/g, '')}` }, body: '{}' })],
    ['variables that are not an object', () => post(s.url, { query: '{ stats { entities } }', variables: CANARY })],
    ['an operation name that does not exist', () => post(s.url, { query: 'query A { stats { entities } }', operationName: CANARY })],
    // A ";" in the value ended what was cut out at the first one, and a quote mark in a key (which
    // graphql-js quotes raw) paired the message's quotes wrongly.
    ['a value holding a semicolon', () => post(s.url, { query: 'query($n: Int) { entities(limit: $n) { id } }', variables: { n: `abc; ${CANARY}` } })],
    ['an input field name holding quote marks', () => post(s.url, { query: 'query($w: EntityWhere) { entities(where: $w) { id } }', variables: { w: { [`a" ${CANARY} "b`]: 1 } } })],
    ['a list item holding a semicolon', () => post(s.url, { query: 'query($ids: [ID!]!) { neighborhood(ids: $ids) { nodes { id } } }', variables: { ids: [{ x: `; ${CANARY}` }] } })],
    // graphql-js prints a literal of the wrong kind unquoted after "found".
    ['a name where an input object belongs', () => post(s.url, { query: '{ entities(where: CANARY_7f3a) { id } }' })],
    ['a list of names where an input object belongs', () => post(s.url, { query: '{ entities(where: [CANARY_A, CANARY_7f3a]) { id } }' })],
    ['a variable default of the wrong kind', () => post(s.url, { query: 'query($w: EntityWhere = CANARY_7f3a) { entities(where: $w) { id } }' })],
    // A block string prints over several lines, whose quote marks the redaction once paired wrongly.
    ['a block string beside a string, where an id belongs', () => post(s.url, { query: `{ entity(id: {a: """\n""\n""", b: "${CANARY}"}) { id } }` })],
    // A syntax error prints the token decoded, an escaped quote mark unescaped.
    ['a string with an escaped quote mark where a name belongs', () => post(s.url, { query: `{ "a\\" ${CANARY}" }` })],
    ['a string with an escaped quote mark after a field', () => post(s.url, { query: `{ entity(id: "x") { id } "a\\u0022 ${CANARY}" }` })],
    ['a block string with an escaped triple quote where a name belongs', () => post(s.url, { query: `{ """x\\""" ${CANARY} \\"""""" }` })],
    // A key to be redacted among ten thousand strings sent (each once looked for in each message).
    ['a key among ten thousand strings', () => post(s.url, { query: 'query($w: EntityWhere, $v: [String]) { entities(where: $w) { id } }', variables: { v: Array.from({ length: 9_998 }, (_, i) => `filler-${i}-${'x'.repeat(20)}`), w: { [`a" ${CANARY} "b`]: 1 } } })],
  ];
  it.each(requests)('does not repeat %s', async (_label, send) => {
    const r = await send();
    const text = await r.text();
    expect(r.status).toBeLessThan(500);
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain('7f3a');
    expect(text).not.toContain('originalError');
    expect(JSON.parse(text).errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
  });
});

describe('a store that does not answer', () => {
  it('answers /readyz 503 within a few seconds when the store hangs, instead of waiting on it', async () => {
    const store = new MemoryGraphStore(reportBundle());
    store.ping = () => new Promise<void>(() => {});
    const app = createApp(store, createLogger('error'));
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    try {
      const r = await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/readyz`, { signal: AbortSignal.timeout(10_000) });
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ status: 'unavailable' });
    } finally {
      await app.close();
    }
  });

  it("reads the driver's pool wait running out as the store unavailable, not as an error of ours", () => {
    const e = storeError(new Error('Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 64, Idle conn count = 0.'));
    expect(e).toBeInstanceOf(StoreUnavailableError);
    expect(storeError(new Error('Some other failure'))).not.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('graceful close', () => {
  it('answers a connection accepted before the close whose request comes late, and still ends an idle kept-alive one', async () => {
    const closing = await serve({ drainMs: 0 });
    const fresh = connect(closing.port, '127.0.0.1');
    const kept = connect(closing.port, '127.0.0.1');
    await Promise.all([fresh, kept].map((s) => new Promise((r) => s.once('connect', r))));
    let keptAnswer = '';
    kept.on('data', (d) => (keptAnswer += d));
    const keptEnded = new Promise<void>((r) => kept.once('close', () => r()));
    kept.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await expect.poll(() => keptAnswer).toContain('200 OK');
    const closed = closing.app.close();
    // Past two idle sweeps (100 ms apart): the kept-alive connection, idle after its answer, is
    // gone; the one that has not sent its request yet is still open, and answered.
    await keptEnded;
    let out = '';
    fresh.on('data', (d) => (out += d));
    fresh.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await expect.poll(() => out, { timeout: 2000 }).toContain('200 OK');
    await closed;
  });
});
