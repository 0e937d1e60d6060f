/**
 * Writes client/src/api/graphql-env.d.ts: the server's schema as gql.tada's introspection type,
 * from which the explorer's operations get their result types checked (see src/api/typed.ts).
 * Run before every type check and build, so a schema change that breaks the explorer fails them.
 * The file is generated, not committed.
 */
import { writeFileSync } from 'node:fs';
import { buildSchema, introspectionFromSchema } from 'graphql';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { schemaSdl } from '../server/src/schema';

const introspection = introspectionFromSchema(buildSchema(schemaSdl()));
const out = new URL('./src/api/graphql-env.d.ts', import.meta.url);
writeFileSync(out, outputIntrospectionFile(minifyIntrospection(introspection), { fileType: '.d.ts', shouldPreprocess: true }));
