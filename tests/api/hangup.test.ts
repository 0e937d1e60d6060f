/**
 * A client that hangs up stops its operation: the store calls in flight are let go and no new
 * one is made, and the guard stops at the next field, on the heavy-operation thread too. (Over
 * Neo4j the query itself is ended: tests/neo4j/plans.test.ts.)
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { HeavyThread } from '../../server/src/heavy-thread';
import { DEFAULT_OPERATION_LIMITS, ExecutionGuard } from '../../server/src/limits';
import { createLogger } from '../../server/src/log';
import { withBudget } from '../../server/src/store/budget';
import { RequestAbortedError, type GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';

const STEP_MS = 200;
const apps: App[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

/** The memory store, each call taking STEP_MS, its calls' start times recorded. */
function slowStore(): { store: GraphStore; calls: number[] } {
  const calls: number[] = [];
  const memory = new MemoryGraphStore(reportBundle());
  const store = new Proxy(memory, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close' || prop === 'ping' || prop === 'info') return value;
      return async (...args: unknown[]) => {
        calls.push(performance.now());
        await new Promise((r) => setTimeout(r, STEP_MS));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, calls };
}

async function serve(store: GraphStore): Promise<string> {
  const app = createApp(store, createLogger('error', () => {}));
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Levels each waiting on the one before: an entity, its relations, their ends' relations, and theirs. */
const NESTED = '{ entity(id: "ministry:molvt") { relations(limit: 3) { source { id relations(limit: 2) { id target { name relations(limit: 2) { id } } } } } } }';

const post = (url: string, signal?: AbortSignal) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NESTED }), signal });

describe('a client hanging up', () => {
  it('stops its operation from calling the store', async () => {
    // Answered in full, the operation calls the store at least three times, one after another.
    const whole = slowStore();
    const body = (await (await post(await serve(whole.store))).json()) as { data?: { entity: { relations: unknown[] } } };
    expect(body.data?.entity.relations.length).toBeGreaterThan(0);
    expect(whole.calls.length).toBeGreaterThanOrEqual(3);

    // Left after the first call: the second, in flight, is let go and no third is made.
    const left = slowStore();
    const url = await serve(left.store);
    const hangUp = new AbortController();
    const asked = post(url, hangUp.signal).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, STEP_MS * 1.5));
    const at = performance.now();
    hangUp.abort();
    expect(await asked).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, STEP_MS * 4));
    expect(left.calls.length).toBeGreaterThanOrEqual(1);
    expect(left.calls.filter((t) => t > at)).toEqual([]);
    expect(left.calls.length).toBeLessThan(whole.calls.length);
  });

  it('watches the hang-up from every store call of a wide operation without a warning of a leak', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const url = await serve(new MemoryGraphStore(reportBundle()));
      const query = `{ ${Array.from({ length: 25 }, (_, i) => `a${i}: search(query: "labour ${i}", limit: 1) { entity { id } }`).join(' ')} }`;
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data!)).toHaveLength(25);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('stops a pipelined operation too, whose answer waits behind another when the connection closes', async () => {
    const left = slowStore();
    const url = new URL(await serve(left.store));
    const body = JSON.stringify({ query: NESTED });
    const request = `POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((r) => socket.once('connect', r));
    // Two operations written at once: the second's answer waits for the first's.
    socket.write(request + request);
    await new Promise((r) => setTimeout(r, STEP_MS * 1.5));
    const at = performance.now();
    socket.destroy();
    await new Promise((r) => setTimeout(r, STEP_MS * 4));
    expect(left.calls.length).toBeGreaterThanOrEqual(2);
    expect(left.calls.filter((t) => t > at)).toEqual([]);
  });

  it('watches a connection once, however many requests are pipelined on it', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const { store } = slowStore();
      const url = new URL(await serve(store));
      const body = JSON.stringify({ query: '{ entity(id: "ministry:molvt") { name } }' });
      const request = `POST /graphql HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
      const socket = connect(Number(url.port), url.hostname);
      await new Promise((r) => socket.once('connect', r));
      let answers = 0;
      socket.on('data', (d) => (answers += (d.toString().match(/HTTP\/1\.1 200/g) ?? []).length));
      socket.write(request.repeat(15));
      await expect.poll(() => answers, { timeout: 20_000 }).toBe(15);
      socket.destroy();
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('lets a store call in flight go and refuses the next, once the signal aborts', async () => {
    const hangUp = new AbortController();
    const { store, calls } = slowStore();
    const scoped = withBudget(store, 60_000, undefined, hangUp.signal);
    const inFlight = scoped.entities(['ministry:molvt']);
    hangUp.abort();
    await expect(inFlight).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(scoped.entities(['ministry:molvt'])).rejects.toBeInstanceOf(RequestAbortedError);
    expect(calls.length).toBe(1);
  });

  it('stops the guard at the next field', () => {
    const hangUp = new AbortController();
    const guard = new ExecutionGuard(performance.now() + 60_000, 60_000, DEFAULT_OPERATION_LIMITS, undefined, undefined, hangUp.signal);
    expect(guard.beforeField()).toBe(false);
    hangUp.abort();
    expect(() => guard.beforeField()).toThrow('the client closed the request');
    expect(guard.error?.extensions.code).toBe('CLIENT_CLOSED_REQUEST');
  });
});

describe('a client hanging up on a heavy operation', () => {
  it('stops it on the heavy-operation thread', async () => {
    const thread = new HeavyThread({ kind: 'memory', bundle: reportBundle() }, DEFAULT_OPERATION_LIMITS, createLogger('error', () => {}));
    try {
      const query = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: passages(query: "migration labour", limit: 1000) { id text }`).join(' ')} }`;
      const request = { query, variables: undefined, operationName: undefined, remainingMs: 60_000, budgetMs: 60_000, cost: { requested: 0, limit: 0 }, share: 1 };
      // Answered in full when nobody leaves.
      const whole = await thread.run(request);
      expect('errors' in whole ? JSON.stringify(whole.errors) : 'no errors').toBe('no errors');
      (whole as { release?: () => void }).release?.();
      // Stopped when the client has left: the answer is the guard's error, with no data.
      const hangUp = new AbortController();
      hangUp.abort();
      const left = await thread.run(request, hangUp.signal);
      expect('errors' in left).toBe(true);
      const { errors } = left as { errors: { extensions?: { code?: string } }[] };
      expect(errors.map((e) => e.extensions?.code)).toEqual(['CLIENT_CLOSED_REQUEST']);
    } finally {
      await thread.close();
    }
  });
});

