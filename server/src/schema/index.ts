/**
 * The executable schema, SDL first: the public contract verbatim (contract.graphql, a copy of
 * the API's floor) plus this server's extensions (extensions.graphql), then resolvers.
 */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { resolvers } from './resolvers';

export const CONTRACT_SDL = readFileSync(new URL('./contract.graphql', import.meta.url), 'utf8');
export const EXTENSIONS_SDL = readFileSync(new URL('./extensions.graphql', import.meta.url), 'utf8');

export function buildSchema() {
  return makeExecutableSchema({ typeDefs: [CONTRACT_SDL, EXTENSIONS_SDL], resolvers });
}

/** The whole schema as SDL (printed by the same graphql module the schema was built with). */
export function schemaSdl(): string {
  return printSchemaWithDirectives(buildSchema());
}
