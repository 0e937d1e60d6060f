/**
 * The peer: @neo4j/graphql (current major) serving peerTypeDefs() over the same Neo4j, on the
 * same HTTP stack as this project (graphql-yoga on node:http), for the API benchmark.
 *   PORT=4001 NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... tsx tests/bench/peer/server.ts
 */
import { createServer, type Server } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { peerTypeDefs } from './schema';

export interface Peer {
  server: Server;
  driver: Driver;
  close(): Promise<void>;
}

export async function createPeer(opts: { uri: string; user: string; password: string }): Promise<Peer> {
  const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), { maxConnectionPoolSize: 64 });
  const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs(), driver }).getSchema();
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, landingPage: false });
  const server = createServer(yoga);
  return {
    server,
    driver,
    close: () =>
      new Promise((resolve) => {
        server.close(() => void driver.close().then(resolve, resolve));
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const peer = await createPeer({ uri: process.env.NEO4J_URI!, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
  const port = Number(process.env.PORT ?? 4001);
  peer.server.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`peer serving on http://127.0.0.1:${port}/graphql`));
  const stop = () => void peer.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
