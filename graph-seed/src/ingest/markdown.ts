/**
 * Markdown read as a report: ATX and setext headings, bullet and numbered lists, paragraphs of
 * wrapped lines, pipe tables (GitHub's: a header row, a row of dashes, then rows). Inline markup
 * (emphasis, links, code) keeps its text only.
 */

export type MarkdownBlock = { kind: 'heading' | 'paragraph' | 'item'; text: string } | { kind: 'table'; rows: string[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,3})[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
/** The row of dashes under a pipe table's header: "|---|:--:|", "--- | ---". */
const TABLE_DELIMITER = /^\s{0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s{0,3}\|\s*:?-+:?\s*\|\s*$/;

/** A pipe table row's cells ("| a | b |" or "a | b"), "\|" standing for a pipe inside a cell. */
function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => plainInline(c.replace(/\\\|/g, '|')));
}

/** Inline markup removed: `[text](url)` keeps text, `**b**`, `_i_` and `code` keep their words. */
export function plainInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])([*_])(\S(?:.*?\S)?)\2(?=[\s).,;:!?]|$)/g, '$1$3')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function markdownToBlocks(text: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let current: { kind: 'heading' | 'paragraph' | 'item'; lines: string[] } | null = null;
  let inFence = false;
  const flush = () => {
    if (current?.lines.length) blocks.push({ kind: current.kind, text: plainInline(current.lines.join(' ')) });
    current = null;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // A pipe table: a row with pipes over a row of dashes with as many cells.
    if (!inFence && line.includes('|') && TABLE_DELIMITER.test(lines[i + 1] ?? '') && tableCells(line).length === tableCells(lines[i + 1]!).length) {
      flush();
      const rows = [tableCells(line)];
      for (i += 2; i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|'); i++) rows.push(tableCells(lines[i]!));
      i--;
      blocks.push({ kind: 'table', rows });
      continue;
    }
    if (FENCE.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      if (line.trim()) blocks.push({ kind: 'paragraph', text: line.trim() });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && current?.kind === 'paragraph' && current.lines.length === 1) {
      current.kind = 'heading';
      flush();
      continue;
    }
    if (RULE.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: plainInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    // A numbered line interrupts a paragraph only when it opens a list at 1 (CommonMark): a
    // wrapped line that happens to start with "4) " continues its paragraph.
    const inParagraph: boolean = (current as { kind: string } | null)?.kind === 'paragraph';
    const numberedMatch: RegExpExecArray | null = NUMBERED.exec(line);
    const numbered: RegExpExecArray | null = inParagraph && numberedMatch?.[1] !== '1' ? null : numberedMatch;
    if (bullet || numbered) {
      flush();
      // Bullets read as the segmenter's list items; numbers are kept as printed.
      current = { kind: 'item', lines: [bullet ? `• ${bullet[1]}` : `${numbered![1]}. ${numbered![2]}`] };
      continue;
    }
    const quote = line.replace(/^\s{0,3}>\s?/, '');
    if (current) current.lines.push(quote.trim());
    else current = { kind: 'paragraph', lines: [quote.trim()] };
  }
  flush();
  return blocks;
}
