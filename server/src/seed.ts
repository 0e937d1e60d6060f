/**
 * The graph the server starts with, built in process: the bundled report by default, or what
 * the command line names (the same options as npm run seed: --corpus, --curation, --overrides, --library),
 * or a bundle file built before (--bundle). Problems are logged, not thrown.
 */
import { parseArgs } from 'node:util';
import { readBundle } from '../../graph-seed/src/io/bundle';
import { buildGraph } from '../../graph-seed/src/ingest/build';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { formatProblem } from '../../graph-seed/src/model/result';
import type { Logger } from './log';

export interface SeedOptions {
  corpus?: string[];
  curation?: string;
  overrides?: string;
  library?: string;
  bundle?: string;
}

export class UsageError extends Error {}

export const USAGE = 'Usage: npm start -- [--corpus DIR|FILE]... [--curation DIR|none] [--overrides FILE] | [--library DIR] [--curation none] | [--bundle FILE]';

export function parseSeedArgs(argv: string[]): SeedOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { corpus: { type: 'string', multiple: true }, curation: { type: 'string' }, overrides: { type: 'string' }, library: { type: 'string' }, bundle: { type: 'string' } },
    }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.bundle && (values.corpus || values.library || values.curation || values.overrides)) throw new UsageError(`--bundle serves a bundle as built; it takes no --corpus, --library, --curation or --overrides\n${USAGE}`);
  if (values.corpus && values.library) throw new UsageError(`give either --corpus or --library, not both\n${USAGE}`);
  return values;
}

export interface Seeded {
  bundle: GraphBundle;
  /** The reports it combines, each loaded into Neo4j as a report of its own. */
  reports: GraphBundle[];
}

export async function seedGraph(opts: SeedOptions, log: Logger): Promise<Seeded | null> {
  if (opts.bundle) {
    try {
      const bundle = readBundle(opts.bundle);
      return { bundle, reports: [bundle] };
    } catch (e) {
      log.error((e as Error).message);
      return null;
    }
  }
  const built = await buildGraph({ ...opts, progress: (line) => log.info('seeding', { step: line.trim() }) });
  if (!built.ok) {
    for (const p of built.errors) log.error(formatProblem(p));
    return null;
  }
  for (const s of built.value.skipped) log.warn(`report ${s.report} skipped`, { problems: s.problems.map(formatProblem) });
  return { bundle: built.value.bundle, reports: built.value.reports };
}

/** The bundled report with its curation: what npm start serves without options. */
export async function seedReport(log: Logger): Promise<GraphBundle | null> {
  return (await seedGraph({}, log))?.bundle ?? null;
}
