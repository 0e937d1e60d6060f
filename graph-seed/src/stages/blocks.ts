/**
 * Stage 2a: group tokens into blocks. A block is a run of text lines between blank lines or
 * page furniture; a line set in from the margin outside a table opens a new page, so it starts
 * a new block that remembers the page break. Tables are cut out whole, with their blank lines
 * and indentation, because their layout carries their structure.
 */
import type { Token } from './furniture';
import type { SourceLine } from './read';
import { TABLE_CAPTION, TABLE_TITLE } from './tables';

export interface BlockLine {
  text: string;
  indented: boolean;
  src: SourceLine;
}

export type Block =
  | { kind: 'text'; lines: BlockLine[]; afterBreak: boolean }
  /** Every line of a table region, blank lines kept as null. */
  | { kind: 'table'; lines: (BlockLine | null)[] }
  | { kind: 'statlink'; doi: string }
  | { kind: 'foot-doi'; doi: string };

/** Lines between a caption and the first row of a table whose columns were seen, at most. */
const MAX_CAPTION_LINES = 4;
const EXHIBIT_START = /^(?:Chapter\s+\d+$|Table\s+\d+\.\d+\.|Figure\s+\d+\.\d+\.|Box\s+\d+\.\d+\.)/;
const NOTE_LINE = /^\d{1,2}\.\s/;
const MAX_TABLE_LINES = 400;

/** Index just past the table that starts at tokens[start]. */
function tableEnd(tokens: Token[], start: number): number {
  let seenBody = 0;
  let inNotes = false;
  for (let i = start + 1, lines = 0; i < tokens.length && lines < MAX_TABLE_LINES; i++) {
    const tok = tokens[i]!;
    if (tok.t !== 'line') {
      if (inNotes && tok.t === 'blank') return i;
      continue;
    }
    lines++;
    if (EXHIBIT_START.test(tok.text)) return i;
    if (tok.text.startsWith('Source:')) {
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.t === 'line') j++;
      return j;
    }
    if (NOTE_LINE.test(tok.text) && seenBody >= 2) inNotes = true;
    seenBody++;
  }
  return Math.min(tokens.length, start + 1);
}

/**
 * Index just past the table whose columns were seen (rows with cells) that the caption at
 * tokens[start] heads, or null when no such row follows it: the table runs to its first blank.
 */
function celledTableEnd(tokens: Token[], start: number): number | null {
  let i = start + 1;
  for (; i < tokens.length && i - start <= MAX_CAPTION_LINES; i++) {
    const tok = tokens[i]!;
    if (tok.t !== 'line') return null;
    if (tok.src.cells) break;
  }
  if (i >= tokens.length || tokens[i]!.t !== 'line' || !(tokens[i] as { src: { cells?: string[] } }).src.cells) return null;
  while (i < tokens.length && tokens[i]!.t === 'line') i++;
  return i;
}

export function toBlocks(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  let current: BlockLine[] = [];
  let pendingBreak = false;
  let currentAfterBreak = false;
  const flush = () => {
    if (current.length) blocks.push({ kind: 'text', lines: current, afterBreak: currentAfterBreak });
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    switch (tok.t) {
      case 'blank':
        flush();
        break;
      case 'break':
        flush();
        pendingBreak = true;
        break;
      case 'statlink':
        flush();
        blocks.push({ kind: 'statlink', doi: tok.doi });
        break;
      case 'foot-doi':
        flush();
        blocks.push({ kind: 'foot-doi', doi: tok.doi });
        break;
      case 'line': {
        const celledEnd = TABLE_CAPTION.test(tok.text) ? celledTableEnd(tokens, i) : null;
        if (celledEnd !== null || TABLE_TITLE.test(tok.text)) {
          flush();
          const end = celledEnd ?? tableEnd(tokens, i);
          const lines: (BlockLine | null)[] = [];
          for (let j = i; j < end; j++) {
            const t = tokens[j]!;
            if (t.t === 'line') lines.push({ text: t.text, indented: t.indented, src: t.src });
            else if (t.t === 'blank') lines.push(null);
          }
          blocks.push({ kind: 'table', lines });
          i = end - 1;
          pendingBreak = false;
          break;
        }
        if (current.length && tok.indented) {
          flush();
          pendingBreak = true;
        }
        if (!current.length) {
          currentAfterBreak = pendingBreak;
          pendingBreak = false;
        }
        current.push({ text: tok.text, indented: tok.indented, src: tok.src });
        break;
      }
    }
  }
  flush();
  return blocks;
}
