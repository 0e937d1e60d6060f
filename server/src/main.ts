/**
 * npm start: seeds the graph from the bundled report, then serves the API and the explorer on
 * one port (PORT, default 4000). Graceful shutdown on SIGTERM and SIGINT.
 */
import { readCorpus } from '../../graph-seed/src/io/corpus';
import { readCuration } from '../../graph-seed/src/io/curation';
import { formatProblem } from '../../graph-seed/src/model/result';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { createApp } from './app';
import { ConfigError, readConfig } from './config';
import { createLogger } from './log';
import { MemoryGraphStore } from './store/memory/MemoryGraphStore';

async function main(): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  if (config.NEO4J_URI) {
    log.error('NEO4J_URI is set, but this build serves the in-memory store only; unset NEO4J_URI');
    return 2;
  }

  const started = performance.now();
  const corpus = readCorpus([DEFAULT_CORPUS]);
  const curation = corpus.ok ? readCuration(DEFAULT_CURATION) : corpus;
  const seeded = corpus.ok && curation.ok ? runPipeline(corpus.value, curation.value) : null;
  if (!corpus.ok || !curation.ok || !seeded || !seeded.ok) {
    const problems = !corpus.ok ? corpus.errors : !curation.ok ? curation.errors : seeded && !seeded.ok ? seeded.errors : [];
    for (const p of problems) log.error(formatProblem(p));
    return 1;
  }
  const bundle = seeded.value.bundle;
  const store = new MemoryGraphStore(bundle);
  log.info('graph seeded', { backend: 'memory', version: bundle.version, entities: bundle.entities.length, relations: bundle.relations.length, ms: Math.round(performance.now() - started) });

  const app = createApp(store, log);
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
