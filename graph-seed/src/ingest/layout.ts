/**
 * Text layouts and their conversion to the one layout the segmenter reads: wrapped lines with a
 * blank line between paragraphs (the text layer of a PDF). Paragraphs that are too long to read
 * as one unit, and documents with no paragraph breaks at all, become passages of sentences.
 */
import { TABLE_CAPTION, TABLE_SOURCE as SOURCE } from '../stages/tables';
import { markdownToBlocks, type MarkdownBlock } from './markdown';
import { DEFAULT_LIMITS, sentencePassages } from './sentences';

/**
 * Stands between the cells of a table row in converted text until the file is read
 * (cellsOfText), which keeps the cells apart and the row's text with spaces.
 */
export const CELL_SEPARATOR = '\uE000';

/** A table row as a line of converted text: its cells, each followed by CELL_SEPARATOR. */
const rowLine = (cells: string[]) => cells.map((c) => c + CELL_SEPARATOR).join('');

/** Lines holding table cells (CELL_SEPARATOR): their cells, and the text with spaces for them. */
export function cellsOfText(text: string): { text: string; cells?: Record<number, string[]> } {
  if (!text.includes(CELL_SEPARATOR)) return { text };
  const cells: Record<number, string[]> = {};
  const lines = text.split('\n').map((line, i) => {
    if (!line.includes(CELL_SEPARATOR)) return line;
    cells[i] = line.replace(new RegExp(`${CELL_SEPARATOR}$`), '').split(CELL_SEPARATOR).map((c) => c.trim());
    return cells[i]!.filter(Boolean).join(' ');
  });
  return { text: lines.join('\n'), cells };
}

/**
 * Markdown blocks as wrapped-lines blocks. A pipe table under a caption paragraph ("Table 2:
 * ...") is one block with it, a row per line, so that it reads as a table; a table without a
 * caption reads as one passage. Rows with no text are left out.
 */
function markdownUnits(blocks: MarkdownBlock[]): string[] {
  const out: string[] = [];
  const captioned = (k: number) => {
    const [b, next] = [blocks[k], blocks[k + 1]];
    return b?.kind === 'paragraph' && next?.kind === 'table' && TABLE_CAPTION.test(b.text);
  };
  blocks.forEach((b, k) => {
    if (b.kind !== 'table') {
      // A caption, and a source or note under a captioned table, go with the table.
      if (captioned(k) || (b.kind === 'paragraph' && SOURCE.test(b.text) && blocks[k - 1]?.kind === 'table' && captioned(k - 2))) return;
      out.push(...(b.kind === 'paragraph' ? paragraphUnits(b.text) : [b.text]));
      return;
    }
    const rows = b.rows.filter((r) => r.some(Boolean));
    if (!rows.length) return;
    if (!captioned(k - 1)) {
      out.push(rows.map((r) => r.filter(Boolean).join(' ')).join('\n'));
      return;
    }
    const after = blocks[k + 1];
    const source = after?.kind === 'paragraph' && SOURCE.test(after.text) ? [after.text] : [];
    out.push([(blocks[k - 1] as { text: string }).text, ...rows.map(rowLine), ...source].join('\n'));
  });
  return out;
}

export type TextLayout = 'wrapped' | 'paragraph-lines' | 'single-line' | 'markdown';

const ATX_HEADING = /^#{1,6}\s+\S/;

/** Which layout a text has: decided by its file name and the shape of its lines. */
export function detectLayout(text: string, name = ''): TextLayout {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (/\.(md|markdown)$/i.test(name) || nonBlank.filter((l) => ATX_HEADING.test(l)).length >= 2) return 'markdown';
  const total = nonBlank.reduce((s, l) => s + l.length, 0);
  if (nonBlank.length <= 3 && total > DEFAULT_LIMITS.maxChars) return 'single-line';
  const lengths = nonBlank.map((l) => l.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const long = nonBlank.filter((l) => l.length > 300).length;
  // Wrapped text has lines of a column's width (60-110 characters); a paragraph per line gives
  // many lines of several hundred.
  if (median > 160 || long >= Math.max(2, nonBlank.length * 0.25)) return 'paragraph-lines';
  return 'wrapped';
}

/** A paragraph as one line, or as several sentence passages when longer than a readable unit. */
function paragraphUnits(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  return text.length > DEFAULT_LIMITS.maxChars ? sentencePassages(text) : [text];
}

/** Blocks (one string each, without line breaks) joined with blank lines between them. */
const asWrapped = (blocks: string[]) => blocks.join('\n\n') + '\n';

/** The text in the wrapped-lines layout, ready for the segmenter. */
export function toWrappedLayout(text: string, layout: TextLayout): string {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\u00ad/g, '');
  switch (layout) {
    case 'wrapped':
      return normalised;
    case 'paragraph-lines':
    case 'single-line':
      return asWrapped(normalised.split('\n').flatMap(paragraphUnits));
    case 'markdown':
      return asWrapped(markdownUnits(markdownToBlocks(normalised)));
  }
}
