/**
 * Loading reports into a Neo4j graph that may hold others. The active generation keeps each
 * report it combines as a :ReportSource node (its bundle as JSON). Loading reports reads the
 * sources of the reports it does not replace, combines them with the new ones, and writes the
 * result as a new generation (load.ts): the other reports stay as they were, the switch is one
 * transaction, and loading the same reports again finds the combined version already active.
 */
import type { Driver } from 'neo4j-driver';
import { combineReports } from '../../../../graph-seed/src/ingest/combine';
import { ACTIVE_STATE } from '../../../../graph-seed/src/export/neo4j-model';
import type { GraphBundle } from '../../../../graph-seed/src/model/bundle';
import { BundleSchema } from '../../../../graph-seed/src/model/bundle';
import { canonicalJson } from '../../../../graph-seed/src/stages/emit';
import { loadBundle, LoadError, type LoadOptions, type LoadReport } from './load';

const documentsOf = (b: GraphBundle) => (b.documents ?? [b.document]).map((d) => d.id);

export interface ReportsLoadReport extends LoadReport {
  /** Document ids of every report in the active graph after the load. */
  documents: string[];
  /** Reports already there that this load kept. */
  kept: number;
}

/** The reports stored with the active generation. */
export async function activeReports(driver: Driver, database = 'neo4j'): Promise<GraphBundle[]> {
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const res = await session.run(`MATCH (s:GraphState {key: '${ACTIVE_STATE}'}) MATCH (r:ReportSource) WHERE r.gen = s.gen RETURN r.json AS json ORDER BY r.documents[0]`);
    return res.records.map((r) => {
      const parsed = BundleSchema.safeParse(JSON.parse(r.get('json') as string));
      if (!parsed.success) throw new LoadError(`a report stored in Neo4j does not match the bundle schema (${parsed.error.issues[0]?.message}); load with --reseed to replace the graph`);
      return parsed.data;
    });
  } finally {
    await session.close();
  }
}

/**
 * Adds the reports, replacing any stored report that shares a document with one of them, and
 * keeps every other stored report.
 */
export async function loadReports(driver: Driver, reports: GraphBundle[], opts: LoadOptions = {}): Promise<ReportsLoadReport> {
  const incoming = new Set(reports.flatMap(documentsOf));
  const stored = await activeReports(driver, opts.database);
  const kept = stored.filter((b) => !documentsOf(b).some((d) => incoming.has(d)));
  // A fixed order (by first document id), so that the same reports give the same version.
  const all = [...kept, ...reports].sort((a, b) => (documentsOf(a)[0]! < documentsOf(b)[0]! ? -1 : 1));
  const combined = all.length === 1 ? all[0]! : combineReports(all);
  const bundle = 'bundle' in combined ? combined.bundle : combined;
  if ('problems' in combined && combined.problems.length) throw new LoadError(`the reports do not combine: ${combined.problems[0]!.message}`);
  const sources = all.map((b) => ({ documents: documentsOf(b), version: b.version, json: canonicalJson(b) }));
  // A graph loaded without its reports recorded is rewritten once, so that they are from now on.
  const report = await loadBundle(driver, bundle, { ...opts, sources, reseed: opts.reseed || !stored.length });
  return { ...report, documents: all.flatMap(documentsOf), kept: kept.length };
}
