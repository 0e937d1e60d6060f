/**
 * npm run seed -- --neo4j [--reseed]: loads a freshly built bundle into the Neo4j named by
 * NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Each report adds itself or replaces its
 * earlier version; other reports there stay. Loading what is already there is a no-op; --reseed
 * rewrites it. Returns the process exit code.
 */
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { ConfigError, readConfig } from './config';
import { createLogger } from './log';
import { openNeo4jStore } from './store/neo4j/connect';

export async function seedNeo4j(bundle: GraphBundle, { reseed, print, reports }: { reseed: boolean; print: (line: string) => void; reports?: GraphBundle[] }): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message);
    throw e;
  }
  if (!config.NEO4J_URI) return fail('NEO4J_URI is not set. Point it at a Neo4j 5 server (npm run neo4j starts one at bolt://127.0.0.1:7687) and set NEO4J_USER and NEO4J_PASSWORD if it asks for them.');
  try {
    const { store, report } = await openNeo4jStore(
      { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD ?? '', database: config.NEO4J_DATABASE, queryTimeoutMs: config.QUERY_TIMEOUT_MS },
      bundle,
      createLogger('warn'),
      { reseed, waitMs: config.NEO4J_WAIT_MS, reports: reports ?? [bundle] },
    );
    await store.close();
    if (report.status === 'unchanged') print(`Neo4j at ${config.NEO4J_URI} already holds graph ${report.version}; nothing to do (--reseed rewrites it).`);
    else {
      const rate = Math.round(report.elements / (report.writeMs / 1000));
      print(`Loaded bundle ${report.version} into Neo4j at ${config.NEO4J_URI}: ${report.elements} nodes and relationships in ${Math.round(report.ms)} ms (writing ${rate} elements/s)${report.removedGenerations ? `; removed ${report.removedGenerations} earlier generation(s)` : ''}.`);
    }
    return 0;
  } catch (e) {
    return fail(`loading into Neo4j at ${config.NEO4J_URI} failed: ${(e as Error).message}`);
  }
}

function fail(message: string): number {
  console.error(`seed: ${message}`);
  return 1;
}
