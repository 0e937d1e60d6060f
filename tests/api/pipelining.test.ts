/**
 * HTTP/1.1 pipelining: a client may write many requests on a connection before reading any
 * answer. Node starts every request it parses, so a few dozen connections each pipelining a few
 * hundred operations, reading nothing, once held every answer in memory until the process died
 * of heap exhaustion; read, they kept every other client waiting. Requests of one connection are
 * now answered one after another, a connection may have at most maxPipelined waiting, and
 * answers waiting for their clients to read them are capped over all connections.
 */
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App, type AppOptions } from '../../server/src/app';
import { createLogger } from '../../server/src/log';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';

const apps: App[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const a of apps) await a.close();
});

/** The memory store, each call taking `ms`, the most calls seen in flight at once recorded. */
function trackedStore(ms: number): { store: GraphStore; most: () => number; calls: () => number } {
  const memory = new MemoryGraphStore(reportBundle());
  let now = 0;
  let most = 0;
  let calls = 0;
  const store = new Proxy(memory, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close' || prop === 'ping' || prop === 'info') return value;
      return async (...args: unknown[]) => {
        calls++;
        most = Math.max(most, ++now);
        try {
          await new Promise((r) => setTimeout(r, ms));
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          now--;
        }
      };
    },
  });
  return { store, most: () => most, calls: () => calls };
}

async function serve(store: GraphStore, options: AppOptions = {}): Promise<{ port: number; logs: string[] }> {
  const logs: string[] = [];
  const app = createApp(store, createLogger('warn', (l) => logs.push(l)), options);
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return { port: (app.server.address() as AddressInfo).port, logs };
}

const request = (query: string) => {
  const body = JSON.stringify({ query });
  return `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/** An operation answered with about 1.1 MB: the report's text, eight times. */
const HUGE = request(`{ ${Array.from({ length: 8 }, (_, i) => `a${i}: documents { passages(first: 1000) { nodes { text } } }`).join(' ')} }`);

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  sockets.push(socket);
  await new Promise((r) => socket.once('connect', r));
  return socket;
}

describe('HTTP pipelining', () => {
  it('answers the requests of one connection one after another, in order, all of them', async () => {
    const tracked = trackedStore(30);
    const { port } = await serve(tracked.store);
    const socket = await open(port);
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    // Twenty operations in one write, each one store call.
    socket.write(Array.from({ length: 20 }, (_, i) => request(`{ n${i}: entity(id: "ministry:molvt") { name } }`)).join(''));
    await expect.poll(() => (text.match(/HTTP\/1\.1 200/g) ?? []).length, { timeout: 20_000 }).toBe(20);
    // Before, all twenty ran at once: twenty store calls in flight.
    expect(tracked.calls()).toBe(20);
    expect(tracked.most()).toBe(1);
    expect([...text.matchAll(/"(n\d+)"/g)].map((m) => m[1])).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  });

  it('starts nothing more on a connection whose client reads none of its answers', async () => {
    const tracked = trackedStore(0);
    const { port } = await serve(tracked.store, { httpLimits: { maxPipelined: 500 } });
    const socket = await open(port);
    socket.pause();
    // A hundred answers of about 330 KB each (the report's text four times; one store call per
    // alias), all in one write: a few fill the kernel's buffers, and the next waits in the server
    // for the client. Before, every request of the write was started, each answer built and held.
    const medium = request(`{ ${Array.from({ length: 4 }, (_, i) => `a${i}: documents { passages(first: 1000) { nodes { text } } }`).join(' ')} }`);
    socket.write(medium.repeat(100));
    await new Promise((r) => setTimeout(r, 2000));
    const started = tracked.calls() / 4;
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(100);
    await new Promise((r) => setTimeout(r, 500));
    expect(tracked.calls() / 4).toBe(started);
  });

  it('closes a connection that pipelines more than it may, and serves the others', async () => {
    const { port, logs } = await serve(trackedStore(20).store, { httpLimits: { maxPipelined: 4 } });
    const greedy = await open(port);
    const closed = new Promise<boolean>((resolve) => {
      greedy.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 5000);
    });
    greedy.write(request('{ entity(id: "ministry:molvt") { name } }').repeat(20));
    expect(await closed).toBe(true);
    expect(logs.some((l) => l.includes('too many pipelined requests'))).toBe(true);
    const polite = await open(port);
    let text = '';
    polite.on('data', (d) => (text += d.toString()));
    polite.write(request('{ entity(id: "ministry:molvt") { name } }').repeat(4));
    await expect.poll(() => (text.match(/HTTP\/1\.1 200/g) ?? []).length, { timeout: 10_000 }).toBe(4);
  });

  it('closes the connection slowest to read when too many answers wait for their clients, and serves the newcomer', async () => {
    const { port, logs } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxUnreadAnswers: 3, maxPipelined: 100 } });
    // Four clients each pipeline sixty answers of about 1.1 MB and read nothing: past what the
    // kernel's buffers take (up to some 36 MB a connection here), an answer per connection waits
    // in the server.
    const readers: Socket[] = [];
    const closed: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await open(port);
      s.pause();
      s.once('close', () => (closed[i] = true));
      s.write(HUGE.repeat(60));
      readers.push(s);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1500));
    const ask = async () => (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entities } }' }) })).status;
    // Answered (before, a fourth waiting answer was simply added: four whole answers in memory).
    expect(await ask()).toBe(200);
    expect(logs.filter((l) => l.includes('reads too slowly')).length).toBeGreaterThanOrEqual(1);
    // A paused client notices the close once it reads what was sent before it.
    for (const s of readers) s.resume();
    await expect.poll(() => closed.filter(Boolean).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  });
});

describe('operations in flight over many connections', () => {
  it('runs at most maxOperationsInFlight at once, however many connections each send one', async () => {
    const tracked = trackedStore(30);
    const { port } = await serve(tracked.store, { httpLimits: { maxOperationsInFlight: 2 } });
    let answered = 0;
    for (let i = 0; i < 20; i++) {
      const s = await open(port);
      s.on('data', (d) => (answered += (d.toString().match(/HTTP\/1\.1 200/g) ?? []).length));
      s.write(request(`{ n${i}: entity(id: "ministry:molvt") { name } }`));
    }
    await expect.poll(() => answered, { timeout: 20_000 }).toBe(20);
    // Before, all twenty ran at once (a thousand such connections held 3.5 GB and /healthz for minutes).
    expect(tracked.most()).toBe(2);
  });

  it('lets an ordinary operation run while a heavy one, which has turns of its own, runs', async () => {
    // Every store call takes 300 ms; one operation in flight at once.
    const tracked = trackedStore(300);
    const { port } = await serve(tracked.store, { httpLimits: { maxOperationsInFlight: 1 } });
    const order: string[] = [];
    const post = (name: string, query: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then(async (r) => {
        expect(r.status).toBe(200);
        expect((await r.json()).errors).toBeUndefined();
        order.push(name);
      });
    // Cost over 5,000: heavy. Before, it held the one turn to its end, and the ordinary one after it waited.
    const heavy = post('heavy', '{ entities(limit: 1000) { id relations(limit: 100) { id } } }');
    await new Promise((r) => setTimeout(r, 100));
    const ordinary = post('ordinary', '{ entity(id: "ministry:molvt") { name } }');
    await Promise.all([heavy, ordinary]);
    expect(order).toEqual(['ordinary', 'heavy']);
  });

  it('gives back the turn of an answer its client does not read, or hangs up on, so that others are served', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxOperationsInFlight: 2, maxUnreadAnswers: 100, maxPipelined: 100 } });
    // Four clients take answers of about 1.1 MB each, sixty over, and read nothing: their answers
    // wait for them, and two of the clients then hang up.
    const idle: Socket[] = [];
    for (let i = 0; i < 4; i++) {
      const s = await open(port);
      s.pause();
      s.write(HUGE.repeat(60));
      idle.push(s);
    }
    await new Promise((r) => setTimeout(r, 1500));
    idle[0]!.destroy();
    idle[1]!.destroy();
    // Before, their turns were kept until the answers were read: every other operation waited its
    // 10 s out (503 TIMEOUT), and after a hang-up, for as long as the process lived.
    const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entities } }' }) });
    expect(r.status).toBe(200);
  });
});

describe('request bodies', () => {
  /** Headers of a POST declaring `length` bytes of body, and `sent` bytes of it. */
  const partial = (length: number, sent: number) => `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n${'{'.padEnd(sent, ' ')}`;

  it('takes no turn for a body that has not all come: stalled uploads hold no operation back', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxOperationsInFlight: 2 } });
    // Four clients send half a body and then nothing. Before, each held a turn until the request
    // timeout (30 s): every other operation waited out its budget and got 503 TIMEOUT.
    for (let i = 0; i < 4; i++) (await open(port)).write(partial(60, 30));
    await new Promise((r) => setTimeout(r, 200));
    const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entities } }' }), signal: AbortSignal.timeout(8000) });
    expect(r.status).toBe(200);
    expect((await r.json()).data.stats.entities).toBeGreaterThan(0);
  });

  it('bounds the bytes of bodies still arriving: the slowest makes room, and the newcomer is served', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxBodyBytesArriving: 100_000 } });
    const closed: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await open(port);
      closed.push(false);
      s.on('close', () => (closed[i] = true));
      s.write(partial(30_000, 1000));
      await new Promise((r) => setTimeout(r, 20));
    }
    // 150 KB declared against 100 KB: the two oldest are closed, the three newest stay.
    await expect.poll(() => closed.join(), { timeout: 5000 }).toBe('true,true,false,false,false');
    const r = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entities } }' }) });
    expect(r.status).toBe(200);
    // The newcomer's body made room too: the oldest still open was closed for it.
    await expect.poll(() => closed.filter(Boolean).length, { timeout: 5000 }).toBe(2);
  });

  /**
   * An honest upload of `padding` bytes in `parts` parts 100 ms apart, `meanwhile` called after
   * each part; resolves with the answer once the connection closes.
   */
  async function upload(port: number, padding: number, parts: number, meanwhile: () => Promise<void>): Promise<string> {
    const body = JSON.stringify({ query: `{ stats { entities } }${' '.repeat(padding)}` });
    const honest = await open(port);
    let answer = '';
    const closed = new Promise((r) => honest.on('close', r));
    honest.on('data', (d) => (answer += d.toString()));
    honest.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    const size = Math.ceil(body.length / parts);
    for (let i = 0; i < parts; i++) {
      honest.write(body.slice(i * size, (i + 1) * size));
      await meanwhile();
      await new Promise((r) => setTimeout(r, 100));
    }
    await closed;
    return answer;
  }

  it('keeps an upload that is arriving while newcomers that send nothing of their bodies fill the budget', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxBodyBytesArriving: 100_000 } });
    // A 60 KB body in six parts. Meanwhile, ten newcomers after each part declare 30 KB each and
    // send none of it. Before, the body begun longest ago made room: the honest one, closed
    // without an answer.
    const answer = await upload(port, 60_000, 6, async () => {
      for (let k = 0; k < 10; k++) (await open(port)).write(partial(30_000, 0));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/"entities":\d+/);
  });

  it('makes room from the network holding the most, even when its bodies arrive faster than an honest one', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()), { httpLimits: { maxBodyBytesArriving: 100_000 } });
    // The honest body (20 KB, in four parts) is smaller than each of the other network's. That
    // network sends all but the last byte of 30 KB bodies at once: faster than the honest upload.
    // Before, the slowest body of all made room: the honest one.
    const answer = await upload(port, 20_000, 4, async () => {
      for (let k = 0; k < 3; k++) {
        const s = connect({ port, host: '127.0.0.1', localAddress: '127.0.3.1' });
        s.on('error', () => {});
        sockets.push(s);
        await new Promise((r) => s.once('connect', r));
        s.write(partial(30_000, 29_999));
      }
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });

  it('hands the body read to the operation unchanged, whatever its size or type', async () => {
    const { port } = await serve(new MemoryGraphStore(reportBundle()));
    // A body of 1.5 MB (its query padded with spaces), and one sent as application/graphql.
    const padded = JSON.stringify({ query: `{ entity(id: "ministry:molvt") { name } ${' '.repeat(1_500_000)}}` });
    const a = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: padded });
    expect((await a.json()).data.entity.name).toMatch(/Ministry of Labour/);
    const b = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/graphql' }, body: '{ entity(id: "ministry:molvt") { id } }' });
    expect((await b.json()).data.entity.id).toBe('ministry:molvt');
  });
});
