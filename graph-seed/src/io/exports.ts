/** Writing the Neo4j exports to disk (the only file writing the exports do). */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cypherScript } from '../export/cypher';
import { csvExport } from '../export/csv';
import type { GraphBundle } from '../model/bundle';

function writeAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function writeCypherScript(file: string, bundle: GraphBundle): void {
  writeAtomically(file, cypherScript(bundle));
}

/** Returns the names of the files written into `dir`. */
export function writeCsvExport(dir: string, bundle: GraphBundle): string[] {
  const files = csvExport(bundle);
  for (const f of files) writeAtomically(join(dir, f.name), f.content);
  return files.map((f) => f.name);
}
