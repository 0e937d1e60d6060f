/**
 * Heavy operations on a thread of their own. An operation costlier than `heavyCost` runs on a
 * worker thread holding its own store (the same bundle, or its own connection to the same
 * Neo4j): its work and the garbage it makes (a search over every passage, a few megabytes of
 * answer) stay off the thread that answers ordinary requests and /healthz, whose collector
 * pauses would otherwise be theirs. The worker answers with the serialised JSON of a complete
 * answer, written into one of a few answer slots of memory shared by both threads and allocated
 * once, then written out from there in chunks; the slot is free again once the response is
 * done. A fresh buffer per answer would add megabytes of external memory to this thread at
 * every heavy answer, and V8 counts that memory towards its next full collection, whose pause
 * every ordinary request would wait for. An answer too large for a slot, or one that comes
 * while every slot is taken, is moved between the threads without a copy. An answer with
 * errors comes back as data, and its errors go through the same masking and redaction as any
 * other.
 *
 * One operation at a time (the caller's turns); a worker that dies is replaced on the next
 * operation, and the operation it was running answers an error.
 */
import { Worker } from 'node:worker_threads';
import { createGraphQLError } from 'graphql-yoga';
import { Source, type GraphQLError } from 'graphql';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import type { OperationLimits } from './limits';
import type { Logger } from './log';
import type { Neo4jOptions } from './store/neo4j/Neo4jGraphStore';

/** How the worker opens a store like the server's: serialisable. */
export type StoreSpec = { kind: 'memory'; bundle: GraphBundle } | { kind: 'neo4j'; options: Neo4jOptions };

export interface HeavyRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  /** Time left of the operation's budget, in ms. */
  remainingMs: number;
  budgetMs: number;
  cost: { requested: number; limit: number };
  /** Share of the time the operation's work may take (ordinary requests are coming), 0–1. */
  share: number;
  /** Who asks (the client's address), for its share of the store's planner. */
  client?: string;
}

/** Sent to the worker when the client of operation `cancel` has hung up. */
export interface HeavyCancel {
  cancel: number;
}

/** An error as the worker sends it back. */
export interface WireError {
  message: string;
  path?: readonly (string | number)[];
  /** Where in the operation's text (characters from its start). */
  positions?: readonly number[];
  extensions?: Record<string, unknown>;
  original?: { name: string; message: string; stack?: string; extensions?: Record<string, unknown> };
}

/** UTF-8 JSON from the worker: moved, or written into an answer slot. */
export type WireJson = { body: Uint8Array } | { slot: number; length: number };

/**
 * The worker's reply: a complete answer as UTF-8 JSON, or an answer with errors: its data as
 * UTF-8 JSON too (a large answer with one error must not be cloned and serialised on the
 * server's thread), its errors as objects, to be masked and redacted there.
 */
export type HeavyReply = ({ id: number } & WireJson) | { id: number; data: WireJson | null | undefined; errors: WireError[] } | { id: number; failed: string };

/** JSON bytes from the worker; those in an answer slot come with `release`, to be called once nothing reads them any more. */
export type HeavyBytes = { body: Uint8Array; release?: () => void };

/** The worker's answer: the UTF-8 JSON of an answer without errors, or an answer with errors (its data as UTF-8 JSON). */
export type HeavyAnswer = HeavyBytes | { data: HeavyBytes | null | undefined; errors: GraphQLError[] };

/**
 * Answer slots: a state word per slot (0 free, 1 taken), then the slots. The worker takes a free
 * slot with compare-and-exchange; the server's thread frees it.
 */
export interface AnswerSlots {
  buffer: SharedArrayBuffer;
  count: number;
  bytes: number;
}

export const ANSWER_SLOTS = { count: 2, bytes: 16 * 1024 * 1024 };

export function createAnswerSlots(count = ANSWER_SLOTS.count, bytes = ANSWER_SLOTS.bytes): AnswerSlots {
  return { buffer: new SharedArrayBuffer(4 * count + count * bytes), count, bytes };
}

const slotStates = (slots: AnswerSlots) => new Int32Array(slots.buffer, 0, slots.count);
const slotOffset = (slots: AnswerSlots, slot: number) => 4 * slots.count + slot * slots.bytes;

/** Writes UTF-8 `text` into a free slot, and returns the slot and length, or null (none free, or too long). */
export function writeToSlot(slots: AnswerSlots, text: string): { slot: number; length: number } | null {
  const length = Buffer.byteLength(text, 'utf8');
  if (length > slots.bytes) return null;
  const states = slotStates(slots);
  for (let slot = 0; slot < slots.count; slot++) {
    if (Atomics.compareExchange(states, slot, 0, 1) !== 0) continue;
    Buffer.from(slots.buffer, slotOffset(slots, slot), slots.bytes).write(text, 0, 'utf8');
    return { slot, length };
  }
  return null;
}

/** A slot's bytes, and the call that frees the slot (once; later calls do nothing). */
export function readSlot(slots: AnswerSlots, slot: number, length: number): { body: Uint8Array; release: () => void } {
  let released = false;
  return {
    body: new Uint8Array(slots.buffer, slotOffset(slots, slot), length),
    release: () => {
      if (released) return;
      released = true;
      Atomics.store(slotStates(slots), slot, 0);
    },
  };
}

const bytesOf = (slots: AnswerSlots, json: WireJson): HeavyBytes => ('body' in json ? { body: json.body } : readSlot(slots, json.slot, json.length));

export class HeavyThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  /** Operations sent and not answered yet, with their text (where the errors' positions point). */
  private readonly pending = new Map<number, { resolve: (a: HeavyAnswer) => void; reject: (e: Error) => void; query: string }>();
  private closed = false;
  /** The id of the last operation whose client hung up, shared with the worker. */
  private readonly cancelled = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly spec: StoreSpec,
    private readonly limits: OperationLimits,
    private readonly log: Logger,
  ) {}

  /** Starts the worker (and its store) now, so the first heavy operation does not wait for it. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the heavy-operation thread is closed'));
    if (this.ready) return this.ready;
    let worker: Worker;
    let slots: AnswerSlots;
    try {
      // The worker runs TypeScript like the server: tsx's loader is registered in it first (a
      // worker does not inherit the loader hooks of the thread that starts it).
      const entry = new URL('./heavy-worker.ts', import.meta.url).href;
      const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
      // Slots of their own for each worker: one that dies holding a slot takes it with it.
      slots = createAnswerSlots();
      worker = new Worker(boot, { eval: true, workerData: { spec: this.spec, limits: this.limits, slots, cancelled: this.cancelled } });
    } catch (e) {
      return Promise.reject(e as Error);
    }
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready: boolean; error?: string } | HeavyReply) => {
        if ('ready' in m) {
          if (m.ready) resolve();
          else reject(new Error(`the heavy-operation thread could not open its store: ${m.error}`));
          return;
        }
        const waiter = this.pending.get(m.id);
        if (!waiter) return;
        this.pending.delete(m.id);
        if ('failed' in m) waiter.reject(new Error(m.failed));
        else if ('errors' in m) {
          const source = new Source(waiter.query);
          waiter.resolve({ data: m.data && bytesOf(slots, m.data), errors: m.errors.map((e) => fromWire(e, source)) });
        } else waiter.resolve(bytesOf(slots, m));
      };
      worker.on('message', onMessage);
      worker.once('error', (e) => {
        this.log.error('the heavy-operation thread failed', { error: e });
        reject(e);
      });
      worker.once('exit', (code) => {
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        reject(new Error(`the heavy-operation thread exited (${code})`));
        for (const [id, waiter] of this.pending) {
          this.pending.delete(id);
          waiter.reject(new Error(`the heavy-operation thread exited (${code}) while answering`));
        }
      });
    });
    // A failed start is reported to the operation that waits for it, not left unhandled.
    this.ready.catch(() => {});
    return this.ready;
  }

  /** Runs one operation on the worker; `signal`, the client's hang-up, stops it there. */
  async run(request: HeavyRequest, signal?: AbortSignal): Promise<HeavyAnswer> {
    await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    // Said twice: in memory shared with the worker, which its guard reads between slices of work
    // that never waits (a memory store's), and as a message, which ends its store calls.
    const hangUp = () => {
      Atomics.store(this.cancelled, 0, id);
      worker.postMessage({ cancel: id } satisfies HeavyCancel);
    };
    signal?.addEventListener('abort', hangUp, { once: true });
    return new Promise<HeavyAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, query: request.query });
      worker.postMessage({ id, ...request });
      if (signal?.aborted) hangUp();
    }).finally(() => signal?.removeEventListener('abort', hangUp));
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}

/** A worker's error as a GraphQL error again, at its place in the operation's text, its original error's name and code kept. */
function fromWire(e: WireError, source: Source): GraphQLError {
  let original: Error | undefined;
  if (e.original) {
    original = e.original.name === 'GraphQLError' ? (createGraphQLError(e.original.message, { extensions: e.original.extensions }) as unknown as Error) : new Error(e.original.message);
    original.name = e.original.name;
    if (e.original.stack) original.stack = e.original.stack;
  }
  return createGraphQLError(e.message, { path: e.path, extensions: e.extensions, originalError: original, ...(e.positions?.length ? { source, positions: e.positions } : {}) }) as unknown as GraphQLError;
}
