/** The executable schema: SDL first (schema.graphql extends the public contract), then resolvers. */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { resolvers } from './resolvers';

export const SCHEMA_SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
export const CONTRACT_SDL = readFileSync(new URL('./contract.graphql', import.meta.url), 'utf8');

export function buildSchema() {
  return makeExecutableSchema({ typeDefs: SCHEMA_SDL, resolvers });
}
