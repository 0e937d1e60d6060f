/**
 * npm start [-- --corpus PATH... --curation DIR|none | --library DIR | --bundle FILE]: seeds the
 * graph (the bundled report by default; see seed.ts) into the chosen store (memory by default,
 * Neo4j when NEO4J_URI is set, where each report adds itself or replaces its earlier version),
 * then serves the API and the explorer on one port (PORT, default 4000). Graceful shutdown on
 * SIGTERM and SIGINT.
 */
import './production';
import { createApp } from './app';
import type { StoreSpec } from './heavy-thread';
import { ConfigError, readConfig, type Config } from './config';
import { createLogger, type Logger } from './log';
import { installProcessGuards } from './process-guards';
import { costBoundsFromBundles } from './schema/cost-bounds';
import type { CostBounds } from './schema/cost';
import { parseSeedArgs, seedGraph, UsageError, type SeedOptions } from './seed';
import type { GraphStore } from './store/GraphStore';
import { MemoryGraphStore } from './store/memory/MemoryGraphStore';
import { openNeo4jStore } from './store/neo4j/connect';
import { activeReports } from './store/neo4j/load-reports';

async function openStore(config: Config, seedOptions: SeedOptions, log: Logger): Promise<{ store: GraphStore; costBounds: CostBounds; spec: StoreSpec } | null> {
  const started = performance.now();
  const seeded = await seedGraph(seedOptions, log);
  if (!seeded) return null;
  const { bundle, reports } = seeded;
  const counts = { documents: (bundle.documents ?? [bundle.document]).length, entities: bundle.entities.length, relations: bundle.relations.length, passages: bundle.passages.length };
  if (!config.NEO4J_URI) {
    const store = new MemoryGraphStore(bundle);
    log.info('graph seeded', { backend: 'memory', version: bundle.version, ...counts, ms: Math.round(performance.now() - started) });
    return { store, costBounds: costBoundsFromBundles([bundle]), spec: { kind: 'memory', bundle } };
  }
  const options = { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD ?? '', database: config.NEO4J_DATABASE, queryTimeoutMs: config.QUERY_TIMEOUT_MS };
  try {
    const { store, report } = await openNeo4jStore(
      options,
      bundle,
      log,
      { waitMs: config.NEO4J_WAIT_MS, reports },
    );
    log.info(report.status === 'loaded' ? 'graph seeded' : 'graph already loaded', { backend: 'neo4j', uri: config.NEO4J_URI, version: report.version, ...counts, elements: report.elements, ms: Math.round(performance.now() - started) });
    // The graph served holds the reports loaded before as well as these.
    return { store, costBounds: costBoundsFromBundles(await activeReports(store.driver, config.NEO4J_DATABASE)), spec: { kind: 'neo4j', options } };
  } catch (e) {
    log.error(`cannot serve from Neo4j at ${config.NEO4J_URI}: ${(e as Error).message}`);
    return null;
  }
}

async function main(): Promise<number> {
  let config;
  let seedOptions;
  try {
    seedOptions = parseSeedArgs(process.argv.slice(2));
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  installProcessGuards(log);
  const opened = await openStore(config, seedOptions, log);
  if (!opened) return 1;

  const app = createApp(opened.store, log, {
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    costBounds: opened.costBounds,
    operationLimits: { maxCost: config.QUERY_COST_LIMIT },
    httpLimits: { maxConnections: config.MAX_CONNECTIONS, requestTimeoutMs: config.REQUEST_TIMEOUT_MS },
    corsOrigins: config.CORS_ORIGINS,
    allowedHosts: config.ALLOWED_HOSTS,
    heavyThread: config.HEAVY_THREAD === 'on' ? opened.spec : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(config.PORT, config.HOST, resolve);
  });
  log.info('serving', { url: `http://localhost:${config.PORT}/`, graphql: `http://localhost:${config.PORT}/graphql` });

  return new Promise((resolve) => {
    const stop = (signal: string) => {
      log.info('shutting down', { signal });
      void app.close().then(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
