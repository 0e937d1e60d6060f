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
import { copyrightOf, removeFurniture } from './pdf/furniture';
import { readPdf } from './pdf/index';
import { cellsOfText, detectLayout, toWrappedLayout, type TextLayout } from './layout';
import { plainInline } from './markdown';

export const REPORT_EXTENSIONS = ['.pdf', '.txt', '.md', '.markdown'];

/**
 * Whether a file in a folder is report text: one of the report formats, and neither hidden nor a
 * README, which describes the folder (where its files came from, their artefacts) rather than
 * being part of the report. A file named on the command line is always read.
 */
export const isReportFile = (name: string) => REPORT_EXTENSIONS.includes(extname(name).toLowerCase()) && !name.startsWith('.') && !/^readme(\.|$)/i.test(name);

/**
 * A text's pages, where form feeds separate them (as text extracted page by page from a PDF
 * arrives, pdftotext's for one): the text in the segmenter's layout and the page of each of its
 * lines. Wrapped lines keep their line breaks, so a paragraph cut by a page break is rejoined as
 * in a PDF; other layouts are converted page by page.
 */
function pagedText(raw: string, layout: TextLayout): Pick<CorpusFile, 'text' | 'pages' | 'pageCount' | 'furniture'> {
  const split = raw.replace(/\r\n?/g, '\n').split('\f');
  // Text after the last form feed, if any, is a page; a form feed that ends the file opens none.
  if (split.length > 1 && split.at(-1)!.trim() === '') split.pop();
  // Wrapped lines mark where a line was dropped; other layouts take a blank line for a break.
  const chunks = withoutRunningLines(split, layout === 'wrapped' ? DROPPED : '');
  let text = '';
  const pages: number[] = [];
  for (const [i, chunk] of chunks.entries()) {
    let part = layout === 'wrapped' ? chunk : toWrappedLayout(chunk, layout);
    // A form feed inside a line ends it there; that line began on the page before.
    const cut = text !== '' && !text.endsWith('\n');
    if (cut) part = `\n${part}`;
    const lines = part.split('\n');
    // The line a chunk ends in continues into the next chunk, or ends the text.
    for (let l = 0; l < lines.length - 1; l++) pages.push(cut && l === 0 ? i : i + 1);
    text += part;
  }
  pages.push(chunks.length);
  if (layout !== 'wrapped') return { text, pages, pageCount: chunks.length };
  const wrapped = toWrappedLayout(text, layout);
  if (!wrapped.includes(DROPPED)) return { text: wrapped, pages, pageCount: chunks.length };
  const lines = wrapped.split('\n');
  const furniture = lines.flatMap((l, i) => (l === DROPPED ? [i] : []));
  return { text: lines.map((l) => (l === DROPPED ? '' : l)).join('\n'), pages, pageCount: chunks.length, furniture };
}

/** Stands for a dropped line until the pages are joined (no page holds a form feed). */
const DROPPED = '\f';

/**
 * Pages without their running heads and feet, found as in a PDF (ingest/pdf/furniture.ts): lines
 * at the top or bottom of their page whose text, numbers set aside, recurs there on other pages,
 * and lone page numbers there. A line's height on its page is its place among the page's
 * non-blank lines, so blank lines around a head do not move it out of the margin.
 */
function withoutRunningLines(pages: string[], mark: string): string[] {
  const lines = pages.map((page) => {
    const all = page.split('\n');
    const placed = all.flatMap((text, index) => (text.trim() ? [{ text: text.trim(), index }] : []));
    return { all, height: placed.length, lines: placed.map((l, k) => ({ ...l, y: placed.length - k - 0.5 })) };
  });
  const kept = removeFurniture(lines).pages;
  return lines.map((page, p) => {
    const keep = new Set(kept[p]!.map((l) => l.index));
    const dropped = new Set(page.lines.filter((l) => !keep.has(l.index)).map((l) => l.index));
    // A dropped line leaves a line that marks it: what stood either side of it stays apart, and
    // in wrapped lines (where it is listed as furniture) a paragraph the page break cut is joined
    // again, as across furniture left in the text (stages/segment.ts).
    return page.all.map((text, i) => (dropped.has(i) ? mark : text)).join('\n');
  });
}

/** A text file in any layout, as the segmenter reads it. */
export function readText(name: string, raw: string): CorpusFile {
  const layout = detectLayout(raw.replace(/\f/g, '\n'), name);
  const copyright = copyrightOf(raw.split('\n', 2000).filter((l) => l.includes('©')));
  // A Markdown document's first top-level heading is its title.
  const title = layout === 'markdown' ? /^#\s+(.+?)\s*#*\s*$/m.exec(raw)?.[1] : undefined;
  const paged = raw.includes('\f') ? pagedText(raw, layout) : { text: toWrappedLayout(raw, layout) };
  const body = { ...paged, ...cellsOfText(paged.text) };
  return { name, ...body, format: layout, metadata: { ...copyright, ...(title ? { title: plainInline(title) } : {}) } };
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
