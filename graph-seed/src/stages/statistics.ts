/**
 * Statistics: figures stated in prose (shares, USD amounts, counts) and the cells of tables
 * whose rows or columns name a place. A statistic MEASURES the place, programme or dataset its
 * clause names ("55% went to Thailand", "USD 623 a year ... in South Korea").
 */
import type { Evidence, Mention, Passage, Table } from '../model/bundle';
import type { GraphDraft } from './registry';
import type { NameIndex } from './resolve';
import { parseNumber, phraseAround } from './text';

const SUBJECT_TYPES = new Set(['Country', 'Province', 'Programme', 'Dataset', 'Project', 'Policy']);
// A range ("5-9%") comes first: it is one statistic with both bounds, not its upper bound.
const STAT = /\b\d+(?:\.\d+)?[-–]\d+(?:\.\d+)?%|\bUSD\s?\d[\d\u00a0]*(?:\.\d+)?(?:\s(?:million|billion))?|\b\d+(?:\.\d+)?%|\b\d{1,3}(?:\u00a0\d{3})+\b|\b\d+(?:\.\d+)?\s(?:million|billion)\b/g;
const YEAR = /\b(?:19|20)\d\d\b/;

export interface ProseStatistic {
  printed: string;
  value: number;
  unit: '%' | 'USD' | 'count';
  /** Both bounds of a range ("5-9%"); value is then its lower bound. */
  range?: [number, number];
  start: number;
  end: number;
}

export function findStatistics(text: string): ProseStatistic[] {
  const out: ProseStatistic[] = [];
  STAT.lastIndex = 0;
  for (let m = STAT.exec(text); m; m = STAT.exec(text)) {
    const printed = m[0];
    const range = /^(\d+(?:\.\d+)?)[-–](\d+(?:\.\d+)?)%$/.exec(printed);
    if (range) {
      out.push({ printed, value: Number(range[1]), unit: '%', range: [Number(range[1]), Number(range[2])], start: m.index, end: m.index + printed.length });
      continue;
    }
    const unit = printed.startsWith('USD') ? 'USD' : printed.endsWith('%') ? '%' : 'count';
    const digits = printed.replace(/^USD\s?/, '').replace(/\s(?:million|billion)$/, '');
    let value = parseNumber(digits) ?? Number.NaN;
    if (/million$/.test(printed)) value *= 1e6;
    if (/billion$/.test(printed)) value *= 1e9;
    if (Number.isFinite(value)) out.push({ printed, value, unit, start: m.index, end: m.index + printed.length });
  }
  return out;
}

/** The clause around a span: sentence pieces split on ';' and comparisons. */
export function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
  const left = text.slice(0, start);
  const cut = Math.max(
    // After the last full stop or semicolon (a search for /[^.;]*$/ retried from every position).
    Math.max(left.lastIndexOf('.'), left.lastIndexOf(';')) + 1,
    left.lastIndexOf(' compared to ') + 1,
    left.lastIndexOf(' versus ') + 1,
  );
  const right = text.slice(end);
  const stops = [right.search(/[.;](?:\s|$)/), right.indexOf(' compared to '), right.indexOf(' versus ')].filter((i) => i >= 0);
  return { start: Math.max(0, cut), end: end + (stops.length ? Math.min(...stops) : right.length) };
}

export function addProseStatistics(graph: GraphDraft, passages: Passage[], mentionsByPassage: Map<string, Mention[]>): void {
  for (const p of passages) {
    if (p.kind === 'table' || p.kind === 'heading') continue;
    for (const s of findStatistics(p.text)) {
      const clause = clauseAround(p.text, s.start, s.end);
      const clauseText = p.text.slice(clause.start, clause.end).trim();
      const yearMatch = YEAR.exec(clauseText.replace(s.printed, ''));
      const id = `stat:${p.id.replace(/^p:/, '')}-${s.start}`;
      graph.upsertEntity({
        id,
        type: 'Statistic',
        name: statisticName(p.text.slice(clause.start, clause.end), s.start - clause.start, s.end - clause.start),
        properties: { value: s.value, unit: s.unit, printed: s.printed, ...(s.range ? { min: s.range[0], max: s.range[1] } : {}), ...(yearMatch ? { year: Number(yearMatch[0]) } : {}) },
        origin: 'extracted',
      });
      const own: Evidence = { passageId: p.id, start: s.start, end: s.end, quote: s.printed };
      graph.addEvidence(id, own);
      graph.addMention({ entityId: id, passageId: p.id, start: s.start, end: s.end, text: s.printed });
      const candidates = (mentionsByPassage.get(p.id) ?? []).filter(
        (m) => m.start >= clause.start && m.end <= clause.end && SUBJECT_TYPES.has(graph.entities.get(m.entityId)?.type ?? ''),
      );
      if (!candidates.length) continue;
      // "55% went to Thailand": a subject right after the figure wins; else the nearest one.
      const after = candidates.find((m) => m.start >= s.end && /^\s*(?:\S+\s+){0,2}(?:to|in|from)\s+(?:the\s+)?$/.test(p.text.slice(s.end, m.start)));
      const nearest = after ?? [...candidates].sort((a, b) => dist(a, s) - dist(b, s))[0]!;
      const quoteStart = Math.min(s.start, nearest.start);
      const quoteEnd = Math.max(s.end, nearest.end);
      graph.addRelation(id, 'MEASURES', nearest.entityId, [{ passageId: p.id, start: quoteStart, end: quoteEnd, quote: p.text.slice(quoteStart, quoteEnd) }], { origin: 'extracted' });
    }
  }
}

/**
 * A statistic's name: the phrase that states its figure, whole ("Equivalent to around 7.6% of
 * Cambodia's total population"). The full sentence is its evidence.
 */
export function statisticName(clause: string, start: number, end: number): string {
  const phrase = phraseAround(clause, start, end, 100).replace(/^[\s\p{P}]+|[\s,;:]+$/gu, '').replace(/\u00a0/g, ' ');
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

const dist = (m: { start: number; end: number }, s: { start: number; end: number }) => (m.start >= s.end ? m.start - s.end : s.start - m.end);

/** The line of the table's heading that prints a column's name, before the first row. */
function headingEvidence(p: Passage, name: string, before: number): Evidence | null {
  const at = p.text.indexOf(name);
  if (at < 0 || at >= before) return null;
  const start = p.text.lastIndexOf('\n', at) + 1;
  const nl = p.text.indexOf('\n', at);
  const end = nl < 0 ? p.text.length : nl;
  return { passageId: p.id, start, end, quote: p.text.slice(start, end) };
}

/** Table cells whose row label or column heading names a place become statistics of it. */
export function addTableStatistics(graph: GraphDraft, tables: Table[], passages: Map<string, Passage>, index: NameIndex): void {
  for (const t of tables) {
    const p = passages.get(t.passageId);
    if (!p) continue;
    let cursor = 0;
    for (const row of t.rows) {
      const rowStart = p.text.indexOf(row.label, cursor);
      if (rowStart < 0) continue;
      const rowEnd = p.text.indexOf('\n', rowStart) < 0 ? p.text.length : p.text.indexOf('\n', rowStart);
      cursor = rowEnd;
      const rowEvidence: Evidence = { passageId: p.id, start: rowStart, end: rowEnd, quote: p.text.slice(rowStart, rowEnd) };
      const rowPlace = placeOf(row.label);
      row.values.forEach((v, k) => {
        const column = t.columns[k] ?? `column ${k + 1}`;
        const subject = rowPlace ?? placeOf(column.replace(/\s*\(.*\)$/, ''));
        if (!subject || parseNumber(v) === null) return;
        const id = `stat:table-${t.id.replace(/^table:/, '')}-${row.label}-${column}`.toLowerCase().replace(/[^a-z0-9:.]+/g, '-').replace(/-+$/, '');
        const what = rowPlace ? `${row.group ?? t.title}, ${column}` : `${row.label}, ${column}`;
        const year = /\b(?:19|20)\d\d\b/.exec(rowPlace ? column : `${column} ${t.title}`)?.[0];
        graph.upsertEntity({
          id,
          type: 'Statistic',
          name: `${graph.entities.get(subject)!.name}: ${v.replace(/\u00a0/g, ' ')} (${what}, Table ${t.number})`,
          properties: { value: parseNumber(v), printed: v, unit: v.endsWith('%') || /%/.test(row.group ?? '') ? '%' : 'count', table: t.number, row: row.label, column, ...(year ? { year: Number(year) } : {}) },
          origin: 'extracted',
        });
        graph.addEvidence(id, rowEvidence);
        // A column's subject is named by its heading, so the heading is evidence too.
        const heading = rowPlace ? null : headingEvidence(p, column.replace(/\s*\(.*\)$/, ''), rowStart);
        graph.addRelation(id, 'MEASURES', subject, heading ? [rowEvidence, heading] : [rowEvidence], { origin: 'extracted' });
      });
    }
  }

  function placeOf(label: string): string | undefined {
    const id = index.get(label.trim());
    const type = id ? graph.entities.get(id)?.type : undefined;
    return type === 'Country' || type === 'Province' ? id : undefined;
  }
}
