/**
 * Heavy operations on their own thread: the same answers as on the server's thread, errors with
 * the same codes and masking, chunked answers byte for byte, and a thread that cannot start
 * costing an error, not the server.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App, type AppOptions } from '../../server/src/app';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { createAnswerSlots, readSlot, writeToSlot } from '../../server/src/heavy-thread';
import { holdUntilSent } from '../../server/src/limits';
import { createLogger } from '../../server/src/log';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';

/** Twenty-nine searches with text and every entity: over the heavy threshold (cost 5,000). */
const HEAVY = `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: passages(query: "migration labour", limit: 1000) { id text rawText }`).join(' ')} e: entities(limit: 1000) { id name } }`;

async function serve(options: AppOptions = {}): Promise<{ app: App; url: string; logs: string[] }> {
  const logs: string[] = [];
  const bundle = reportBundle();
  const app = createApp(new MemoryGraphStore(bundle), createLogger('debug', (l) => logs.push(l)), options);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, logs };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  extensions?: { cost?: { requested: number; limit: number } };
}

let here: Awaited<ReturnType<typeof serve>>;
let threaded: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  here = await serve();
  threaded = await serve({ heavyThread: { kind: 'memory', bundle: reportBundle() } });
});
afterAll(async () => {
  await here.app.close();
  await threaded.app.close();
});

describe('answer slots shared by the two threads', () => {
  it('a slot is taken by one answer until it is released; with none free, or an answer too long, there is no slot', () => {
    const slots = createAnswerSlots(2, 16);
    const a = writeToSlot(slots, '{"a":"é"}');
    expect(a).toEqual({ slot: 0, length: 10 });
    const b = writeToSlot(slots, '{"b":2}');
    expect(b?.slot).toBe(1);
    expect(writeToSlot(slots, '{}')).toBeNull();
    expect(writeToSlot(createAnswerSlots(2, 16), 'x'.repeat(17))).toBeNull();
    const read = readSlot(slots, a!.slot, a!.length);
    expect(Buffer.from(read.body).toString('utf8')).toBe('{"a":"é"}');
    read.release();
    read.release();
    expect(writeToSlot(slots, '{"c":3}')).toEqual({ slot: 0, length: 7 });
    expect(Buffer.from(readSlot(slots, 1, b!.length).body).toString('utf8')).toBe('{"b":2}');
  });

  it('a slot stays taken while its response is being written, and is freed when the response closes', () => {
    const slots = createAnswerSlots(1, 64);
    const w = writeToSlot(slots, '{"data":1}')!;
    const res = Object.assign(new EventEmitter(), { closed: false }) as unknown as ServerResponse;
    const body = holdUntilSent(readSlot(slots, w.slot, w.length), res);
    expect(writeToSlot(slots, '{"data":2}')).toBeNull();
    expect(Buffer.from(body).toString()).toBe('{"data":1}');
    res.emit('close');
    expect(writeToSlot(slots, '{"data":2}')).not.toBeNull();
    // With no response to follow, the bytes are copied out and the slot freed at once.
    const slots2 = createAnswerSlots(1, 64);
    const w2 = writeToSlot(slots2, '{"data":3}')!;
    const copy = holdUntilSent(readSlot(slots2, w2.slot, w2.length), undefined);
    expect(writeToSlot(slots2, '{"data":4}')).not.toBeNull();
    expect(Buffer.from(copy).toString()).toBe('{"data":3}');
  });
});

describe('heavy operations on their own thread', () => {
  it('answer alike when more answers are being written than there are slots', async () => {
    // Six different heavy operations (a slot reused too early would show another's bytes).
    const terms = ['migration labour', 'remittances', 'education', 'agriculture', 'women', 'Thailand'];
    const heavy = (term: string) => `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: passages(query: "${term}", limit: 1000) { id text rawText }`).join(' ')} e: entities(limit: 1000) { id name } }`;
    const expected: string[] = [];
    for (const t of terms) expected.push(await (await post(here.url, { query: heavy(t) })).text());
    expect(new Set(expected.map((e) => e.length)).size).toBe(terms.length);
    // All at once: they run one at a time, but their answers are written out together.
    const answers = await Promise.all(terms.map((t) => post(threaded.url, { query: heavy(t) }).then((r) => r.text())));
    answers.forEach((a, i) => expect(a === expected[i], `answer ${i} (${terms[i]})`).toBe(true));
    // And one after another, as the slots are freed and taken again.
    for (const [i, t] of terms.entries()) expect((await (await post(threaded.url, { query: heavy(t) })).text()) === expected[i]).toBe(true);
  });

  it('answer with data and an error alike on both threads, the data sent as bytes from the thread', async () => {
    // One field refused (an id over 200 characters) among 3 MB of answers: the thread once sent
    // such an answer as objects, which the server's thread then cloned in and serialised whole.
    const query = HEAVY.replace(' e: entities', ' entities').replace(/ }$/, ` bad: entity(id: "${'x'.repeat(201)}") { id } }`);
    const [a, b] = await Promise.all([post(here.url, { query }), post(threaded.url, { query })]);
    expect(b.status).toBe(a.status);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(Number(b.headers.get('content-length'))).toBe(Buffer.byteLength(tb));
    const pb = JSON.parse(tb) as Answer & { errors: { locations?: unknown }[] };
    expect(pb.errors).toHaveLength(1);
    expect(pb.errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
    // Where the error is: its field's path, and its place in the text as sent.
    expect(pb.errors[0]!.path).toEqual(['bad']);
    expect(pb.errors[0]!.locations).toEqual([{ line: 1, column: query.indexOf('bad:') + 1 }]);
    expect(Object.keys(pb.data!)).toHaveLength(31);
    expect(tb === ta).toBe(true);
  });

  it('answer byte for byte what the server thread answers, cost included', async () => {
    for (const query of [HEAVY]) {
      const [a, b] = await Promise.all([post(here.url, { query }), post(threaded.url, { query })]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      // The thread's answer comes as bytes of known length; this thread's is streamed as made.
      expect(a.headers.get('content-length')).toBeNull();
      const [ta, tb] = [await a.text(), await b.text()];
      expect(Number(b.headers.get('content-length'))).toBe(Buffer.byteLength(tb));
      expect(tb.length).toBeGreaterThan(1000);
      expect(tb).toBe(ta);
      const parsed = JSON.parse(tb) as Answer;
      expect(parsed.errors).toBeUndefined();
      expect(parsed.extensions?.cost?.requested).toBeGreaterThanOrEqual(5000);
    }
    expect(threaded.logs.filter((l) => l.includes('heavy-operation thread'))).toEqual([]);
  });

  it('take variables and the operation name, and answer the chosen operation', async () => {
    const query = `query A($q: String!) { ${Array.from({ length: 29 }, (_, i) => `a${i}: passages(query: $q, limit: 1000) { id }`).join(' ')} e: entities(limit: 1000) { id } } query B { stats { entities } }`;
    const body = { query, variables: { q: 'remittances' }, operationName: 'A' };
    const [a, b] = await Promise.all([post(here.url, body), post(threaded.url, body)]);
    const [ja, jb] = [(await a.json()) as Answer, (await b.json()) as Answer];
    expect(Object.keys(jb.data ?? {})).toHaveLength(30);
    expect(jb.extensions?.cost?.requested).toBeGreaterThanOrEqual(5000);
    expect(b.headers.get('content-length')).not.toBeNull();
    expect(jb).toEqual(ja);
  });

  it('stop at the answer caps with the same code, on the thread', async () => {
    const capped = await serve({ heavyThread: { kind: 'memory', bundle: reportBundle() }, operationLimits: { maxBytes: 100_000 } });
    try {
      const r = await post(capped.url, { query: HEAVY });
      const body = (await r.json()) as Answer;
      expect(body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
      expect(body.errors).toHaveLength(1);
      expect(body.extensions?.cost?.requested).toBeGreaterThanOrEqual(5000);
    } finally {
      await capped.app.close();
    }
  });

  it('stop when the time budget is used up, with TIMEOUT', async () => {
    const slow = await serve({ heavyThread: { kind: 'memory', bundle: reportBundle() }, queryTimeoutMs: 1 });
    try {
      const body = (await (await post(slow.url, { query: HEAVY })).json()) as Answer;
      expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    } finally {
      await slow.app.close();
    }
  });

  it('answer over GET and to a client that accepts only graphql-response+json', async () => {
    const url = `${threaded.url}/graphql?query=${encodeURIComponent(HEAVY)}`;
    const get = await fetch(url, { headers: { 'graphql-preflight': '1', accept: 'application/graphql-response+json' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('application/graphql-response+json');
    const body = (await get.json()) as Answer;
    expect(body.extensions?.cost?.requested).toBeGreaterThanOrEqual(5000);
    expect((body.data?.e as unknown[]).length).toBeGreaterThan(100);
  });

  it('a thread that cannot open its store costs an error (masked, logged), and the server keeps serving', async () => {
    const broken = await serve({ heavyThread: { kind: 'neo4j', options: { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j', queryTimeoutMs: 1000, maxRetryTimeMs: 100 } } });
    try {
      const body = (await (await post(broken.url, { query: HEAVY })).json()) as Answer;
      expect(body.data ?? null).toBeNull();
      // Masked: nothing of the failure reaches the client.
      expect(body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
      expect(broken.logs.some((l) => l.includes('heavy-operation thread'))).toBe(true);
      // Ordinary operations are answered here, as before.
      const ordinary = (await (await post(broken.url, { query: '{ stats { entities } }' })).json()) as Answer;
      expect(ordinary.errors).toBeUndefined();
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    } finally {
      await broken.app.close();
    }
  });
});
