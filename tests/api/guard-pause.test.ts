/**
 * The guard's in-place pause (the heavy-operation thread's way to rest): a used-up slice ends
 * with a pause instead of deferred fields, for the same answer; and the stops the guard makes are
 * known as such, so that fields rejecting after them neither end the heavy-operation thread nor
 * fill the log.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { GraphQLError, parse, type execute as Execute } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../server/src/context';
import { createApp } from '../../server/src/app';
import { DEFAULT_OPERATION_LIMITS, ExecutionGuard, guardSchema, isOperationStop } from '../../server/src/limits';
import { createLogger } from '../../server/src/log';
import { installWorkerGuards } from '../../server/src/process-guards';
import { buildSchema } from '../../server/src/schema';
import { QueryTimeoutError } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { reportBundle } from '../helpers/report';

const { execute } = createRequire(import.meta.url)('graphql') as { execute: typeof Execute };
const store = new MemoryGraphStore(reportBundle());
const schema = guardSchema(buildSchema());
const WIDE = parse('{ entities(limit: 400) { id relations { id source { id name } target { id name } } } }');

async function run(guard: ExecutionGuard) {
  let deferred = 0;
  const counting = new ExecutionGuard(guard.deadline, guard.budgetMs, guard.limits, (job) => (deferred++, guard.schedule(job)), guard.pause);
  const result = await execute({ schema, document: WIDE, contextValue: { ...createContext(store, guard.budgetMs), guard: counting } });
  return { result, deferred, guard: counting };
}

/** A slice of no time at all: every field finds it used up. */
const tiny = { ...DEFAULT_OPERATION_LIMITS, sliceMs: 0 };

describe('the execution guard', () => {

  it('defers fields once the slice is used up, and with a pause, pauses in place instead, for the same answer', async () => {
    const deferring = await run(new ExecutionGuard(performance.now() + 60_000, 60_000, tiny));
    const pauses: number[] = [];
    const pausing = await run(new ExecutionGuard(performance.now() + 60_000, 60_000, tiny, undefined, (ms) => void pauses.push(ms)));
    expect(deferring.result.errors).toBeUndefined();
    expect(deferring.deferred).toBeGreaterThan(100);
    expect(pausing.deferred).toBe(0);
    expect(pauses.length).toBeGreaterThan(100);
    expect(pauses.every((ms) => ms >= 0)).toBe(true);
    expect(JSON.stringify(pausing.result)).toBe(JSON.stringify(deferring.result));
  });

  it('marks the error it stops an operation with, and only that, as its stop', () => {
    const guard = new ExecutionGuard(performance.now() - 1, 10, tiny);
    let stop: unknown;
    try {
      guard.beforeField();
    } catch (e) {
      stop = e;
    }
    expect(stop).toBe(guard.error);
    expect(isOperationStop(stop)).toBe(true);
    expect(isOperationStop(new Error('the query used up its 10 ms time budget'))).toBe(false);
    expect(isOperationStop(new QueryTimeoutError('the query used up its 10 ms time budget'))).toBe(true);
    // As graphql-js hands them on: located, around the original.
    expect(isOperationStop(new GraphQLError('located', { originalError: new QueryTimeoutError('the query used up its 10 ms time budget') }))).toBe(true);
    expect(isOperationStop(new GraphQLError('located', { originalError: stop as Error }))).toBe(true);
    expect(isOperationStop(new GraphQLError('located', { originalError: new Error('a real fault') }))).toBe(false);
    expect(isOperationStop(undefined)).toBe(false);
  });
});

describe('the heavy-operation thread', () => {
  it('drops a rejection that is a guard\'s stop, and throws any other, which ends the thread', () => {
    const proc = new EventEmitter();
    installWorkerGuards(proc);
    const guard = new ExecutionGuard(performance.now() - 1, 10, tiny);
    const stop = guard.fail(new GraphQLError('stopped', { extensions: { code: 'TIMEOUT' } }));
    expect(() => proc.emit('unhandledRejection', stop)).not.toThrow();
    expect(() => proc.emit('unhandledRejection', new QueryTimeoutError('the query used up its 10 ms time budget'))).not.toThrow();
    expect(() => proc.emit('unhandledRejection', new Error('a real fault'))).toThrow('a real fault');
  });

  it('keeps its thread through operations stopped at their budget, and answers the next one', async () => {
    const logs: string[] = [];
    const bundle = reportBundle();
    // A budget a wide neighbourhood cannot finish in: fields meet the stop all over the answer.
    const app = createApp(new MemoryGraphStore(bundle), createLogger('debug', (l) => logs.push(l)), { heavyThread: { kind: 'memory', bundle }, queryTimeoutMs: 3 });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
    const post = async (query: string) => (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
    try {
      const wide = '{ entities(limit: 300) { id relations(limit: 10) { id source { id name relations(limit: 3) { id target { id name } } } target { id name } } } }';
      for (let i = 0; i < 10; i++) expect((await post(wide)).errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      // A thread that died would answer its operation "Unexpected error." and log its failure.
      const after = await post('{ a: entities(limit: 1000) { id } b: entities(limit: 1000) { id } c: entities(limit: 1000) { id } d: entities(limit: 1000) { id } e: entities(limit: 1000) { id } f: entities(limit: 1000) { id } }');
      expect(after.errors?.[0]?.extensions?.code ?? 'answered').toMatch(/^(answered|TIMEOUT)$/);
      expect(logs.filter((l) => /heavy-operation thread (failed|exited)|unhandled promise rejection/.test(l))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
