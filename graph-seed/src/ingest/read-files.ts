/**
 * Reads a report's files, whatever their format: PDFs through the PDF reader, texts in any
 * layout converted to wrapped lines. A folder stands for the files in it. Each file that cannot
 * be read is named in a problem of its own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Problem, Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { CorpusFile } from '../stages/read';
import { copyrightOf } from './pdf/furniture';
import { readPdf } from './pdf/index';
import { detectLayout, toWrappedLayout } from './layout';
import { plainInline } from './markdown';

export const REPORT_EXTENSIONS = ['.pdf', '.txt', '.md', '.markdown'];

const isReportFile = (name: string) => REPORT_EXTENSIONS.includes(extname(name).toLowerCase());

/** A text file in any layout, as the segmenter reads it. */
export function readText(name: string, raw: string): CorpusFile {
  const layout = detectLayout(raw, name);
  const copyright = copyrightOf(raw.split('\n', 2000).filter((l) => l.includes('©')));
  // A Markdown document's first top-level heading is its title.
  const title = layout === 'markdown' ? /^#\s+(.+?)\s*#*\s*$/m.exec(raw)?.[1] : undefined;
  return { name, text: toWrappedLayout(raw, layout), format: layout, metadata: { ...copyright, ...(title ? { title: plainInline(title) } : {}) } };
}

export async function readReportFile(path: string): Promise<CorpusFile> {
  const data = readFileSync(path);
  const name = basename(path);
  if (extname(path).toLowerCase() === '.pdf' || data.subarray(0, 5).toString('latin1') === '%PDF-') return readPdf(name, new Uint8Array(data));
  const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  if (text.includes('\u0000')) throw new Error('a binary file, not text');
  return readText(name, text);
}

/** The files a path stands for: the path itself, or the report files in a folder, sorted. */
export function reportFilesAt(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter(isReportFile).sort().map((n) => join(path, n));
}

export async function readReportFiles(paths: string[], onFile: (file: string, detail: string) => void = () => {}): Promise<Result<CorpusFile[]>> {
  const errors: Problem[] = [];
  const files: CorpusFile[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      errors.push({ severity: 'error', code: 'CORPUS_MISSING', message: 'no such file or folder', file: path });
      continue;
    }
    const targets = reportFilesAt(path);
    if (!targets.length) errors.push({ severity: 'error', code: 'CORPUS_EMPTY', message: `the folder holds no report file (${REPORT_EXTENSIONS.join(', ')})`, file: path });
    for (const t of targets) {
      const started = performance.now();
      try {
        const file = await readReportFile(t);
        if (!file.text.trim()) {
          errors.push({ severity: 'error', code: 'EMPTY_CORPUS_FILE', message: file.format === 'pdf' ? 'the PDF has no text layer (scanned pages need OCR first)' : 'the corpus file is empty', file: t });
          continue;
        }
        files.push(file);
        onFile(t, `${file.format}${file.pageCount ? `, ${file.pageCount} pages` : ''}, ${Math.round(performance.now() - started)} ms`);
      } catch (e) {
        errors.push({ severity: 'error', code: 'CORPUS_UNREADABLE', message: `cannot read the file: ${(e as Error).message}`, file: t });
      }
    }
  }
  return errors.length ? fail(errors) : ok(files);
}
