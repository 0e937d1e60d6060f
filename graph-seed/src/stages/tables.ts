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

const TITLE = /^Table\s+(\d+\.\d+)\.\s*(.*)$/;
const NOTE = /^(\d{1,2})\.\s+(.*)$/;
const tokens = (s: string) => s.trim().split(/[ \t]+/).filter(Boolean);
const isValueToken = (t: string) => isNumberToken(t) || /^[–—-]$/.test(t) || /^\.\.$/.test(t);

/** Lines as `(TableLine | null)[]`, null for a blank line; the first line is the title line. */
export function parseTable(lines: (TableLine | null)[]): ParsedTable {
  const first = lines[0];
  const m = first ? TITLE.exec(first.text) : null;
  if (!first || !m) throw new Error('a table block must start with its "Table N.N." title line');
  let i = 1;
  const title = [m[2]!];
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
    number: m[1]!,
    title: joinLines(title),
    subtitle: subtitle.length ? joinLines(subtitle) : null,
    ...parsed,
    source,
    notes,
  };
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
