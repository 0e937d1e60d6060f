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

type Neo4jOptions = { dataDir?: string; port?: number; heap?: string; pageCacheMb?: number };

/**
 * The Neo4j of a test or benchmark: NEO4J_URI when it is set (not ours to stop: its stop() does
 * nothing, so runs that need an outage use ownNeo4j), otherwise an embedded one of its own.
 */
export async function testNeo4j(opts: Neo4jOptions = {}): Promise<TestNeo4j> {
  if (process.env.NEO4J_URI) {
    const stopNothing = async () => {};
    return { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', embedded: null, stop: stopNothing };
  }
  return ownNeo4j(opts);
}

/**
 * An embedded Neo4j of the caller's own, whatever NEO4J_URI says: for runs that stop it and start
 * it again. Fails when the embedded Neo4j cannot start (it needs Java 17 and Maven); never falls
 * back to a Neo4j it could not stop.
 */
export async function ownNeo4j(opts: Neo4jOptions = {}): Promise<TestNeo4j> {
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
