/**
 * What keeps one operation from taking the server down:
 * - before execution, its cost (cost.ts) against the limit: an operation over it is rejected
 *   with QUERY_TOO_COMPLEX and its computed cost, and an accepted one reports its cost in
 *   `extensions.cost`;
 * - during execution, a guard on every field: it counts the list items and string bytes the
 *   answer holds and stops the operation past their caps, checks the time budget as it goes (so
 *   work that never waits on the store is stopped too), and every few milliseconds lets the
 *   event loop run other requests before going on;
 * - operations costlier than `heavyCost` run one at a time (a short queue, then BUSY), so a
 *   client sending expensive operations gets one core's slices, not the server.
 */
import { defaultFieldResolver, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLFieldResolver, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { operationCost, type CostBounds } from './schema/cost';

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
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxCost: 50_000,
  heavyCost: 5_000,
  heavyQueue: 8,
  maxNodes: 100_000,
  maxBytes: 4 * 1024 * 1024,
  sliceMs: 4,
};

/**
 * An error for the client, made by Yoga's own factory: the graphql module may be loaded twice,
 * and an error of the other copy would not be recognised as the client's and would answer 500.
 */
const clientError = (message: string, options: { extensions: Record<string, unknown> }): GraphQLError => createGraphQLError(message, options) as unknown as GraphQLError;

/** The state of one operation's execution, in its context as `guard`. */
export class ExecutionGuard {
  nodes = 0;
  bytes = 0;
  calls = 0;
  error: GraphQLError | null = null;
  private lastYield = performance.now();

  constructor(
    readonly deadline: number,
    readonly budgetMs: number,
    readonly limits: OperationLimits,
  ) {}

  fail(error: GraphQLError): GraphQLError {
    this.error ??= error;
    return this.error;
  }

  /** Called before each field: throws once the operation must stop; says whether to yield first. */
  beforeField(): boolean {
    if (this.error) throw this.error;
    this.calls++;
    // Every field: one resolver can hold the event loop for milliseconds (a search, say), so
    // the clock is read before each, not every so many.
    const now = performance.now();
    if (now > this.deadline) throw this.fail(clientError(`the query used up its ${this.budgetMs} ms time budget; ask for less (smaller limit or depth)`, { extensions: { code: 'TIMEOUT' } }));
    if (now - this.lastYield < this.limits.sliceMs) return false;
    this.lastYield = now;
    return true;
  }

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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function guarded(resolve: GraphQLFieldResolver<unknown, { guard?: ExecutionGuard }>): GraphQLFieldResolver<unknown, { guard?: ExecutionGuard }> {
  return (source, args, context, info) => {
    const guard = context?.guard;
    if (!guard) return resolve(source, args, context, info);
    const run = () => {
      const value = resolve(source, args, context, info);
      return value instanceof Promise ? value.then((v) => guard.account(v)) : guard.account(value);
    };
    const value = guard.beforeField()
      ? nextTurn().then(() => {
          if (guard.error) throw guard.error;
          return run();
        })
      : run();
    // graphql-js stops waiting for a field's siblings once one of them fails a non-null parent;
    // their later rejections must not surface as unhandled (the result is settled already).
    if (value instanceof Promise) value.catch(() => {});
    return value;
  };
}

/** The schema with every field's resolver under the operation's guard (when its context has one). */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => ({ ...field, resolve: guarded((field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, { guard?: ExecutionGuard }>) }),
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

const costError = (cost: number, limit: number) =>
  clientError(`the query could return up to ${cost} items, over the limit of ${limit}; ask for fewer items (smaller limit or less nesting)`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit },
  });

/**
 * The cost check, the heavy operations' turns and the guard, as one Yoga plugin. `budgetMs` is
 * the operation's time budget; `bounds` the list sizes of the loaded graph.
 */
export function useOperationLimits(bounds: () => CostBounds, budgetMs: number, limits: OperationLimits = DEFAULT_OPERATION_LIMITS): Plugin {
  const heavy = new Turns(1, limits.heavyQueue);
  return {
    async onExecute({ args, extendContext, setResultAndStopExecution }) {
      const { cost } = operationCost(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined, bounds());
      if (cost > limits.maxCost) {
        setResultAndStopExecution({ errors: [costError(cost, limits.maxCost)] });
        return;
      }
      const costExtension = { requested: cost, limit: limits.maxCost };
      const started = performance.now();
      const release = cost >= limits.heavyCost ? await heavy.acquire() : () => {};
      if (!release) {
        setResultAndStopExecution({ errors: [clientError('the server is busy with other large queries; try again shortly', { extensions: { code: 'BUSY' } })], extensions: { cost: costExtension } });
        return;
      }
      // Time spent waiting for a turn counts against the budget.
      const guard = new ExecutionGuard(started + budgetMs, budgetMs, limits);
      extendContext({ guard } as never);
      return {
        onExecuteDone({ result, setResult }) {
          release();
          const r = result as ExecutionResult;
          if (guard.error) setResult({ errors: [guard.error], extensions: { cost: costExtension } });
          else if (r && typeof r === 'object' && !(Symbol.asyncIterator in r)) setResult({ ...r, extensions: { ...r.extensions, cost: costExtension } });
        },
      };
    },
  };
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
  const seen = new Set<SelectionSetNode>();
  const visit = (set: SelectionSetNode): string | null => {
    if (seen.has(set)) return null;
    seen.add(set);
    const counts = new Map<string, number>();
    const count = (s: SelectionSetNode, via: Set<string>) => {
      for (const sel of s.selections) {
        if (sel.kind === 'Field') {
          const name = sel.alias?.value ?? sel.name.value;
          counts.set(name, (counts.get(name) ?? 0) + 1);
        } else if (sel.kind === 'InlineFragment') count(sel.selectionSet, via);
        else if (!via.has(sel.name.value) && fragments.has(sel.name.value)) count(fragments.get(sel.name.value)!, new Set([...via, sel.name.value]));
      }
    };
    count(set, new Set());
    for (const [name, n] of counts) if (n > MAX_SAME_NAME) return name;
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
