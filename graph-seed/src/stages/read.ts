/**
 * Stage 1a: order the corpus files and merge them into one line stream, dropping the part of a
 * file that repeats the end of the previous one (the opening of chapter 2 appears in both files).
 */
import type { Problem, Result } from '../model/result';
import { fail, ok } from '../model/result';

export interface CorpusFile {
  name: string;
  /** The text in the wrapped-lines layout (ingest/ converts other layouts and PDFs to it). */
  text: string;
  /** Page of each line of `text`, when the input has pages (PDF). */
  pages?: (number | null)[];
  /** The printed label of each line's page where it is not a number ("iii"). */
  pageLabels?: (string | null)[];
  /** Lines (0-based) left blank where the reader took page furniture out (running heads and feet). */
  furniture?: number[];
  /**
   * Rows of tables whose columns the reader saw (a PDF's layout): line (0-based) to its cells,
   * one per column, empty where the row has none.
   */
  cells?: Record<number, string[]>;
  /** How the file was read: pdf, wrapped, paragraph-lines, single-line, markdown. */
  format?: string;
  /** Pages in the file, when it has pages. */
  pageCount?: number;
  /** Title, publisher and year found in the file (PDF metadata or a copyright line). */
  metadata?: { title?: string; publisher?: string; year?: number };
}

export interface SourceLine {
  /** The line as extracted, without its line terminator. */
  text: string;
  file: string;
  /** 1-based line number within its file. */
  lineNo: number;
  /** Page the line was printed on, when the input has pages. */
  page?: number;
  /** The page's printed label, where it is not a number. */
  pageLabel?: string;
  /** The line stood where page furniture was taken out: it cuts blocks as furniture does. */
  furniture?: true;
  /** A table row's cells, where the reader saw the table's columns. */
  cells?: string[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The lowest chapter number a file opens (or first mentions) with; files without one sort last. */
function firstChapter(text: string): number {
  const m = /^\s*Chapter\s+(\d+)\s*$/m.exec(text);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

function toLines(file: CorpusFile): SourceLine[] {
  const furniture = new Set(file.furniture);
  return file.text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((text, i) => {
      const page = file.pages?.[i];
      const pageLabel = file.pageLabels?.[i];
      const cells = file.cells?.[i];
      return { text: text.replace(/\s+$/u, ''), file: file.name, lineNo: i + 1, ...(page ? { page } : {}), ...(pageLabel ? { pageLabel } : {}), ...(furniture.has(i) ? { furniture: true as const } : {}), ...(cells ? { cells } : {}) };
    });
}

/**
 * Length (in lines of `next`) of the longest prefix of `next` that repeats a suffix of `prev`,
 * comparing non-blank lines with whitespace normalised. Zero when they do not overlap.
 */
export function overlapLength(prev: SourceLine[], next: SourceLine[]): number {
  // Lines are normalised only where a candidate overlap needs them: a file rarely repeats the last.
  const lazyNorm = (lines: SourceLine[]) => {
    const nonBlank = lines.flatMap((l, i) => (l.text.trim() === '' ? [] : [i]));
    const cache = new Map<number, string>();
    const at = (k: number) => {
      let t = cache.get(k);
      if (t === undefined) cache.set(k, (t = norm(lines[nonBlank[k]!]!.text)));
      return t;
    };
    return { count: nonBlank.length, at, index: (k: number) => nonBlank[k]!, firstChar: (k: number) => lines[nonBlank[k]!]!.text.trimStart().charAt(0) };
  };
  const nextLines = lazyNorm(next);
  // An overlap cannot be longer than the next file, so only that much of the tail is compared.
  const prevLines = lazyNorm(prev.slice(-next.length));
  if (nextLines.count === 0) return 0;
  const first = nextLines.at(0);
  const firstChar = first.charAt(0);
  for (let start = prevLines.count - 1; start >= 0; start--) {
    if (prevLines.firstChar(start) !== firstChar || prevLines.at(start) !== first) continue;
    const k = prevLines.count - start;
    if (k > nextLines.count) continue;
    let same = true;
    for (let j = 0; j < k && same; j++) same = prevLines.at(start + j) === nextLines.at(j);
    if (same && k >= 2) return nextLines.index(k - 1) + 1;
  }
  return 0;
}

export function mergeCorpus(files: CorpusFile[]): Result<SourceLine[]> {
  const errors: Problem[] = [];
  for (const f of files) {
    if (f.text.trim() === '') errors.push({ severity: 'error', code: 'EMPTY_CORPUS_FILE', message: 'the corpus file is empty', file: f.name });
  }
  if (files.length === 0) errors.push({ severity: 'error', code: 'NO_CORPUS', message: 'no corpus file was given' });
  if (errors.length) return fail(errors);

  const ordered = [...files].sort((a, b) => firstChapter(a.text) - firstChapter(b.text) || a.name.localeCompare(b.name));
  const warnings: Problem[] = [];
  const merged: SourceLine[] = [];
  for (const file of ordered) {
    const lines = toLines(file);
    const skip = merged.length ? overlapLength(merged, lines) : 0;
    if (skip > 0) {
      warnings.push({
        severity: 'warning',
        code: 'OVERLAP_MERGED',
        message: `the first ${skip} lines repeat the end of the previous file and were read once`,
        file: file.name,
      });
    }
    for (let i = skip; i < lines.length; i++) merged.push(lines[i]!);
  }
  return ok(merged, warnings);
}
