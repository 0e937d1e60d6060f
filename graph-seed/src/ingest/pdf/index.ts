/**
 * A PDF read into the wrapped-lines text the segmenter takes, one paragraph per line with a
 * blank line between, each line knowing its page. Running heads and feet are left out;
 * footnotes are gathered into a "Notes" section at the end of their chapter (as reports print
 * end notes), their markers staying glued to the words they annotate so that they link.
 */
import type { CorpusFile } from '../../stages/read';
import { CONTENTS_ENTRY } from '../../stages/furniture';
import { copyrightOf, removeFurniture } from './furniture';
import type { PdfLine } from './lines';
import { pageLines } from './lines';
import { loadPdf } from './load';
import type { Footnote } from './notes';
import { bodySize, takeFootnotes } from './notes';
import { toParagraphs } from './paragraphs';
import { findTables, type PdfTable } from './tables';

const CHAPTER = /^Chapter\s+\d+$/;

/**
 * The title printed on the first page that has text, when the file's metadata gives none: its
 * lines set in the page's largest type, in reading order.
 */
function titlePage(pages: PdfLine[][]): string | null {
  const first = pages.find((lines) => lines.length > 0);
  if (!first) return null;
  const largest = Math.max(...first.map((l) => l.size));
  const title = first.filter((l) => l.size >= largest * 0.95).map((l) => l.text.trim()).join(' ').replace(/\s+/g, ' ').trim();
  return title.length >= 3 && title.length <= 200 ? title : null;
}

export async function readPdf(name: string, data: Uint8Array): Promise<CorpusFile> {
  const pdf = await loadPdf(data);
  const ordered = pdf.pages.map((p) => ({ height: p.height, lines: pageLines(p) }));
  const allText = ordered.flatMap((p) => p.lines.map((l) => l.text));
  const pages = removeFurniture(ordered).pages.map((lines) => lines.filter((l) => !CONTENTS_ENTRY.test(l.text)));
  const body = bodySize(pages);
  const notes: Footnote[] = [];
  const flow = pages.flatMap((lines) => {
    const taken = takeFootnotes(lines, body);
    notes.push(...taken.notes);
    return taken.lines;
  });
  // Tables are cut out of the flow; the paragraphs around them are read without them.
  const tables = findTables(flow, body);
  const prose: PdfLine[] = [];
  const breaks = new Set<number>();
  const tableAt: { table: PdfTable; before: number }[] = [];
  let next = 0;
  for (const t of tables) {
    prose.push(...flow.slice(next, t.start));
    tableAt.push({ table: t, before: prose.length });
    breaks.add(prose.length);
    next = t.end;
  }
  prose.push(...flow.slice(next));
  const paragraphs = toParagraphs(prose, body, breaks);

  const lines: string[] = [];
  const linePages: (number | null)[] = [];
  const lineLabels: (string | null)[] = [];
  // Lines carry their sheet; a passage cites the page as printed: its number, or its label
  // ("iii") where the front matter is numbered apart.
  const cells: Record<number, string[]> = {};
  const emit = (text: string, sheet: number) => emitLines([{ text }], sheet);
  /** Lines with no blank between them (a table's), then a blank line. */
  const emitLines = (texts: PdfTable['text'], sheet: number) => {
    const page = pdf.pages[sheet - 1];
    for (const t of texts) {
      if (t.cells) cells[lines.length] = t.cells;
      lines.push(t.text);
      linePages.push(page?.number ?? sheet);
      lineLabels.push(page?.label ?? null);
    }
    lines.push('');
    linePages.push(null);
    lineLabels.push(null);
  };
  let pending: Footnote[] = [];
  let noteAt = 0;
  const flushNotes = () => {
    if (!pending.length) return;
    emit('Notes', pending[0]!.page);
    // In the order of their numbers, as end notes are printed (and as markers find them).
    for (const n of [...pending].sort((a, b) => a.number - b.number)) emit(`${n.number}. ${n.text}`, n.page);
    pending = [];
  };
  let tableNext = 0;
  const flushTables = (before: number) => {
    for (; tableNext < tableAt.length && tableAt[tableNext]!.before <= before; tableNext++) emitLines(tableAt[tableNext]!.table.text, tableAt[tableNext]!.table.page);
  };
  for (const p of paragraphs) {
    flushTables(p.firstLine);
    // Notes printed on pages before this paragraph's page belong to what came before it.
    while (noteAt < notes.length && notes[noteAt]!.page < p.page) pending.push(notes[noteAt++]!);
    if (CHAPTER.test(p.text)) flushNotes();
    emit(p.text, p.page);
  }
  flushTables(Infinity);
  pending.push(...notes.slice(noteAt));
  flushNotes();

  const copyright = copyrightOf(allText);
  const title = pdf.title ?? titlePage(ordered.map((p) => p.lines));
  return {
    name,
    text: lines.join('\n'),
    pages: linePages,
    ...(Object.keys(cells).length ? { cells } : {}),
    ...(lineLabels.some(Boolean) ? { pageLabels: lineLabels } : {}),
    format: 'pdf',
    pageCount: pdf.pages.length,
    metadata: { ...(title ? { title } : {}), ...copyright },
  };
}
