/**
 * The Neo4j the tests use: NEO4J_URI when it is set, otherwise the project's embedded
 * Neo4j 5.26 started on a free loopback port with a fresh data folder. Under CI=true a Neo4j
 * that cannot start fails the tests; it never skips them.
 */
import { createServer } from 'node:net';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/neo4j-embedded/launch';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Neo4jAddress {
  uri: string;
  user: string;
  password: string;
}

export interface TestNeo4j extends Neo4jAddress {
  embedded: EmbeddedNeo4j | null;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A Neo4j of its own, for tests that stop and restart it. Same rules as the shared one. */
export async function testNeo4j(opts: { dataDir?: string; port?: number; heap?: string; pageCacheMb?: number } = {}): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', embedded: null, stop: async () => {} };
  }
  const ownDir = opts.dataDir ? null : mkdtempSync(join(tmpdir(), 'neo4j-data-'));
  const embedded = await startEmbeddedNeo4j({ dataDir: opts.dataDir ?? ownDir!, port: opts.port ?? (await freePort()), timeoutMs: 180_000, tieToParent: true, heap: opts.heap, pageCacheMb: opts.pageCacheMb });
  return {
    uri: embedded.uri,
    user: 'neo4j',
    password: 'unused',
    embedded,
    stop: async () => {
      await embedded.stop();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
