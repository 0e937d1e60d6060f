/**
 * What an operation can cost, computed from the operation alone before anything runs, the way
 * GitHub's GraphQL API counts nodes: every list multiplies what is selected under it by its
 * size, and the cost is the number of list items the answer can hold at most. A list's size is
 * its `first` or `limit` argument (or that argument's default), `ids` the number of ids given,
 * or, for lists that take no size, the largest such list in the loaded graph (`CostBounds`).
 * Abstract types do not escape the count: under an interface, the cost is that of the costliest
 * implementation, with its fragments. A search also costs the size of the index it ranks
 * (`Type.field+` in the bounds) once per word of its phrase, since it looks each word up and
 * weighs every entity or passage however few it returns.
 *
 * Work is linear in the size of the operation times the number of object types: the cost of a
 * selection set for one concrete type is computed once and reused wherever the same selection
 * (a fragment, say) appears under that type again.
 */
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLAbstractType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLType,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { MAX_SEARCH_WORDS, termsOf } from '../store/ranking';

/**
 * The kind of a schema type, read from its tag: the graphql module may be loaded twice (ESM and
 * CommonJS), and the schema's types then fail the other copy's instanceof checks.
 */
export const kindOf = (t: unknown): string => Object.prototype.toString.call(t).slice(8, -1);
export const isListType = (t: unknown) => kindOf(t) === 'GraphQLList';
export const isObjectType = (t: unknown): t is GraphQLObjectType => kindOf(t) === 'GraphQLObjectType';
export const isAbstractType = (t: unknown): t is GraphQLAbstractType => kindOf(t) === 'GraphQLInterfaceType' || kindOf(t) === 'GraphQLUnionType';
const isLeafType = (t: unknown) => kindOf(t) === 'GraphQLScalarType' || kindOf(t) === 'GraphQLEnumType';
export const getNullableType = (t: GraphQLType): GraphQLType => (kindOf(t) === 'GraphQLNonNull' ? (t as { ofType: GraphQLType }).ofType : t);
export const getNamedType = (t: GraphQLType): GraphQLNamedType => {
  let x: GraphQLType = t;
  while ('ofType' in x && x.ofType) x = x.ofType as GraphQLType;
  return x as GraphQLNamedType;
};

/**
 * Largest size of each list, by `Type.field` or `*.field` (any type): list fields without a size
 * argument take it as their size, and sized lists are never counted above it. `Type.field!` is
 * the graph's total for a list that partitions its items (see selectionCost); `Type.field+` the
 * items a search field ranks on each call. `Type.field*` is the factor by which a sizeless list
 * inside a sized field exceeds that size (a subgraph of n entities holds at most n times the
 * largest degree relations).
 */
export type CostBounds = Record<string, number>;

/** Size of a list the bounds do not know: neither sized by an argument nor bounded. */
export const UNKNOWN_LIST_SIZE = 100;

/** Arguments that size a list (or, on a non-list field, the lists inside it: a connection's edges). */
const SIZE_ARGS = ['first', 'last', 'limit'] as const;
/** Selection sets (fields and fragments) nested deeper than this cost more than any limit. */
const MAX_COSTED_DEPTH = 64;

export interface CostResult {
  /** Most list items the answer can hold. */
  cost: number;
}

export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, bounds: CostBounds): CostResult {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return { cost: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d);
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { cost: 0 };
  /** The request's variables; one it leaves out takes its default in the operation (filled in below). */
  const vars: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, variables ?? {});
  /** Unit cost of a selection set for one concrete type, with the size its sizeless lists inherit. */
  const memo = new Map<SelectionSetNode, Map<string, number>>();

  const argValue = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    switch (node.kind) {
      case 'Variable':
        return vars[node.name.value];
      case 'IntValue':
      case 'FloatValue':
        return Number(node.value);
      case 'ListValue':
        return node.values.map(argValue);
      case 'NullValue':
        return null;
      default:
        return (node as { value?: unknown }).value;
    }
  };

  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue && !Object.hasOwn(vars, v.variable.name.value)) vars[v.variable.name.value] = argValue(v.defaultValue);

  const bound = (type: string, field: string): number | undefined => bounds[`${type}.${field}`] ?? bounds[`*.${field}`];

  /** The size an argument gives the field, if it has one. */
  /**
   * Words of a search's phrase, from one to the most a search takes (a longer phrase is refused
   * as it runs, with the argument named): each is looked up, with its prefixes and typos.
   */
  const wordsIn = (phrase: unknown): number => (typeof phrase === 'string' ? Math.min(MAX_SEARCH_WORDS, Math.max(1, termsOf(phrase).length)) : 1);
  const wordsOf = (node: FieldNode): number => {
    const given = node.arguments?.find((a) => a.name.value === 'query');
    return wordsIn(given ? argValue(given.value) : undefined);
  };

  /**
   * The name search a list's filter runs (`where: { nameMatches }`), if any: the words of its
   * phrase. It ranks the entity index as `search` does, and costs as much.
   */
  const nameSearchWords = (node: FieldNode): number => {
    const where = node.arguments?.find((a) => a.name.value === 'where')?.value;
    if (!where) return 0;
    let phrase: unknown;
    if (where.kind === 'Variable') phrase = (vars[where.name.value] as { nameMatches?: unknown } | null | undefined)?.nameMatches;
    else if (where.kind === 'ObjectValue') {
      const field = where.fields.find((f) => f.name.value === 'nameMatches');
      if (!field) return 0;
      phrase = argValue(field.value);
    }
    return phrase === undefined || phrase === null ? 0 : wordsIn(phrase);
  };

  const sizeFromArgs = (node: FieldNode, def: GraphQLField<unknown, unknown>): number | undefined => {
    for (const name of SIZE_ARGS) {
      const arg = def.args.find((a) => a.name === name);
      if (!arg) continue;
      const given = node.arguments?.find((a) => a.name.value === name);
      const raw = given ? argValue(given.value) : arg.defaultValue;
      const n = typeof raw === 'number' && Number.isFinite(raw) ? raw : typeof arg.defaultValue === 'number' ? arg.defaultValue : undefined;
      if (n !== undefined) return Math.max(0, Math.floor(n));
    }
    const ids = node.arguments?.find((a) => a.name.value === 'ids');
    if (ids) {
      const v = argValue(ids.value);
      return Array.isArray(v) ? v.length : 1;
    }
    const steps = node.arguments?.find((a) => a.name.value === 'maxLength');
    const stepsDef = def.args.find((a) => a.name === 'maxLength');
    if (stepsDef) {
      const raw = steps ? argValue(steps.value) : stepsDef.defaultValue;
      if (typeof raw === 'number' && Number.isFinite(raw)) return Math.max(0, Math.floor(raw)) + 1;
    }
    return undefined;
  };

  /**
   * Cost of a selection set under one concrete type. With `count` undefined: for one object of
   * that type (the caller multiplies). With a count: for that many distinct objects reached
   * only through lists that partition their items (a document's chapters, a chapter's sections,
   * a section's passages, a passage's mentions): such a list can never hold more items in all
   * than the graph has (`Type.field!` in the bounds), whatever the product of the sizes.
   */
  const selectionCost = (set: SelectionSetNode, type: GraphQLObjectType, inherited: number | undefined, depth: number, count?: number): number => {
    // Validation rejects operations this deep long before, except under introspection fields
    // (their depth goes unchecked): counted as over any limit, not as free.
    if (depth > MAX_COSTED_DEPTH) return Number.MAX_SAFE_INTEGER;
    const key = `${type.name}#${inherited ?? ''}#${count ?? ''}`;
    const cached = memo.get(set)?.get(key);
    if (cached !== undefined) return cached;
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === 'Field') total += fieldCost(s, type, inherited, depth, count);
      else {
        const fragment = s.kind === 'InlineFragment' ? s : fragments.get(s.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition?.name.value;
        if (condition && !appliesTo(schema, condition, type)) continue;
        total += selectionCost(fragment.selectionSet, type, inherited, depth + 1, count);
      }
    }
    const perType = memo.get(set) ?? new Map<string, number>();
    perType.set(key, total);
    memo.set(set, perType);
    return total;
  };

  /** Cost of a selection set under a type that may be abstract: its costliest implementation. */
  const underType = (set: SelectionSetNode, type: GraphQLNamedType, inherited: number | undefined, depth: number, count?: number): number => {
    if (isObjectType(type)) return selectionCost(set, type, inherited, depth, count);
    if (isAbstractType(type)) return Math.max(0, ...schema.getPossibleTypes(type).map((t) => selectionCost(set, t, inherited, depth, count)));
    return 0;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLObjectType, inherited: number | undefined, depth: number, count?: number): number => {
    const name = node.name.value;
    const def = name.startsWith('__') ? introspectionField(schema, parent, name) : parent.getFields()[name];
    if (!def) return 0;
    // A search ranks every item of its index, however few it returns (`Type.field+`).
    const search = bounds[`${parent.name}.${name}+`];
    if (search) return search * wordsOf(node) * (count ?? 1) + listOrObjectCost(node, def, parent, inherited, depth, count);
    const nameSearch = nameSearchWords(node);
    const ranked = nameSearch ? (bounds['Query.search+'] ?? 0) * nameSearch * (count ?? 1) : 0;
    return ranked + listOrObjectCost(node, def, parent, inherited, depth, count);
  };

  const listOrObjectCost = (node: FieldNode, def: GraphQLField<unknown, unknown>, parent: GraphQLObjectType, inherited: number | undefined, depth: number, count?: number): number => {
    const name = node.name.value;
    const named = getNamedType(def.type);
    const nullable = getNullableType(def.type);
    const fromArgs = sizeFromArgs(node, def);
    const cap = bound(parent.name, name);
    if (isListType(nullable)) {
      // A list inside a sized field (a subgraph's nodes) takes that size, times its declared
      // factor where it can hold more than one item per unit (a subgraph's relations).
      const fromParent = inherited !== undefined ? inherited * (bounds[`${parent.name}.${name}*`] ?? 1) : undefined;
      const size = Math.min(fromArgs ?? fromParent ?? cap ?? UNKNOWN_LIST_SIZE, cap ?? Number.POSITIVE_INFINITY);
      if (isLeafType(named) || !node.selectionSet) return 0; // a list of scalars is a value, not nodes
      if (count !== undefined) {
        const total = bounds[`${parent.name}.${name}!`];
        if (total !== undefined) {
          const items = Math.min(count * size, total);
          return items + underType(node.selectionSet, named, undefined, depth + 1, items);
        }
        const items = count * size;
        return items + items * underType(node.selectionSet, named, undefined, depth + 1);
      }
      return size + size * underType(node.selectionSet, named, undefined, depth + 1);
    }
    if (!node.selectionSet) return 0;
    // A sized field that is not a list (a connection, a subgraph) passes its size to the lists inside.
    const unit = underType(node.selectionSet, named, fromArgs !== undefined ? Math.min(fromArgs, cap ?? Number.POSITIVE_INFINITY) : undefined, depth + 1);
    return count !== undefined ? count * unit : unit;
  };

  if (!isObjectType(root)) return { cost: 0 };
  // The root is one object, the start of every partition path.
  return { cost: Math.min(Number.MAX_SAFE_INTEGER, selectionCost(operation.selectionSet, root, undefined, 0, 1)) };
}

/** Whether a fragment's type condition covers an object type: the type itself, or an interface or union it belongs to. */
export function appliesTo(schema: GraphQLSchema, condition: string, type: GraphQLObjectType): boolean {
  if (condition === type.name) return true;
  const t = schema.getType(condition);
  return !!t && isAbstractType(t) && schema.isSubType(t, type);
}

/** The introspection fields (__schema, __type, __typename), which no type lists among its own. */
function introspectionField(schema: GraphQLSchema, parent: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return undefined;
  if (parent !== schema.getQueryType()) return undefined;
  const schemaType = schema.getType('__Schema') as GraphQLObjectType;
  const typeType = schema.getType('__Type') as GraphQLObjectType;
  if (name === '__schema') return { name, type: schemaType, args: [] } as unknown as GraphQLField<unknown, unknown>;
  if (name === '__type') return { name, type: typeType, args: [] } as unknown as GraphQLField<unknown, unknown>;
  return undefined;
}

/** Bounds of the introspection lists, from the schema itself: what an introspection query can return. */
export function introspectionBounds(schema: GraphQLSchema): CostBounds {
  const types = Object.values(schema.getTypeMap());
  const max = (xs: number[]) => Math.max(1, ...xs);
  const fieldsOf = types.flatMap((t) => ('getFields' in t && typeof t.getFields === 'function' ? [Object.values(t.getFields() as Record<string, { args?: unknown[] }>)] : []));
  return {
    '__Schema.types': types.length,
    '__Schema.directives': schema.getDirectives().length,
    '__Schema.mutationType': 1,
    '__Type.fields': max(fieldsOf.map((f) => f.length)),
    '__Type.inputFields': max(fieldsOf.map((f) => f.length)),
    '__Type.interfaces': max(types.map((t) => ('getInterfaces' in t && typeof t.getInterfaces === 'function' ? (t.getInterfaces() as unknown[]).length : 0))),
    '__Type.possibleTypes': max(types.map((t) => (isAbstractType(t) ? schema.getPossibleTypes(t).length : 0))),
    '__Type.enumValues': max(types.map((t) => ('getValues' in t && typeof t.getValues === 'function' ? (t.getValues() as unknown[]).length : 0))),
    '__Field.args': max(fieldsOf.flat().map((f) => f.args?.length ?? 0)),
    '__Directive.args': max(schema.getDirectives().map((d) => d.args.length)),
    '__Directive.locations': 20,
  };
}
