/**
 * The heavy-operation thread (heavy-thread.ts): opens a store like the server's, then runs the
 * operations it is sent, one at a time, under the same guard as the server's own execution, and
 * replies with the answer's JSON (or, with errors, the answer as data).
 */
import { setMaxListeners } from 'node:events';
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { execute, parse, type ExecutionResult, type GraphQLError } from 'graphql';
import { createContext } from './context';
import { writeToSlot, type AnswerSlots, type HeavyCancel, type HeavyReply, type HeavyRequest, type StoreSpec, type WireError, type WireJson } from './heavy-thread';
import { ExecutionGuard, guardSchema, type OperationLimits } from './limits';
import { installWorkerGuards } from './process-guards';
import { buildSchema } from './schema';
import { readsEntityContent, readsPassageContent, readsRelationContent } from './schema/lookahead';
import { LIGHT_ENTITY_FIELDS, LIGHT_RELATION_FIELDS } from './schema/resolvers';
import type { GraphStore } from './store/GraphStore';
import { MemoryGraphStore } from './store/memory/MemoryGraphStore';
import { Neo4jGraphStore } from './store/neo4j/Neo4jGraphStore';

const { spec, limits, slots, cancelled } = workerData as { spec: StoreSpec; limits: OperationLimits; slots: AnswerSlots; cancelled: Int32Array };
const port = parentPort!;
/** Waited on, never woken: a rest that blocks this thread alone. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * This thread yields the cores to the server's own thread: on Linux a thread has a scheduling
 * priority of its own, set through its thread id (/proc/thread-self names it). Where that cannot
 * be done, the thread runs at the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid) setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    /* not Linux, or not allowed: same priority as the server */
  }
}
lowerPriority();
installWorkerGuards();

async function openStore(): Promise<GraphStore> {
  if (spec.kind === 'memory') return new MemoryGraphStore(spec.bundle);
  const store = Neo4jGraphStore.open(spec.options);
  await store.prepare();
  return store;
}

const toWire = (e: GraphQLError): WireError => {
  const original = e.originalError as (Error & { extensions?: Record<string, unknown> }) | undefined;
  return {
    message: e.message,
    path: e.path,
    positions: e.positions,
    extensions: e.extensions && Object.keys(e.extensions).length ? { ...e.extensions } : undefined,
    original: original ? { name: original.name, message: original.message, stack: original.stack, extensions: original.extensions ? { ...original.extensions } : undefined } : undefined,
  };
};

async function answer(store: GraphStore, schema: ReturnType<typeof guardSchema>, id: number, request: HeavyRequest, hangUp: AbortController): Promise<HeavyReply> {
  const { signal } = hangUp;
  const document = parse(request.query);
  // Rests between slices as the server asks, leaving the cores to its ordinary requests: this
  // thread sleeps in place, and alone it runs on. Between slices it also looks whether the
  // client has hung up: work that never waits gets no message until it ends.
  const rest = (workedMs: number) => {
    if (Atomics.load(cancelled, 0) === id) hangUp.abort();
    if (request.share < 1) Atomics.wait(sleeper, 0, 0, (workedMs * (1 - request.share)) / request.share);
  };
  const guard = new ExecutionGuard(performance.now() + request.remainingMs, request.budgetMs, limits, undefined, rest, signal);
  const contextValue = {
    // The store's calls get what is left of the budget: the operation may have waited its turn.
    ...createContext(store, Math.max(1, request.remainingMs), {
      passages: readsPassageContent(schema, document),
      entityContent: readsEntityContent(schema, document, LIGHT_ENTITY_FIELDS),
      relationContent: readsRelationContent(schema, document, LIGHT_RELATION_FIELDS),
    }, { signal, client: request.client }),
    guard,
  };
  let result = (await execute({ schema, document, variableValues: request.variables, operationName: request.operationName, contextValue })) as ExecutionResult;
  if (guard.error) result = { errors: [guard.error] };
  if (!result.errors?.length) return { id, ...wireJson(JSON.stringify({ data: result.data, extensions: { cost: request.cost } })) };
  // No data at all (refused, or its root failed): the errors alone, as objects.
  return { id, data: result.data == null ? result.data : wireJson(JSON.stringify(result.data)), errors: result.errors.map(toWire) };
}

/** JSON into an answer slot shared with the server's thread; failing that, bytes moved to it. */
function wireJson(json: string): WireJson {
  return writeToSlot(slots, json) ?? { body: new TextEncoder().encode(json) };
}

/** The buffer a reply moves to the server's thread, if any. */
const transfers = (reply: HeavyReply): ArrayBuffer[] => {
  const json = 'errors' in reply ? reply.data : reply;
  return json && 'body' in json ? [json.body.buffer as ArrayBuffer] : [];
};

try {
  const store = await openStore();
  const schema = guardSchema(buildSchema());
  // The hang-ups of the operations being answered, by id.
  const running = new Map<number, AbortController>();
  port.on('message', (m: (HeavyRequest & { id: number }) | HeavyCancel) => {
    if ('cancel' in m) {
      running.get(m.cancel)?.abort();
      return;
    }
    const hangUp = new AbortController();
    setMaxListeners(0, hangUp.signal);
    running.set(m.id, hangUp);
    answer(store, schema, m.id, m, hangUp)
      .then(
        (reply) => port.postMessage(reply, transfers(reply)),
        (e: Error) => port.postMessage({ id: m.id, failed: e.message } satisfies HeavyReply),
      )
      .finally(() => running.delete(m.id));
  });
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ ready: false, error: (e as Error).message });
}
