/**
 * Opening the Neo4j store at start-up: waits for Neo4j to answer (it may still be starting, as
 * under docker compose), then loads the bundle unless the same version is already active.
 */
import type { GraphBundle } from '../../../../graph-seed/src/model/bundle';
import type { Logger } from '../../log';
import { loadBundle, type LoadReport } from './load';
import { loadReports } from './load-reports';
import { Neo4jGraphStore, type Neo4jOptions } from './Neo4jGraphStore';
import { storeError } from './errors';

export async function waitForNeo4j(store: Neo4jGraphStore, waitMs: number, log: Logger): Promise<void> {
  const until = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await store.driver.verifyConnectivity();
      return;
    } catch (e) {
      const err = storeError(e);
      if (err.name !== 'StoreUnavailableError' || Date.now() > until || /Unauthorized|authentication/i.test(err.message)) throw err;
      if (attempt === 1 || attempt % 10 === 0) log.info('waiting for Neo4j', { reason: err.message });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * With `reports`, each report is added to the graph or replaces its earlier version, and the
 * other reports stay (load-reports.ts); without, the bundle replaces the whole graph.
 */
export async function openNeo4jStore(
  opts: Neo4jOptions,
  bundle: GraphBundle,
  log: Logger,
  { reseed = false, waitMs = 60_000, reports }: { reseed?: boolean; waitMs?: number; reports?: GraphBundle[] } = {},
): Promise<{ store: Neo4jGraphStore; report: LoadReport }> {
  const store = Neo4jGraphStore.open(opts);
  try {
    await waitForNeo4j(store, waitMs, log);
    const report = reports
      ? await loadReports(store.driver, reports, { database: opts.database, reseed })
      : await loadBundle(store.driver, bundle, { database: opts.database, reseed });
    await store.prepare();
    return { store, report };
  } catch (e) {
    await store.close();
    throw e;
  }
}
