/**
 * The executable schema, SDL first: the public contract (contract.graphql: the API's floor, with
 * additive arguments), this server's typed entity kinds (extensions.graphql), global ids,
 * connections and filters (api.graphql) and the ontology's enums (vocabulary.ts), then
 * resolvers. Descriptions the SDL leaves out are filled in by describe.ts.
 */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, print, type DefinitionNode, type FieldDefinitionNode } from 'graphql';
import { describe } from './describe';
import { resolvers } from './resolvers';
import { vocabularySdl } from './vocabulary';

const sdl = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
export const CONTRACT_SDL = sdl('./contract.graphql');
export const EXTENSIONS_SDL = sdl('./extensions.graphql');
export const API_SDL = sdl('./api.graphql');

/**
 * Every object type that implements Entity also implements Node and declares the fields that
 * api.graphql adds to Entity: written once there, copied to each implementer here.
 */
function entityImplementersSdl(typeDefs: readonly string[]): string {
  const defs: DefinitionNode[] = typeDefs.flatMap((t) => parse(t).definitions);
  const added: FieldDefinitionNode[] = defs.flatMap((d) => (d.kind === Kind.INTERFACE_TYPE_EXTENSION && d.name.value === 'Entity' ? [...(d.fields ?? [])] : []));
  const objects = defs.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION);
  const implementers = [...new Set(objects.filter((d) => d.interfaces?.some((i) => i.name.value === 'Entity')).map((d) => d.name.value))];
  const hasNode = (name: string) => objects.some((d) => d.name.value === name && d.interfaces?.some((i) => i.name.value === 'Node'));
  const fields = added.map((f) => print(f)).join('\n  ');
  return implementers.map((name) => `extend type ${name}${hasNode(name) ? '' : ' implements Node'} {\n  ${fields}\n}`).join('\n');
}

export function buildSchema() {
  const typeDefs = [CONTRACT_SDL, EXTENSIONS_SDL, API_SDL, vocabularySdl()];
  const schema = makeExecutableSchema({ typeDefs: [...typeDefs, entityImplementersSdl(typeDefs)], resolvers });
  return describe(schema);
}

/** The whole schema as SDL (printed by the same graphql module the schema was built with). */
export function schemaSdl(): string {
  return printSchemaWithDirectives(buildSchema());
}
