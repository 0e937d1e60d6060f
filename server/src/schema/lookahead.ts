/**
 * Look-ahead from a root field's selection: the store reads a resolver's children will ask for,
 * started together with the root read so they share its round trip instead of following it.
 * Only fields whose loader key is known from the selection alone take part; anything else is
 * left to its own resolver. A selection the look-ahead cannot read (an argument that would fail
 * validation) is simply not prefetched: the field's resolver then reports the error.
 */
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLInterfaceType, GraphQLResolveInfo, GraphQLSchema, SelectionSetNode, ValueNode } from 'graphql';

export interface SelectedField {
  /** The type condition the field sits under (null: the field's own type). */
  on: string | null;
  node: FieldNode;
}

/** The fields selected directly under a root field, through fragments of any depth. */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): SelectedField[] {
  const out: SelectedField[] = [];
  const visit = (set: SelectionSetNode | undefined, on: string | null, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') out.push({ on, node: s });
      else if (s.kind === 'InlineFragment') visit(s.selectionSet, s.typeCondition?.name.value ?? on, seen);
      else if (s.kind === 'FragmentSpread' && !seen.has(s.name.value)) {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[s.name.value];
        if (fragment) visit(fragment.selectionSet, fragment.typeCondition.name.value, new Set([...seen, s.name.value]));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, null, new Set());
  return out;
}

/** A field's arguments as plain values (variables substituted), as its resolver receives them. */
export function argumentsOf(node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const value = (v: ValueNode): unknown => {
    switch (v.kind) {
      case 'Variable':
        return variables[v.name.value];
      case 'IntValue':
        return Number.parseInt(v.value, 10);
      case 'FloatValue':
        return Number.parseFloat(v.value);
      case 'StringValue':
      case 'EnumValue':
        return v.value;
      case 'BooleanValue':
        return v.value;
      case 'NullValue':
        return null;
      case 'ListValue':
        return v.values.map(value);
      case 'ObjectValue':
        return Object.fromEntries(v.fields.map((f) => [f.name.value, value(f.value)]));
    }
  };
  return Object.fromEntries((node.arguments ?? []).map((a) => [a.name.value, value(a.value)]));
}

/** A schema field's type name, lists and non-nulls taken off (read by shape: graphql may load twice). */
const namedTypeOf = (type: unknown): string => {
  let t = type as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  return t.name ?? '';
};

/**
 * What a field of a type tells about a document: true, it reads the content looked for; false,
 * it does not (and neither does anything under it); undefined, look at its selection.
 */
type Verdict = (typeName: string, field: string) => boolean | undefined;

/** Answers per document, per question (the parser cache keeps documents, so each is asked once). */
const answers = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * Whether any field a document selects, anywhere (fields, inline fragments, named fragments of
 * any depth), gets a true verdict. Each fragment is looked at once, however often it is spread,
 * so a fragment bomb costs a linear walk. Mutations and subscriptions count as reading everything.
 */
function readsAnywhere(schema: GraphQLSchema, document: DocumentNode, question: string, verdict: Verdict): boolean {
  const known = answers.get(document)?.get(question);
  if (known !== undefined) return known;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d);
  const fragmentReads = new Map<string, boolean>();
  const fieldsOf = (typeName: string) => (schema.getType(typeName) as { getFields?: () => Record<string, { type: unknown }> } | undefined)?.getFields?.() ?? {};
  const reads = (set: SelectionSetNode | undefined, typeName: string): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === 'InlineFragment') return reads(s.selectionSet, s.typeCondition?.name.value ?? typeName);
      if (s.kind === 'FragmentSpread') {
        const name = s.name.value;
        if (!fragmentReads.has(name)) {
          fragmentReads.set(name, false); // a cycle (rejected by validation anyway) adds nothing
          const f = fragments.get(name);
          fragmentReads.set(name, !!f && reads(f.selectionSet, f.typeCondition.name.value));
        }
        return fragmentReads.get(name)!;
      }
      const field = s.name.value;
      const said = verdict(typeName, field);
      if (said !== undefined) return said;
      const type = fieldsOf(typeName)[field]?.type;
      return !!type && !!s.selectionSet && reads(s.selectionSet, namedTypeOf(type));
    });
  const answer = document.definitions.some((d) => d.kind === 'OperationDefinition' && (d.operation !== 'query' || reads(d.selectionSet, schema.getQueryType()?.name ?? 'Query')));
  if (!answers.has(document)) answers.set(document, new Map());
  answers.get(document)!.set(question, answer);
  return answer;
}

/**
 * Whether a document reads anything of a Passage but its id. When it does not, reads need not
 * bring passages along for later levels of the query.
 */
export function readsPassageContent(schema: GraphQLSchema, document: DocumentNode): boolean {
  return readsAnywhere(schema, document, 'passage', (typeName, field) => (typeName === 'Passage' ? field !== 'id' && field !== '__typename' : undefined));
}

const entityTypeNames = new WeakMap<GraphQLSchema, Set<string>>();

/** The Entity interface and the types that implement it. */
function entityTypesOf(schema: GraphQLSchema): Set<string> {
  let names = entityTypeNames.get(schema);
  if (!names) {
    const entity = schema.getType('Entity') as GraphQLInterfaceType | undefined;
    names = new Set(entity ? ['Entity', ...schema.getPossibleTypes(entity).map((t) => t.name)] : []);
    entityTypeNames.set(schema, names);
  }
  return names;
}

/**
 * Whether a document reads any field of an entity outside `light` (the fields answered from an
 * entity's id, type, name and aliases, or through loaders of their own). When it does not,
 * entities can be read without their properties and evidence.
 */
export function readsEntityContent(schema: GraphQLSchema, document: DocumentNode, light: ReadonlySet<string>): boolean {
  const entities = entityTypesOf(schema);
  return readsAnywhere(schema, document, 'entity', (typeName, field) => (entities.has(typeName) && !light.has(field) ? true : undefined));
}

/**
 * Whether a document reads any field of a relation outside `light` (its id, type and ends).
 * When it does not, relations can be read without their properties and evidence.
 */
export function readsRelationContent(schema: GraphQLSchema, document: DocumentNode, light: ReadonlySet<string>): boolean {
  return readsAnywhere(schema, document, 'relation', (typeName, field) => (typeName === 'Relation' && !light.has(field) ? true : undefined));
}
