/**
 * The Neo4j the tests use: NEO4J_URI when it is set, otherwise the project's embedded
 * Neo4j 5.26 started on a free loopback port with a fresh data folder. Under CI=true a Neo4j
 * that cannot start fails the tests; it never skips them.
 */
import { createServer } from 'node:net';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/neo4j-embedded/launch';
import { tempDir } from './tmp';

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  embedded: EmbeddedNeo4j | null;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function testNeo4j(): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', embedded: null, stop: async () => {} };
  }
  const embedded = await startEmbeddedNeo4j({ dataDir: tempDir('neo4j-data'), port: await freePort(), timeoutMs: 180_000, tieToParent: true });
  return { uri: embedded.uri, user: 'neo4j', password: 'unused', embedded, stop: () => embedded.stop() };
}
