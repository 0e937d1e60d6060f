/**
 * Injection probes for every string argument of the schema's Query fields: Cypher and Lucene
 * syntax, quotes, backslashes, control and odd unicode characters, very long strings. Each probe
 * is one operation with the probe in one argument and sample values in the others.
 */
import { buildSchema, getNamedType, getNullableType, isListType, isScalarType, type GraphQLArgument } from 'graphql';

export const PROBES = [
  '") MATCH (n) DETACH DELETE n //',
  "' OR 1=1 --",
  "'}) CALL { MATCH (n) DETACH DELETE n } //",
  'title:*^2~ AND \\',
  '*:* OR name:/.*/',
  'a" OR "b',
  '\\\\\\"\'`',
  '$x {a: 1} ${x}',
  '\u0000\u001f\u202e\ud83d\ude00',
  '\ud800',
  'κόσμε ☃ 𝄞 e\u0301',
  'x'.repeat(400),
  'x '.repeat(250),
];

const SAMPLE: Record<string, unknown> = { String: 'molvt', ID: 'ministry:molvt', Int: 2, Boolean: true, Float: 1 };

function sample(arg: GraphQLArgument): unknown {
  const named = getNamedType(arg.type).name;
  const value = arg.name === 'types' || arg.name === 'entityTypes' ? 'Ministry' : arg.name === 'relationTypes' ? 'CHAIRS' : arg.name === 'number' ? '2.1' : SAMPLE[named];
  // Enums and input objects without a sample are left out (absent, not null).
  if (value === undefined) return undefined;
  return isListType(getNullableType(arg.type)) ? [value] : value;
}

export interface Probe {
  field: string;
  argument: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One operation per (field, string argument, probe), from the schema's SDL. */
export function injectionProbes(sdl: string, probes: string[] = PROBES): Probe[] {
  // Built here from SDL so that the graphql module that checks the types is the one that made them.
  const schema = buildSchema(sdl);
  const out: Probe[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }';
    for (const target of field.args) {
      if (!['String', 'ID'].includes(getNamedType(target.type).name)) continue;
      const decl = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const use = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      for (const probe of probes) {
        const variables = Object.fromEntries(field.args.map((a) => [a.name, a === target ? (isListType(getNullableType(a.type)) ? [probe] : probe) : sample(a)]));
        out.push({ field: field.name, argument: target.name, query: `query(${decl}) { ${field.name}(${use})${selection} }`, variables });
      }
    }
  }
  return out;
}
