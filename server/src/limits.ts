/**
 * What keeps one operation from taking the server down:
 * - before execution, its cost (cost.ts) against the limit: an operation over it is rejected
 *   with QUERY_TOO_COMPLEX and its computed cost, and an accepted one reports its cost in
 *   `extensions.cost`;
 * - during execution, a guard on every field: it counts the list items and string bytes the
 *   answer holds and stops the operation past their caps, checks the time budget as it goes (so
 *   work that never waits on the store is stopped too), and every few milliseconds lets the
 *   event loop run other requests before going on;
 * - operations costlier than `heavyCost` run one at a time (a short queue, then BUSY), and in
 *   the background: their slices of work go through a Scheduler that runs one slice per turn of
 *   the event loop, and only while no ordinary request is being answered (or when one has waited
 *   `maxWaitMs`), and their answers are written in chunks, a chunk per turn. An ordinary request
 *   arriving meanwhile waits for one slice at most, not for the expensive operation.
 */
import { defaultFieldResolver, print, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLFieldResolver, type GraphQLOutputType, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeavyThread } from './heavy-thread';
import type { Jit } from './jit';
import { getNullableType, isListType, operationCost, type CostBounds } from './schema/cost';
import { QueryTimeoutError, RequestAbortedError } from './store/GraphStore';
import { hangUpSignal } from './hangup';
import { clientOf } from './http';
import { heldTurns } from './turns';

export interface OperationLimits {
  /** Largest accepted cost (list items the answer can hold). */
  maxCost: number;
  /** Operations at or above this cost run one at a time. */
  heavyCost: number;
  /** Most heavy operations waiting for their turn; beyond, BUSY. */
  heavyQueue: number;
  /** Most list items one answer may hold (checked while it is built). */
  maxNodes: number;
  /** Most bytes of strings one answer may hold. */
  maxBytes: number;
  /** Longest stretch of work before other requests get the event loop, in ms. */
  sliceMs: number;
  /** Longest a heavy operation waits for ordinary requests before its next slice, in ms. */
  maxWaitMs: number;
  /** Heavy answers are written in chunks of this many bytes, one per turn of the event loop. */
  chunkBytes: number;
  /** Share of the time heavy operations' turns may take while ordinary requests come (0–1]. */
  backgroundShare: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxCost: 50_000,
  heavyCost: 5_000,
  heavyQueue: 8,
  maxNodes: 100_000,
  maxBytes: 4 * 1024 * 1024,
  sliceMs: 4,
  maxWaitMs: 50,
  chunkBytes: 64 * 1024,
  backgroundShare: 0.5,
};

/**
 * An error for the client, made by Yoga's own factory: the graphql module may be loaded twice,
 * and an error of the other copy would not be recognised as the client's and would answer 500.
 */
const clientError = (message: string, options: { extensions: Record<string, unknown> }): GraphQLError => createGraphQLError(message, options) as unknown as GraphQLError;

/** The error of an operation whose client hung up: nobody reads it. */
export const clientGone = (): GraphQLError => clientError('the client closed the request', { extensions: { code: 'CLIENT_CLOSED_REQUEST' } });

/** The errors guards stopped operations with (see isOperationStop). */
const guardStops = new WeakSet<object>();

/**
 * Whether a rejection is an operation's stop: its guard's (time, items, bytes), its store
 * budget's (QueryTimeoutError) or the client's hang-up (RequestAbortedError). graphql-js stops
 * waiting for the other fields of an object once one of them fails a non-null parent, so fields
 * and store calls that meet the stop after that reject with nobody waiting: expected, and nothing
 * to report.
 */
export function isOperationStop(reason: unknown): boolean {
  // graphql-js hands a field's error on located (a GraphQLError around the original).
  for (let e = reason, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { originalError?: unknown }).originalError, depth++) {
    if (e instanceof QueryTimeoutError || e instanceof RequestAbortedError || guardStops.has(e)) return true;
  }
  return false;
}

/** The state of one operation's execution, in its context as `guard`. */
export class ExecutionGuard {
  nodes = 0;
  bytes = 0;
  calls = 0;
  error: GraphQLError | null = null;
  private sliceStart = performance.now();
  private yielding = false;

  constructor(
    readonly deadline: number,
    readonly budgetMs: number,
    readonly limits: OperationLimits,
    /** Defers a field once the slice is used up, so other work runs first. */
    readonly schedule: Schedule = nextImmediate,
    /**
     * Where given, a used-up slice ends with this pause, taken in place, instead of deferred
     * fields: on a thread of its own the operation has nothing to let run but the other threads,
     * and a deferred field costs the executor a promise each (every relation's ends of a large
     * neighbourhood, say). Called with the time the slice worked.
     */
    readonly pause?: (workedMs: number) => void,
    /** The client's hang-up: the operation stops at the next field. */
    readonly signal?: AbortSignal,
  ) {}

  fail(error: GraphQLError): GraphQLError {
    this.error ??= error;
    guardStops.add(this.error);
    return this.error;
  }

  /** Called before each field: throws once the operation must stop; says whether to yield first. */
  beforeField(): boolean {
    if (this.error) throw this.error;
    if (this.signal?.aborted) throw this.fail(clientGone());
    this.calls++;
    // Every field: one resolver can hold the event loop for milliseconds (a search, say), so
    // the clock is read before each, not every so many.
    const now = performance.now();
    if (now > this.deadline) throw this.fail(clientError(`the query used up its ${this.budgetMs} ms time budget; ask for less (smaller limit or depth)`, { extensions: { code: 'TIMEOUT' } }));
    // Once the slice is used up, every field waits for a turn until one resumes: sibling fields
    // (thirty aliased searches, say) each wait their own turn instead of running together.
    if (this.yielding) return true;
    if (now - this.sliceStart < this.limits.sliceMs) return false;
    if (this.pause) {
      this.pause(now - this.sliceStart);
      this.sliceStart = performance.now();
      return false;
    }
    this.yielding = true;
    return true;
  }

  /** A field got its turn: a new slice starts. */
  resumed(): void {
    this.yielding = false;
    this.sliceStart = performance.now();
  }

  /** account, bound once per operation (for promises' then). */
  readonly accountBound = <T>(value: T): T => this.account(value);

  /** Counts what a field returned against the caps. */
  account<T>(value: T): T {
    if (Array.isArray(value)) {
      this.nodes += value.length;
      if (this.nodes > this.limits.maxNodes) throw this.fail(clientError(`the answer would hold more than ${this.limits.maxNodes} items; ask for less (smaller limit or depth)`, { extensions: { code: 'RESPONSE_TOO_LARGE' } }));
    } else if (typeof value === 'string') {
      this.bytes += value.length;
      if (this.bytes > this.limits.maxBytes) throw this.fail(clientError(`the answer would be larger than ${Math.round(this.limits.maxBytes / 1048576)} MB; ask for less (smaller limit or fewer text fields)`, { extensions: { code: 'RESPONSE_TOO_LARGE' } }));
    }
    return value;
  }
}

/** Runs work later, on a turn of the event loop the caller's scheduler gives. */
export type Schedule = <T>(job: () => T) => Promise<T>;

/**
 * Turns of the event loop for deferred work (operations' fields after their slice is used up,
 * heavy answers' chunks). Each turn runs queued jobs, synchronously and in order, for at most
 * `sliceMs`, then lets I/O be polled before the next turn. A background scheduler (`maxWaitMs`
 * above 0) runs no turn while an ordinary request is in flight, unless it has waited
 * `maxWaitMs` since its last turn: background work is slowed by ordinary traffic, never starved.
 */
export class Scheduler {
  private ordinaryInFlight = 0;
  /** Jobs not run yet: `waiting[head..]` (a shift per job would copy the array each time). */
  private waiting: ((() => void) | undefined)[] = [];
  private head = 0;
  private stepQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private lastTurn = performance.now();

  /** Earliest time of the next turn (after a rest, while ordinary requests come). */
  private notBefore = 0;
  private lastOrdinary = -Infinity;
  /** Whether turns rest: by default, while ordinary requests come (one in the last second). */
  resting: () => boolean = () => performance.now() - this.lastOrdinary < 1000;

  constructor(
    private readonly sliceMs: number,
    private readonly maxWaitMs: number,
    /**
     * Share of the time turns may take while ordinary requests come (one arrived in the last
     * second), between 0 and 1: the rest of the core is left to them and to the collector.
     * Alone, background work runs at full speed.
     */
    private readonly share = 1,
  ) {}

  ordinaryStart(): void {
    this.ordinaryInFlight++;
    this.lastOrdinary = performance.now();
  }

  ordinaryEnd(): void {
    this.ordinaryInFlight = Math.max(0, this.ordinaryInFlight - 1);
    if (this.ordinaryInFlight === 0) this.queueStep();
  }

  /** Runs `job` on a later turn; the promise settles with what it returns or throws. */
  readonly schedule: Schedule = <T>(job: () => T) =>
    new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        try {
          resolve(job());
        } catch (error) {
          reject(error);
        }
      });
      this.queueStep();
    });

  private pending(): number {
    return this.waiting.length - this.head;
  }

  /** The oldest job, taken off the queue; the queue's storage is reclaimed once half is spent. */
  private next(): () => void {
    const job = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined;
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  private queueStep(): void {
    if (this.stepQueued || !this.pending()) return;
    this.stepQueued = true;
    const rest = this.notBefore - performance.now();
    // A timer may fire up to a millisecond early by this clock; step() then waits out the rest.
    if (rest > 0) setTimeout(this.step, Math.ceil(rest));
    else setImmediate(this.step);
  }

  private readonly step = (): void => {
    this.stepQueued = false;
    if (!this.pending()) return;
    const now = performance.now();
    if (now < this.notBefore) return this.queueStep();
    const waited = now - this.lastTurn;
    if (this.maxWaitMs > 0 && this.ordinaryInFlight > 0 && waited < this.maxWaitMs) {
      // Ordinary requests first; ordinaryEnd() or the timer queues the next step.
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.lastTurn = -Infinity;
        this.queueStep();
      }, this.maxWaitMs - waited);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastTurn = now;
    do this.next()();
    while (this.pending() && performance.now() - now < this.sliceMs);
    const end = performance.now();
    this.notBefore = this.share < 1 && this.resting() ? end + ((end - now) * (1 - this.share)) / this.share : 0;
    // Queued from the check phase, the next step runs on the next turn, after I/O.
    this.queueStep();
  };
}

/** Jobs deferred to the next turn of the event loop, with no scheduler of their own. */
const nextImmediate: Schedule = (job) => new Promise((resolve, reject) => setImmediate(() => {
  try {
    resolve(job());
  } catch (error) {
    reject(error);
  }
}));

type GuardedResolver = GraphQLFieldResolver<unknown, { guard?: ExecutionGuard }>;

/** A field's value, counted against the caps (no closure made per field: this runs for every one). */
function runField(resolve: GuardedResolver, source: unknown, args: Record<string, unknown>, context: { guard?: ExecutionGuard }, info: GraphQLResolveInfo, guard: ExecutionGuard): unknown {
  const value = resolve(source, args, context, info);
  return value instanceof Promise ? value.then(guard.accountBound) : guard.account(value);
}

/** graphql-js stops waiting for a field's siblings once one of them fails a non-null parent; their later rejections must not surface as unhandled. */
const ignore = () => {};

/**
 * The resolver under the guard. A field read straight off its parent (no resolver of its own)
 * takes no time worth a clock reading: only what it returns is counted. Every other field reads
 * the clock first, and waits for a turn once the slice is used up.
 */
function guarded(resolve: GuardedResolver, own: boolean): GuardedResolver {
  return (source, args, context, info) => {
    const guard = context?.guard;
    if (!guard) return resolve(source, args, context, info);
    if (!own) {
      if (guard.error) throw guard.error;
      return guard.account(resolve(source, args, context, info));
    }
    const value = guard.beforeField()
      ? guard.schedule(() => {
          guard.resumed();
          if (guard.error) throw guard.error;
          return runField(resolve, source, args, context, info, guard);
        })
      : runField(resolve, source, args, context, info, guard);
    if (value instanceof Promise) value.catch(ignore);
    return value;
  };
}

/**
 * Whether a field read straight off its parent can add to what the caps count: a list (items)
 * or free text (bytes). Ids, numbers, flags and enum values are neither, and are left unwrapped,
 * so that compiled execution reads them as plain properties.
 */
function countable(type: GraphQLOutputType): boolean {
  const t = getNullableType(type);
  return isListType(t) || (t as { name?: string }).name === 'String';
}

/** The schema with every field's resolver under the operation's guard (when its context has one). */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) =>
      field.resolve || countable(field.type) ? { ...field, resolve: guarded((field.resolve ?? defaultFieldResolver) as GuardedResolver, !!field.resolve) } : field,
  });
}

/** A counting semaphore with a bounded queue. */
class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}
  /** Resolves with a release function, or with null when the queue is full. */
  acquire(): Promise<(() => void) | null> {
    const release = () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(release);
    }
    if (this.waiting.length >= this.queue) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(() => resolve(release)));
  }
}

/** Deepest nesting of lists and objects in an operation's variables (this API's inputs need a few levels). */
export const MAX_VARIABLE_DEPTH = 32;
/** Most values (list items, object fields and scalars) in an operation's variables: ids and filters need a few hundred. */
export const MAX_VARIABLE_VALUES = 10_000;

/**
 * What is wrong with a JSON value as an operation's variables: lists and objects nested deeper
 * than `maxDepth`, or more than `maxValues` values in all; null when neither. Read without
 * recursion and stopped at the first excess, so a value 100,000 levels deep or a 2 MB list of a
 * million numbers costs no more than the limits (walking such a list whole held the event loop
 * for a third of a second, and every later step, the cost cache's key included, walks it again).
 */
export function variablesExcess(value: unknown, maxDepth: number, maxValues: number): 'depth' | 'values' | null {
  const stack: [unknown, number][] = [[value, 0]];
  let values = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return 'depth';
    const children = Array.isArray(v) ? v : Object.values(v);
    values += children.length;
    if (values > maxValues) return 'values';
    for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

/** Longest key (operation name and variables, as JSON) under which an operation's cost is kept. */
const MAX_COST_KEY = 4096;

const costError = (cost: number, limit: number) =>
  clientError(cost >= Number.MAX_SAFE_INTEGER ? `the query nests deeper than its cost can be counted, over the limit of ${limit} items; ask with less nesting` : `the query could return up to ${cost} items, over the limit of ${limit}; ask for fewer items (smaller limit or less nesting)`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit },
  });

/**
 * The cost check, the heavy operations' turns and the guard, as one Yoga plugin. `budgetMs` is
 * the operation's time budget; `bounds` the list sizes of the loaded graph.
 */
export function useOperationLimits(
  bounds: () => CostBounds,
  budgetMs: number,
  limits: OperationLimits = DEFAULT_OPERATION_LIMITS,
  thread?: HeavyThread,
  jit?: Jit,
  /**
   * What a client sees of an error the heavy thread raised: results set here bypass Yoga's own
   * masking, so the server's mask is applied to them (store addresses, codes for timeouts).
   */
  mask: (error: GraphQLError) => GraphQLError = (e) => e,
): Plugin {
  const heavy = new Turns(1, limits.heavyQueue);
  const background = new Scheduler(limits.sliceMs, limits.maxWaitMs, limits.backgroundShare);
  const foreground = new Scheduler(limits.sliceMs, 0);
  /** Requests counted as ordinary and not yet answered. */
  const ordinary = new WeakSet<Request>();
  /** Requests whose operation runs in the background. */
  const inBackground = new WeakSet<Request>();
  /** Complete answers from the heavy-operation thread, as UTF-8 JSON, by request. */
  const answered = new WeakMap<Request, Uint8Array>();
  /** The data of answers with errors from the heavy-operation thread, as UTF-8 JSON, by request. */
  const answeredData = new WeakMap<Request, Uint8Array>();
  /**
   * Costs by parsed document (Yoga hands the same document for the same text) and by operation
   * and variables: a client repeating an expensive operation is not costed again each time.
   */
  let costs = new WeakMap<DocumentNode, Map<string, number>>();
  let costsFor = bounds();
  const costOf = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): number => {
    // Other graph, other list sizes: costs start again.
    if (bounds() !== costsFor) {
      costs = new WeakMap();
      costsFor = bounds();
    }
    const key = JSON.stringify([operationName ?? null, variables ?? null]);
    // Keys of variables beyond a few kilobytes are not kept: sixteen keys per document of up to
    // 2 MB each (more once numbers are printed out: "1e20" is 21 characters), for each of the
    // documents Yoga keeps, filled the heap in a minute and a half of such requests.
    if (key.length > MAX_COST_KEY) return operationCost(schema, document, operationName, variables, bounds()).cost;
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new Map()));
    let cost = known.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, operationName, variables, bounds()).cost;
      // A handful of variants per document at most: variables are the client's to vary.
      if (known.size >= 16) known.clear();
      known.set(key, cost);
    }
    return cost;
  };
  const uncount = (request: Request) => {
    if (ordinary.delete(request)) background.ordinaryEnd();
  };
  return {
    onRequest({ request }) {
      ordinary.add(request);
      background.ordinaryStart();
    },
    onResponse({ request }) {
      uncount(request);
    },
    async onExecute({ args, executeFn, extendContext, setExecuteFn, setResultAndStopExecution }) {
      const excess = variablesExcess(args.variableValues, MAX_VARIABLE_DEPTH, MAX_VARIABLE_VALUES);
      if (excess) {
        const message = excess === 'depth' ? `the variables nest deeper than ${MAX_VARIABLE_DEPTH} levels; no argument of this API takes values that deep` : `the variables hold more than ${MAX_VARIABLE_VALUES} values; no argument of this API takes that many`;
        setResultAndStopExecution({ errors: [clientError(message, { extensions: { code: 'BAD_USER_INPUT' } })] });
        return;
      }
      const cost = costOf(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (cost > limits.maxCost) {
        setResultAndStopExecution({ errors: [costError(cost, limits.maxCost)] });
        return;
      }
      const costExtension = { requested: cost, limit: limits.maxCost };
      const started = performance.now();
      const isHeavy = cost >= limits.heavyCost;
      const request = (args.contextValue as { request?: Request }).request;
      if (isHeavy && request) {
        uncount(request);
        inBackground.add(request);
      }
      // A heavy operation waits for and runs in turns of its own: the turn it took among all
      // operations (app.ts) goes to the next, ordinary or not.
      if (isHeavy) heldTurns.get((args.contextValue as { req?: object }).req ?? {})?.();
      const res = (args.contextValue as { res?: ServerResponse }).res;
      const signal = res ? hangUpSignal(res) : undefined;
      const release = isHeavy ? await heavy.acquire() : () => {};
      // A heavy operation whose client left while it waited for its turn gives the turn up.
      if (release && signal?.aborted) {
        release();
        setResultAndStopExecution({ errors: [clientGone()] });
        return;
      }
      if (!release) {
        setResultAndStopExecution({ errors: [clientError('the server is busy with other large queries; try again shortly', { extensions: { code: 'BUSY' } })], extensions: { cost: costExtension } });
        return;
      }
      if (isHeavy && thread && request) {
        try {
          const answer = await thread.run({
            // The text as sent, so that the positions of the thread's errors point into it.
            query: args.document.loc?.source.body ?? print(args.document),
            variables: args.variableValues as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
            remainingMs: started + budgetMs - performance.now(),
            budgetMs,
            cost: costExtension,
            share: background.resting() ? limits.backgroundShare : 1,
            client: clientOf((args.contextValue as { req?: IncomingMessage }).req?.socket.remoteAddress),
          }, signal);
          if ('body' in answer) {
            answered.set(request, holdUntilSent(answer, res));
            // A stand-in: the answer written is the thread's JSON (onResultProcess).
            setResultAndStopExecution({ data: {} });
          } else if (!answer.data) setResultAndStopExecution({ data: answer.data, errors: answer.errors.map(mask), extensions: { cost: costExtension } });
          else {
            // The errors are masked here and redacted by Yoga's plugins; the data is the thread's JSON.
            answeredData.set(request, holdUntilSent(answer.data, res));
            setResultAndStopExecution({ data: {}, errors: answer.errors.map(mask), extensions: { cost: costExtension } });
          }
        } catch (e) {
          // Masked and logged like any unexpected error.
          setResultAndStopExecution({ errors: [createGraphQLError('Unexpected error.', { originalError: e as Error }) as unknown as GraphQLError], extensions: { cost: costExtension } });
        } finally {
          release();
        }
        return;
      }
      // Time spent waiting for a turn counts against the budget.
      const guard = new ExecutionGuard(started + budgetMs, budgetMs, limits, (isHeavy ? background : foreground).schedule, undefined, signal);
      extendContext({ guard } as never);
      // An ordinary operation clients repeat runs compiled, once it is due (jit.ts).
      const compiled = isHeavy ? null : jit?.executorFor(args.document, args.operationName, executeFn as never);
      if (compiled) setExecuteFn(compiled as never);
      return {
        onExecuteDone({ result, setResult }) {
          release();
          const r = result as ExecutionResult;
          if (guard.error) setResult({ errors: [guard.error], extensions: { cost: costExtension } });
          else if (r && typeof r === 'object' && !(Symbol.asyncIterator in r)) setResult({ ...r, extensions: { ...r.extensions, cost: costExtension } });
        },
      };
    },
    onResultProcess({ request, result, acceptableMediaTypes, setResult, setResultProcessor }) {
      // A heavy operation's complete answer is written in chunks, in the background; anything
      // else (errors, batches, streams, other media types) is left to Yoga.
      if (!inBackground.has(request) || Array.isArray(result) || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const type = ['application/graphql-response+json', 'application/json'].find((t) => acceptableMediaTypes.includes(t));
      const body = answered.get(request);
      if (body !== undefined) {
        answered.delete(request);
        if (type) setResultProcessor((_, fetchAPI) => chunkedBytes(body, fetchAPI, type, limits.chunkBytes, background.schedule), type);
        // Another media type: Yoga writes it from the answer itself.
        else setResult(JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as ExecutionResult);
        return;
      }
      const data = answeredData.get(request);
      if (data !== undefined) {
        answeredData.delete(request);
        if (type) setResultProcessor((final, fetchAPI) => chunkedBytes(withErrors(data, final as ExecutionResult), fetchAPI, type, limits.chunkBytes, background.schedule), type);
        else setResult({ ...(result as ExecutionResult), data: JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as ExecutionResult['data'] });
        return;
      }
      const single = result as ExecutionResult;
      if (single.errors?.length || !type) return;
      setResultProcessor((_, fetchAPI) => chunkedAnswer(answerPieces(single), fetchAPI, type, limits.chunkBytes, background.schedule), type);
    },
  };
}

/** An answer's UTF-8 JSON from its data's JSON and the rest of the answer, in the order the server's thread writes them. */
function withErrors(data: Uint8Array, rest: ExecutionResult): Uint8Array {
  const extensions = rest.extensions ? `,"extensions":${JSON.stringify(rest.extensions)}` : '';
  return Buffer.concat([Buffer.from(`{"errors":${JSON.stringify(rest.errors)},"data":`), data, Buffer.from(`${extensions}}`)]);
}

/**
 * A heavy answer's bytes for as long as its response is being written: a body in an answer slot
 * is freed when the response closes (written out, or its connection gone). With no response of
 * Node's to follow (Yoga called in process), the bytes are copied out and the slot freed now.
 */
export function holdUntilSent(answer: { body: Uint8Array; release?: () => void }, res: ServerResponse | undefined): Uint8Array {
  const { body, release } = answer;
  if (!release) return body;
  if (!res) {
    const copy = body.slice();
    release();
    return copy;
  }
  if (res.closed) release();
  else res.once('close', release);
  return body;
}

/**
 * An answer's pieces of JSON text as a stream of chunks, each made on a turn the scheduler
 * gives, and cut to at most `chunkBytes`.
 */
function chunkedAnswer(pieces: (() => string)[], fetchAPI: { Response: typeof Response; ReadableStream: typeof ReadableStream }, type: string, chunkBytes: number, schedule: Schedule): Response {
  // Characters, not bytes: a chunk of UTF-16 code units is at most three times as many bytes.
  const chunkChars = Math.max(1, Math.floor(chunkBytes / 3));
  let text = '';
  let at = 0;
  const next = (): Buffer | null => {
    while (at >= text.length) {
      const piece = pieces.shift();
      if (!piece) return null;
      text = piece();
      at = 0;
    }
    let end = Math.min(text.length, at + chunkChars);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
    const chunk = Buffer.from(text.slice(at, end));
    at = end;
    return chunk;
  };
  const body = new fetchAPI.ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await schedule(next);
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new fetchAPI.Response(body, { status: 200, headers: { 'content-type': `${type}; charset=utf-8` } });
}

/** An answer's UTF-8 JSON as a stream of chunks of at most `chunkBytes`, one per turn. */
function chunkedBytes(body: Uint8Array, fetchAPI: { Response: typeof Response; ReadableStream: typeof ReadableStream }, type: string, chunkBytes: number, schedule: Schedule): Response {
  let at = 0;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = at ? await schedule(() => body.subarray(at, at + chunkBytes)) : body.subarray(0, chunkBytes);
      at += chunk.byteLength;
      if (chunk.byteLength) controller.enqueue(chunk);
      if (at >= body.byteLength) controller.close();
    },
  });
  return new fetchAPI.Response(stream, { status: 200, headers: { 'content-type': `${type}; charset=utf-8`, 'content-length': String(body.byteLength) } });
}

/**
 * An answer's JSON in pieces: its top-level fields serialised one by one (thirty aliased searches
 * are thirty pieces, not one long JSON.stringify).
 */
function answerPieces(result: ExecutionResult): (() => string)[] {
  const { http: _, ...rest } = (result.extensions ?? {}) as Record<string, unknown>;
  const extensions = Object.keys(rest).length ? `,"extensions":${JSON.stringify(rest)}` : '';
  const data = result.data;
  if (!data || typeof data !== 'object') return [() => `{"data":${JSON.stringify(data ?? null)}${extensions}}`];
  return [() => '{"data":{', ...Object.keys(data).map((key, i) => () => `${i ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(data[key])}`), () => `}${extensions}}`];
}

/** Most selections of one response name in one selection set (fragments' included). */
export const MAX_SAME_NAME = 20;

/**
 * The one part of GraphQL validation whose work grows with the square of the operation: checking
 * that fields of one response name can be merged compares them pair by pair. An operation that
 * asks for one field many times under one name (`{ entity(id: "a") { … } entity(id: "a") { … } … }`,
 * as many times as the token limit allows) is refused before validation runs.
 */
export function repeatedField(document: DocumentNode): string | null {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d.selectionSet);
  /**
   * How many times each response name stands in a fragment, its spreads and inline fragments
   * taken in, counted once per fragment: a fragment spread twice in each of a chain of fragments
   * would otherwise be expanded twice as often at each link (2^n). Counts stop just past the
   * limit; a spread that leads back into itself adds nothing (validation refuses the cycle).
   */
  const perFragment = new Map<string, Map<string, number> | null>();
  const add = (into: Map<string, number>, name: string, n: number) => into.set(name, Math.min(MAX_SAME_NAME + 1, (into.get(name) ?? 0) + n));
  const countsOf = (set: SelectionSetNode, into = new Map<string, number>()): Map<string, number> => {
    for (const sel of set.selections) {
      if (sel.kind === 'Field') add(into, sel.alias?.value ?? sel.name.value, 1);
      else if (sel.kind === 'InlineFragment') countsOf(sel.selectionSet, into);
      else {
        const inner = fragmentCounts(sel.name.value);
        if (inner) for (const [name, n] of inner) add(into, name, n);
      }
    }
    return into;
  };
  const fragmentCounts = (name: string): Map<string, number> | null => {
    if (perFragment.has(name)) return perFragment.get(name) ?? null;
    const set = fragments.get(name);
    if (!set) return null;
    perFragment.set(name, null);
    const counts = countsOf(set);
    perFragment.set(name, counts);
    return counts;
  };
  const seen = new Set<SelectionSetNode>();
  const visit = (set: SelectionSetNode): string | null => {
    if (seen.has(set)) return null;
    seen.add(set);
    for (const [name, n] of countsOf(set)) if (n > MAX_SAME_NAME) return name;
    const children = (s: SelectionSetNode): SelectionSetNode[] => s.selections.flatMap((sel) => (sel.kind === 'FragmentSpread' ? [] : sel.selectionSet ? [sel.selectionSet] : []));
    for (const child of children(set)) {
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  for (const d of document.definitions) {
    if (d.kind !== 'OperationDefinition' && d.kind !== 'FragmentDefinition') continue;
    const found = visit(d.selectionSet);
    if (found) return found;
  }
  return null;
}

/** Refuses operations that repeat one field under one name more than MAX_SAME_NAME times. */
export function useRepeatedFieldLimit(): Plugin {
  return {
    onValidate({ params, setResult }) {
      const name = repeatedField(params.documentAST);
      if (name) {
        setResult([
          clientError(`the field "${name}" is selected more than ${MAX_SAME_NAME} times in one selection set; ask for it once (or use aliases, up to their limit)`, {
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          }),
        ]);
      }
    },
  };
}
