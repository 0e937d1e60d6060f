/**
 * npm run seed [-- --corpus DIR|FILE ... | --library DIR] [--curation DIR|none --overrides FILE --out FILE --quiet
 *                  --neo4j --reseed --cypher FILE --csv DIR]
 * Builds the graph bundle from report files (PDF or text in any layout) and the curation
 * overlay, prints progress per file and stage and a summary, and exits non-zero with the
 * problems listed when the input is bad. --library builds every report of a library folder
 * into one graph (a report that cannot be read is named and skipped). With --neo4j the reports
 * are also loaded into the Neo4j named by NEO4J_URI, each adding or replacing its own report
 * (--reseed rewrites even an unchanged graph); --cypher writes a cypher-shell script and --csv
 * neo4j-admin import files.
 */
import { parseArgs } from 'node:util';
import { writeBundle } from './io/bundle';
import { writeCsvExport, writeCypherScript } from './io/exports';
import { buildGraph } from './ingest/build';
import { formatProblem } from './model/result';
import { DEFAULT_OUT } from './paths';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string', multiple: true },
        library: { type: 'string' },
        curation: { type: 'string' },
        overrides: { type: 'string' },
        out: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        neo4j: { type: 'boolean', default: false },
        cypher: { type: 'string' },
        csv: { type: 'string' },
        reseed: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`seed: ${(e as Error).message}\nTry: npm run seed -- --help`);
    return 2;
  }
  if (args.help) {
    console.log('Usage: npm run seed -- [--corpus DIR|FILE]... | [--library DIR] [--curation DIR|none] [--overrides FILE] [--out FILE] [--quiet] [--neo4j [--reseed]] [--cypher FILE] [--csv DIR]');
    console.log('  Files: .pdf, .txt, .md (text in any layout). A library holds a folder per report (reports/NAME/ with its files and an optional curation/).');
    console.log('  Overrides (accept, reject, retype, rename, add by id) come from a curation folder\'s overrides.yaml and from --overrides FILE.');
    return 0;
  }
  const log = (s: string) => !args.quiet && console.log(s);
  const started = performance.now();
  const built = await buildGraph({ corpus: args.corpus, library: args.library, curation: args.curation, overrides: args.overrides, progress: log });
  if (!built.ok) return report(built.errors);
  for (const s of built.value.skipped) console.error(`seed: report ${s.report} was skipped:\n${s.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  const result = built;
  const out = args.out ?? DEFAULT_OUT;
  writeBundle(out, result.value.bundle);
  const b = result.value.bundle;
  const counts = new Map<string, number>();
  for (const e of b.entities) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  log(`\nGraph bundle ${b.version} written to ${out} in ${Math.round(performance.now() - started)} ms`);
  const docs = b.documents ?? [b.document];
  if (docs.length > 1) log(`  ${docs.length} reports: ${docs.map((d) => d.title).join('; ')}`);
  log(`  ${b.passages.length} passages, ${b.entities.length} entities, ${b.relations.length} relations, ${b.mentions.length} mentions, ${b.citations.length} citations, ${b.tables.length} tables, ${b.figures.length} figures, ${b.discrepancies.length} discrepancies`);
  log(`  entities by type: ${[...counts].sort((a, c) => c[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  for (const w of result.value.warnings) log(`  ${formatProblem(w)}`);
  if (args.cypher) {
    writeCypherScript(args.cypher, b);
    log(`  Cypher script for cypher-shell written to ${args.cypher}`);
  }
  if (args.csv) {
    const files = writeCsvExport(args.csv, b);
    log(`  neo4j-admin import files written to ${args.csv}: ${files.join(', ')} (the command is in schema.cypher)`);
  }
  if (args.neo4j || args.reseed) {
    // The seeding pipeline stays free of the server; the Neo4j loader is reached only on request.
    const { seedNeo4j } = await import('../../server/src/neo4j-seed');
    return seedNeo4j(b, { reseed: args.reseed, reports: result.value.reports, print: (line) => console.log(line) });
  }
  return 0;
}

function report(problems: { severity: 'error' | 'warning'; code: string; message: string }[]): number {
  console.error(`seed: the graph was not built (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
  for (const p of problems) console.error(`  ${formatProblem(p as Parameters<typeof formatProblem>[0])}`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
