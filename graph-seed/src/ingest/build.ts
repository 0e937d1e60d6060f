/**
 * From report files to one graph bundle: each report read (any format), run through the
 * pipeline with its own curation, then the reports combined. A report that cannot be read or
 * built is named with its problems and left out; the others are still built.
 *   - corpus mode (`--corpus PATH...`): the paths are one report; its ids are unscoped, as
 *     always (the bundled report's `p:1-001`).
 *   - library mode (`--library DIR`): every report in the folder, each with its ids scoped
 *     by its key (scope.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCuration } from '../io/curation';
import { readOverrides } from '../io/overrides';
import type { Curation } from '../model/curation';
import { EMPTY_CURATION, OVERRIDES_FILE } from '../model/curation';
import type { GraphBundle } from '../model/bundle';
import type { Problem, Result } from '../model/result';
import { fail, formatProblem, ok } from '../model/result';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../paths';
import { runPipeline } from '../pipeline';
import { emitBundle } from '../stages/emit';
import type { Override } from '../stages/override';
import type { CorpusFile } from '../stages/read';
import { combineReports } from './combine';
import { listLibrary, type ReportSource } from './library';
import { readReportFiles } from './read-files';
import { scopeReport } from './scope';

export interface BuildOptions {
  corpus?: string[];
  /** A curation folder, or 'none'. In library mode 'none' turns every report's curation off. */
  curation?: string;
  library?: string;
  /**
   * An override file (a YAML list of accept / reject / retype / rename / add entries by id) for
   * the report of --corpus. A curation folder's own `overrides.yaml` is applied too, first.
   */
  overrides?: string;
  /** One line per file and per stage. */
  progress?: (line: string) => void;
}

export interface Built {
  bundle: GraphBundle;
  /** Each report's bundle (scoped in library mode), in the order combined. */
  reports: GraphBundle[];
  warnings: Problem[];
  /** Reports left out, each with what stopped it. */
  skipped: { report: string; problems: Problem[] }[];
  /** Bytes and pages read, for benchmarks. */
  read: { bytes: number; pages: number; files: number };
}

/** Title, publisher and year from the files, where the curation does not give them. */
function withFileMetadata(bundle: GraphBundle, files: CorpusFile[], curation: Curation): GraphBundle {
  const found = Object.assign({}, ...files.map((f) => f.metadata ?? {})) as NonNullable<CorpusFile['metadata']>;
  const pages = files.reduce((s, f) => s + (f.pageCount ?? 0), 0);
  const doc = bundle.document;
  const next = {
    ...doc,
    publisher: doc.publisher ?? (curation.document ? null : found.publisher ?? null),
    year: doc.year ?? (curation.document ? null : found.year ?? null),
    sources: files.map((f) => ({ file: f.name, format: f.format ?? 'wrapped' })),
    pages: pages || null,
  };
  const { format: _f, version: _v, ...content } = bundle;
  const entities = content.entities.map((e) => (e.id === doc.id ? { ...e, properties: { ...e.properties, publisher: next.publisher, year: next.year } } : e));
  return emitBundle({ ...content, document: next, documents: [next], entities });
}

/** The curation folder's `overrides.yaml`, if it holds one, then the file given on the command line. */
function readAllOverrides(curation: string | null, file: string | undefined): Result<Override[]> {
  const files = [...(curation && existsSync(join(curation, OVERRIDES_FILE)) ? [join(curation, OVERRIDES_FILE)] : []), ...(file ? [file] : [])];
  const out: Override[] = [];
  for (const f of files) {
    const read = readOverrides(f);
    if (!read.ok) return read;
    out.push(...read.value);
  }
  return ok(out);
}

async function buildReport(source: ReportSource, scoped: boolean, progress: (line: string) => void, overridesFile?: string): Promise<Result<{ bundle: GraphBundle; files: CorpusFile[]; bytes: number }>> {
  const files = await readReportFiles(source.paths, (file, detail) => progress(`  read ${file} (${detail})`));
  if (!files.ok) return files;
  const curation = source.curation ? readCuration(source.curation) : ok(EMPTY_CURATION);
  if (!curation.ok) return curation;
  const overrides = readAllOverrides(source.curation, overridesFile);
  if (!overrides.ok) return overrides;
  const curated = curation.value.document ? curation.value : withTitle(curation.value, files.value);
  const result = runPipeline(files.value, curated, (stage, detail) => progress(`  ${stage.padEnd(14)} ${detail ?? ''}`), overrides.value);
  if (!result.ok) return result;
  let bundle = withFileMetadata(result.value.bundle, files.value, curation.value);
  if (scoped) bundle = scopeReport(bundle, source.key);
  const bytes = files.value.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  return ok({ bundle, files: files.value, bytes }, [...files.warnings, ...result.value.warnings]);
}

/** A title found in a PDF's metadata names the document when no curation does. */
function withTitle(curation: Curation, files: CorpusFile[]): Curation {
  const title = files.map((f) => f.metadata?.title).find(Boolean);
  if (!title) return curation;
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return { ...curation, document: { id: `doc:${slug}`, title, publisher: null, year: null } };
}

export async function buildGraph(opts: BuildOptions = {}): Promise<Result<Built>> {
  const progress = opts.progress ?? (() => {});
  if (opts.library && opts.corpus?.length) return fail([{ severity: 'error', code: 'OPTIONS', message: 'give either --corpus or --library, not both' }]);
  let sources: ReportSource[];
  if (opts.library) {
    try {
      sources = listLibrary(opts.library);
    } catch (e) {
      return fail([{ severity: 'error', code: 'LIBRARY_MISSING', message: (e as Error).message, file: opts.library }]);
    }
    if (opts.overrides) return fail([{ severity: 'error', code: 'OPTIONS', message: 'with --library each report takes its overrides from its own curation folder (reports/NAME/curation/overrides.yaml)' }]);
    if (opts.curation === 'none') sources = sources.map((s) => ({ ...s, curation: null }));
    else if (opts.curation) return fail([{ severity: 'error', code: 'OPTIONS', message: 'with --library each report has its own curation (reports/NAME/curation/); only --curation none applies' }]);
    if (!sources.length) return fail([{ severity: 'error', code: 'LIBRARY_EMPTY', message: 'the library holds no report (a folder per report, or .pdf, .txt, .md files)', file: opts.library }]);
  } else {
    const curation = opts.curation ?? DEFAULT_CURATION;
    sources = [{ key: 'report', paths: opts.corpus?.length ? opts.corpus : [DEFAULT_CORPUS], curation: curation === 'none' ? null : curation }];
  }

  const reports: GraphBundle[] = [];
  const warnings: Problem[] = [];
  const skipped: Built['skipped'] = [];
  const read = { bytes: 0, pages: 0, files: 0 };
  const scoped = !!opts.library;
  for (const [i, source] of sources.entries()) {
    if (scoped) progress(`report ${i + 1}/${sources.length}: ${source.key}`);
    const built = await buildReport(source, scoped, progress, opts.overrides);
    warnings.push(...built.warnings);
    if (!built.ok) {
      skipped.push({ report: source.key, problems: built.errors });
      if (scoped) progress(`  skipped ${source.key}: ${built.errors.map(formatProblem).join('; ')}`);
      continue;
    }
    reports.push(built.value.bundle);
    read.bytes += built.value.bytes;
    read.files += built.value.files.length;
    read.pages += built.value.files.reduce((s, f) => s + (f.pageCount ?? 0), 0);
  }
  if (!reports.length) return fail(skipped.flatMap((s) => s.problems), warnings);
  const combined = combineReports(reports);
  if (combined.problems.length) return fail(combined.problems, warnings);
  if (reports.length > 1) progress(`combine        ${reports.length} reports, ${combined.resolved.length} entities resolved across reports by name`);
  return ok({ bundle: combined.bundle, reports, warnings, skipped, read }, warnings);
}
