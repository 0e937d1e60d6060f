/**
 * Starts one Neo4j for the whole "neo4j" test project (NEO4J_URI when set, otherwise the embedded
 * 5.26 community on a free port) and hands its address to the tests through inject('neo4j').
 * Under CI=true a Neo4j that cannot start fails the run; it never skips it.
 */
import type { TestProject } from 'vitest/node';
import { testNeo4j, type Neo4jAddress } from './neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jAddress;
    /** The embedded Neo4j's JVM process id; null under NEO4J_URI. */
    neo4jJvmPid: number | null;
  }
}

export default async function setup(project: TestProject) {
  const neo = await testNeo4j();
  project.provide('neo4j', { uri: neo.uri, user: neo.user, password: neo.password });
  project.provide('neo4jJvmPid', neo.embedded?.process.pid ?? null);
  return async () => {
    await neo.stop();
  };
}
