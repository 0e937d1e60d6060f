/**
 * A library folder: `reports/NAME/` holds a report's PDF or text files and, optionally, its
 * curation overlay in `reports/NAME/curation/`. A report file placed directly in the library
 * is a report of its own, named after the file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { isReportFile } from './read-files';

export interface ReportSource {
  /** The report's key: its folder (or file) name, slugged; it scopes the report's own ids. */
  key: string;
  /** Files or folders holding the report's text. */
  paths: string[];
  /** Its curation folder, or null for none. */
  curation: string | null;
}

export const reportKey = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'report';

export function listLibrary(dir: string): ReportSource[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`the library folder does not exist: ${dir}`);
  const reports: ReportSource[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const curation = join(path, 'curation');
      reports.push({ key: reportKey(name), paths: [path], curation: existsSync(curation) && statSync(curation).isDirectory() ? curation : null });
    } else if (isReportFile(name)) {
      reports.push({ key: reportKey(basename(name, extname(name))), paths: [path], curation: null });
    }
  }
  return reports;
}
