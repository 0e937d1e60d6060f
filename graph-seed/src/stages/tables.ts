/**
 * Stage 3: table blocks become columns and rows. Numbers come out exactly as printed (a
 * non-breaking space inside "12 198" keeps the number whole), rows set in from the margin sit
 * under the heading above them, and prose tables (Table 1.1) are read row by row from the
 * repeated row label ("Emigration Emigration happens when...").
 */
import type { TableRow } from '../model/bundle';
import { isNumberToken, joinLines, parseNumber } from './text';

export interface TableLine {
  text: string;
  indented: boolean;
  /** A row's cells, where the reader saw the table's columns (a PDF's layout). */
  cells?: string[];
}

export interface ParsedTable {
  number: string;
  title: string;
  subtitle: string | null;
  labelHeader: string | null;
  columns: string[];
  rows: TableRow[];
  source: string | null;
  notes: string[];
}

/** A table's title line in a text layer: "Table 2.1. Title". */
export const TABLE_TITLE = /^Table\s+(\d+\.\d+)\.\s*(.*)$/;
/**
 * A caption over a table whose columns were seen (see TableLine.cells), in any of the usual
 * forms: "Table 3. Title", "Table 2.1: Title", "Table A.2 – Title", "Table 4 Title".
 */
export const TABLE_CAPTION = /^Table\s+([A-Z]?\d+(?:\.\d+)*)(?:\s*[.:–—-]\s*|\s+(?=\p{Lu}))(.*)$/u;

/** A line that opens a table's source or notes ("Source:", "Notes:"). */
export const TABLE_SOURCE = /^(?:Sources?|Notes?)\s*:/;

/** The number and title of a table's first line, in either form. */
export function tableCaption(line: string, celled: boolean): { number: string; title: string } | null {
  const m = TABLE_TITLE.exec(line) ?? (celled ? TABLE_CAPTION.exec(line) : null);
  return m ? { number: m[1]!, title: m[2]! } : null;
}
const NOTE = /^(\d{1,2})\.\s+(.*)$/;
const tokens = (s: string) => s.trim().split(/[ \t]+/).filter(Boolean);
const isValueToken = (t: string) => isNumberToken(t) || /^[–—-]$/.test(t) || /^\.\.$/.test(t);

/** Lines as `(TableLine | null)[]`, null for a blank line; the first line is the title line. */
export function parseTable(lines: (TableLine | null)[]): ParsedTable {
  const first = lines[0];
  const celled = lines.some((l) => l?.cells);
  const m = first ? tableCaption(first.text, celled) : null;
  if (!first || !m) throw new Error('a table block must start with its "Table N.N." title line');
  if (celled) return parseCelled(m, lines.slice(1).filter((l): l is TableLine => l !== null));
  let i = 1;
  const title = [m.title];
  const subtitle: string[] = [];
  for (; i < lines.length && lines[i]; i++) {
    const t = lines[i]!.text;
    if (subtitle.length === 0 && /^\p{Ll}/u.test(t)) title.push(t);
    else subtitle.push(t);
  }
  const body: (TableLine | null)[] = [];
  let source: string | null = null;
  const notes: string[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l && l.text.startsWith('Source:')) {
      const rest = lines.slice(i).filter((x): x is TableLine => x !== null).map((x) => x.text);
      source = joinLines(rest).replace(/^Source:\s*/, '');
      break;
    }
    if (l && NOTE.test(l.text) && body.some((b) => b)) {
      for (; i < lines.length; i++) {
        const n = lines[i];
        if (!n) continue;
        const nm = NOTE.exec(n.text);
        if (nm) notes.push(nm[2]!);
        else if (notes.length) notes[notes.length - 1] = joinLines([notes[notes.length - 1]!, n.text]);
      }
      break;
    }
    body.push(l ?? null);
  }
  const parsed = body.some((l) => l && trailingValues(l.text) > 0 && tokens(l.text).length > trailingValues(l.text))
    ? parseNumeric(body)
    : parseProse(body);
  return {
    number: m.number,
    title: joinLines(title),
    subtitle: subtitle.length ? joinLines(subtitle) : null,
    ...parsed,
    source,
    notes,
  };
}

/**
 * A table whose columns the reader saw: lines before the first row are the title's and the
 * subtitle's; the first row is the header when it has no label, no numbers, or years over
 * other numbers; a line without cells among the rows heads the rows below it; a sub-row (set
 * in) belongs to the row above it.
 */
function parseCelled(caption: { number: string; title: string }, lines: TableLine[]): ParsedTable {
  const firstRow = lines.findIndex((l) => l.cells);
  const title = [caption.title];
  const subtitle: string[] = [];
  for (const l of lines.slice(0, firstRow)) {
    if (subtitle.length === 0 && /^\p{Ll}/u.test(l.text)) title.push(l.text);
    else subtitle.push(l.text);
  }
  let end = lines.length;
  let source: string | null = null;
  const notes: string[] = [];
  for (let k = firstRow; k < lines.length; k++) {
    const t = lines[k]!.text;
    if (lines[k]!.cells) continue;
    const src = /^Sources?\s*:\s*(.*)$/.exec(t);
    const note = /^Notes?\s*:\s*(.*)$/.exec(t);
    if (!src && !note) continue;
    end = Math.min(end, k);
    if (src) source = src[1]!;
    else notes.push(note![1]!);
  }
  const body = lines.slice(firstRow, end);
  const rowsOnly = body.filter((l) => l.cells);
  const isNumeric = (cells: string[]) => cells.slice(1).some((c) => c !== '' && cellNumber(c) !== null);
  // A first row with no label ("", 2010, 2015), no numbers, or years over rows of other numbers
  // heads the columns.
  const years = (cells: string[]) => cells.slice(1).every((c) => c === '' || /^(?:1[89]|20|21)\d\d$/.test(c));
  const top = rowsOnly[0]!.cells!;
  const second = rowsOnly[1]?.cells;
  const headerCells = second && (top[0] === '' || !isNumeric(top) || (years(top) && !years(second))) ? top : null;
  const width = Math.max(...rowsOnly.map((l) => l.cells!.length));
  const columns = Array.from({ length: width - 1 }, (_, k) => headerCells?.[k + 1] || `Column ${k + 1}`);
  const rows: TableRow[] = [];
  let heading: string | null = null;
  let lastTop: string | null = null;
  /** Whether the rows under the current heading are set in: one that is not then ends its group ("Total"). */
  let setIn = false;
  for (const l of body) {
    if (l.cells === headerCells) continue;
    if (!l.cells) {
      heading = l.text;
      lastTop = heading;
      setIn = false;
      continue;
    }
    if (l.indented) setIn = true;
    else if (setIn) (heading = null), (setIn = false);
    const [label = '', ...rest] = l.cells;
    const values = Array.from({ length: width - 1 }, (_, k) => rest[k] ?? '');
    rows.push({ label, group: l.indented ? lastTop : heading, values, numbers: values.map(cellNumber) });
    if (!l.indented) lastTop = label;
  }
  return {
    number: caption.number,
    title: joinLines(title),
    subtitle: subtitle.length ? joinLines(subtitle) : null,
    labelHeader: headerCells?.[0] || null,
    columns,
    rows,
    source,
    notes,
  };
}

/** A cell's number: as printed in the report's tables, or with commas between thousands ("12,198"). */
function cellNumber(cell: string): number | null {
  const n = parseNumber(cell);
  if (n !== null || !/^[-–−+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*%?$/.test(cell.trim())) return n;
  return Number(cell.replace(/[,%\s]/g, '').replace(/^[–−]/, '-'));
}

function trailingValues(text: string): number {
  const t = tokens(text);
  let n = 0;
  for (let k = t.length - 1; k >= 0 && isValueToken(t[k]!); k--) n++;
  return n;
}

function splitHeader(header: string, n: number): { labelHeader: string | null; columns: string[] } {
  const groups = header.match(/[^()]*\([^)]*\)/g);
  if (groups && groups.length === n && groups.join('').length === header.replace(/\s+$/, '').length) {
    return { labelHeader: null, columns: groups.map((g) => g.trim()) };
  }
  const t = tokens(header);
  if (t.length === n) return { labelHeader: null, columns: t };
  if (t.length === n + 1) return { labelHeader: t[0]!, columns: t.slice(1) };
  return { labelHeader: null, columns: t.length ? [header] : Array.from({ length: n }, (_, k) => `Column ${k + 1}`) };
}

function parseNumeric(body: (TableLine | null)[]): Pick<ParsedTable, 'labelHeader' | 'columns' | 'rows'> {
  const lines = body.filter((l): l is TableLine => l !== null);
  const firstData = lines.findIndex((l) => {
    const n = trailingValues(l.text);
    return n > 0 && tokens(l.text).length > n;
  });
  const n = trailingValues(lines[firstData]!.text);
  const header = joinLines(lines.slice(0, firstData).map((l) => l.text));
  const { labelHeader, columns } = splitHeader(header, n);
  const rows: TableRow[] = [];
  let heading: string | null = null;
  let lastTop: string | null = null;
  for (const l of lines.slice(firstData)) {
    const t = tokens(l.text);
    const count = Math.min(n, trailingValues(l.text));
    if (count === 0 || t.length === count) {
      heading = joinLines([l.text]);
      lastTop = heading;
      continue;
    }
    const values = t.slice(t.length - count);
    while (values.length < n) values.unshift('');
    const label = t.slice(0, t.length - count).join(' ');
    rows.push({ label, group: l.indented ? lastTop : heading, values, numbers: values.map((v) => parseNumber(v)) });
    if (!l.indented) lastTop = label;
  }
  return { labelHeader, columns, rows };
}

/** Prose tables: a row opens with its label printed twice ("Remittances Remittances are..."). */
function parseProse(body: (TableLine | null)[]): Pick<ParsedTable, 'labelHeader' | 'columns' | 'rows'> {
  const ROW = /^((?:\S+\s+){1,3}?)(\1.*)$/i;
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const l of body) {
    if (!l) {
      if (current.length) paragraphs.push(current);
      current = [];
    } else current.push(l.text);
  }
  if (current.length) paragraphs.push(current);
  const headerParts = paragraphs.length && !ROW.test(paragraphs[0]![0]! + ' ') ? paragraphs.shift()! : [];
  const header = joinLines(headerParts);
  const rows: TableRow[] = [];
  let row: { label: string; cells: string[] } | null = null;
  for (const para of paragraphs) {
    const m = ROW.exec(para[0]!);
    if (m) {
      if (row) rows.push(finish(row));
      row = { label: m[1]!.trim(), cells: [joinLines([m[2]!, ...para.slice(1)])] };
    } else if (row) {
      row.cells.push(joinLines(para));
    }
  }
  if (row) rows.push(finish(row));
  // The header names the label column's heading again where the value columns start.
  const ht = tokens(header);
  const repeat = ht.findIndex((t, k) => k > 0 && t.toLowerCase() === ht[0]!.toLowerCase());
  const columns = repeat > 0 ? [ht.slice(0, repeat).join(' '), ht.slice(repeat).join(' ')] : header ? [header] : [];
  return { labelHeader: null, columns, rows };

  function finish(r: { label: string; cells: string[] }): TableRow {
    const [definition, ...rest] = r.cells;
    const values = [definition ?? '', rest.join('\n\n')];
    return { label: r.label, group: null, values, numbers: values.map(() => null) };
  }
}
