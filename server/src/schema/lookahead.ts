/**
 * Look-ahead from a root field's selection: the store reads a resolver's children will ask for,
 * started together with the root read so they share its round trip instead of following it.
 * Only fields whose loader key is known from the selection alone take part; anything else is
 * left to its own resolver. A selection the look-ahead cannot read (an argument that would fail
 * validation) is simply not prefetched: the field's resolver then reports the error.
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode, ValueNode } from 'graphql';

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
