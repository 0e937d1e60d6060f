/**
 * Compiled execution for the operations clients repeat, bounded in time and memory whatever
 * operations arrive. graphql-jit turns an operation into straight-line code that runs several
 * times faster than graphql-js's interpreter, but its compile work grows with the operation's
 * selections expanded over every type an abstract field can return: nested interface fields
 * (eleven entity types here) make it grow as a power of the depth, and a 148-byte operation took
 * seconds. So an operation is compiled only when all of these hold, and is interpreted otherwise:
 *   - it has run `hotAfter` times (a flood of one-off operations compiles nothing);
 *   - its expanded size (`expandedSize`, computed in time linear in the operation times the
 *     schema's types) is at most `maxExpanded`, which bounds the compile's time and code;
 *   - compiling has used at most `compileShare` of the time since the last compile.
 * Operations are keyed by their printed form and operation name, so whitespace and ordering
 * variants of one operation count as one. At most `maxCompiled` compiled operations are kept.
 */
import {
  Kind,
  print,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { appliesTo, getNamedType, isAbstractType, isObjectType } from './schema/cost';

export interface JitLimits {
  /** Runs of an operation before it is compiled. */
  hotAfter: number;
  /** Largest expanded size compiled (field selections, each counted once per type it runs on). */
  maxExpanded: number;
  /** Compiled operations kept. */
  maxCompiled: number;
  /** Largest share of time spent compiling (a compile of d ms waits d / share ms after the last). */
  compileShare: number;
}

/**
 * Compiling takes about 0.1 ms per expanded selection on this project's test machine (the
 * benchmark's entity with relations and mentions: 958, about 100 ms), so a compile holds the
 * event loop for about 100 ms at most, and at most once every two seconds.
 */
export const DEFAULT_JIT_LIMITS: JitLimits = { hotAfter: 8, maxExpanded: 1000, maxCompiled: 32, compileShare: 0.05 };

/**
 * What one variable definition counts towards the expanded size: graphql-jit writes coercion
 * code for each (420 variables of an input type compiled for 135 ms, their selections counting 2).
 */
const VARIABLE_SIZE = 5;

/**
 * The number of field selections an operation has once its fragments are inlined and each
 * selection under an abstract type is repeated for every object type that can stand there, as
 * a compiler expands it. Each selection set is sized once per object type (memoised), so the
 * work is linear even when the expanded size is astronomical. Stops counting past `cap`.
 */
export function expandedSize(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, cap = Number.MAX_SAFE_INTEGER): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const memo = new Map<SelectionSetNode, Map<GraphQLObjectType, number>>();

  /** Fields selected on one object type by a selection set, fragments inlined (as a compiler collects them). */
  const sizeOn = (set: SelectionSetNode, type: GraphQLObjectType): number => {
    let byType = memo.get(set);
    if (!byType) memo.set(set, (byType = new Map()));
    const known = byType.get(type);
    if (known !== undefined) return known;
    // A fragment spread inside itself is invalid and refused by validation; it counts nothing here.
    byType.set(type, 0);
    let size = 0;
    for (const sel of set.selections) {
      if (size > cap) break;
      if (sel.kind === Kind.FIELD) {
        size += 1;
        // Introspection's own fields are no field of the root type, but compile like any other.
        const name = sel.name.value;
        const def = type === root && name === '__schema' ? SchemaMetaFieldDef : type === root && name === '__type' ? TypeMetaFieldDef : type.getFields()[name];
        if (!def || !sel.selectionSet) continue;
        const target = getNamedType(def.type);
        const concrete = isAbstractType(target) ? schema.getPossibleTypes(target) : isObjectType(target) ? [target] : [];
        for (const t of concrete) size += sizeOn(sel.selectionSet, t);
      } else {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments.get(sel.name.value);
        const condition = fragment?.typeCondition?.name.value;
        if (!fragment || (condition && !appliesTo(schema, condition, type))) continue;
        size += sizeOn(fragment.selectionSet, type);
      }
    }
    byType.set(type, size);
    return size;
  };

  // Each variable is compiled into code that coerces it, as a selection is.
  const variables = (operation.variableDefinitions?.length ?? 0) * VARIABLE_SIZE;
  return isObjectType(root) ? Math.min(variables + sizeOn(operation.selectionSet, root), cap + 1) : 0;
}

type Execute = (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
type Compiled = (rootValue: unknown, context: unknown, variables: Record<string, unknown> | null | undefined) => ExecutionResult | Promise<ExecutionResult>;

/**
 * A compiled operation's answer as the interpreter gives it: an answer with errors, or one with
 * no data (variables the compiled form refuses), is the interpreter's, whose errors carry their
 * locations and whose messages clients see everywhere else. The API is read-only, so running the
 * operation again changes nothing.
 */
function asInterpreted(compiled: Compiled, interpret: Execute): Execute {
  // An answer with errors is the interpreter's: graphql-jit's errors carry no locations.
  const shaped = (r: ExecutionResult, args: ExecutionArgs) => (!('data' in r) || r.errors ? interpret(args) : r);
  return (args) => {
    const r = compiled(args.rootValue, args.contextValue, args.variableValues as Record<string, unknown> | undefined);
    return r instanceof Promise ? r.then((x) => shaped(x, args)) : shaped(r, args);
  };
}

/** Longest operation text compiled (the explorer's are a few hundred characters). */
const MAX_SOURCE = 16_384;

/** The compiled-execution cache of one schema (see the module comment). */
export class Jit {
  private readonly keys = new WeakMap<DocumentNode, string>();
  private readonly runs: LRUCache<string, number>;
  private readonly compiled: LRUCache<string, Compiled | false>;
  private nextCompileAt = 0;
  /** Operations compiled, and those found too large to compile. */
  readonly counts = { compiled: 0, tooLarge: 0 };

  constructor(
    private readonly schema: GraphQLSchema,
    readonly limits: JitLimits = DEFAULT_JIT_LIMITS,
    /** Told of each compile: its time and the operation's expanded size. */
    private readonly onCompile: (ms: number, expanded: number) => void = () => {},
  ) {
    this.runs = new LRUCache({ max: limits.maxCompiled * 16 });
    this.compiled = new LRUCache({ max: limits.maxCompiled });
  }

  private keyOf(document: DocumentNode, operationName: string | null | undefined): string {
    let printed = this.keys.get(document);
    if (printed === undefined) this.keys.set(document, (printed = print(document)));
    return `${operationName ?? ''}\u0000${printed}`;
  }

  /**
   * The compiled form of an operation when it is due one (hot, small, and compiling is within
   * its share), else null. `interpret` is the interpreter it falls back on for refused variables.
   */
  executorFor(document: DocumentNode, operationName: string | null | undefined, interpret: Execute): Execute | null {
    const compiled = this.compiledFor(document, operationName);
    return compiled ? asInterpreted(compiled, interpret) : null;
  }

  private compiledFor(document: DocumentNode, operationName: string | null | undefined): Compiled | null {
    // Long operation text (a long string literal, say) is neither printed nor counted: printing
    // it per request cost time, and keeping its runs' keys memory.
    if ((document.loc?.source.body.length ?? 0) > MAX_SOURCE) return null;
    const key = this.keyOf(document, operationName);
    const known = this.compiled.get(key);
    if (known !== undefined) return known || null;
    const runs = (this.runs.get(key) ?? 0) + 1;
    this.runs.set(key, runs);
    if (runs < this.limits.hotAfter) return null;
    const started = performance.now();
    if (started < this.nextCompileAt) return null;
    const expanded = expandedSize(this.schema, document, operationName, this.limits.maxExpanded);
    if (expanded > this.limits.maxExpanded) {
      this.counts.tooLarge++;
      this.compiled.set(key, false);
      return null;
    }
    const result = compileQuery(this.schema, document, operationName ?? undefined);
    const spent = performance.now() - started;
    this.nextCompileAt = performance.now() + spent / this.limits.compileShare;
    if (!isCompiledQuery(result)) {
      this.compiled.set(key, false);
      return null;
    }
    this.counts.compiled++;
    this.onCompile(spent, expanded);
    const run: Compiled = (root, context, variables) => (result as CompiledQuery).query(root, context, variables ?? {});
    this.compiled.set(key, run);
    return run;
  }
}
