import type { ChartGroup, PrintedTable, ReadValue } from './types';

/** A printed number (spaces, non-breaking and thin spaces as thousands separators, a trailing %). */
export function readValue(printed: string): ReadValue | null {
  const t = printed.replace(/[\s\u00a0\u2009\u202f]/g, '');
  const m = /^(-?\d+(?:[.,]\d+)?)(%?)$/.exec(t);
  if (!m) return null;
  return { value: Number(m[1]!.replace(',', '.')), percent: m[2] === '%' };
}

/**
 * Rows as they should be shown: a group named exactly like a row above it that carries values of
 * its own (a summary line such as a mean, read as a heading by mistake) is not a heading, so its
 * rows stand alone rather than under a label that means something else.
 */
export function displayRows(t: PrintedTable): PrintedTable['rows'] {
  const valued = new Set(t.rows.filter((r) => r.values.some((v) => v.trim())).map((r) => r.label));
  return t.rows.map((r) => (r.group && valued.has(r.group) ? { ...r, group: null } : r));
}

/** Summary rows that are not shares of a whole: means, medians, totals, counts. */
const SUMMARY = /\b(mean|average|median|total|stock|population|number|thousands)\b/i;

/**
 * What one chart may show: rows whose every value is a share (a percentage, or a number between 0
 * and 100 in a table of shares), never means or totals beside them; a column of totals (all 100)
 * is left out. Grouped rows chart by group. Null when nothing is a share.
 */
export function chartGroups(t: PrintedTable): { columns: number[]; groups: ChartGroup[] } | null {
  // A summary label (a mean, a total) disqualifies a row unless its values are printed as percentages.
  const rows = displayRows(t).filter((r) => !SUMMARY.test(r.label) || r.values.some((v) => readValue(v)?.percent));
  const read = rows.map((r) => r.values.map(readValue));
  const shares = rows
    .map((r, i) => ({ r, v: read[i]! }))
    .filter(({ v }) => v.length && v.every((x) => x && x.value >= 0 && x.value <= 100) && (v.some((x) => x!.percent) || rows.length > 1));
  if (!shares.length) return null;
  // A column that reads 100 on every row is a total, not a share.
  const columns = t.columns.map((_, j) => j).filter((j) => !shares.every(({ v }) => v[j]?.value === 100));
  if (!columns.length) return null;
  const groups = new Map<string | null, ChartGroup>();
  for (const { r, v } of shares) {
    const g = groups.get(r.group) ?? { title: r.group, rows: [], max: 0 };
    const values = columns.map((j) => v[j]?.value ?? null);
    g.rows.push({ label: r.label, values });
    g.max = Math.max(g.max, ...values.map((x) => x ?? 0));
    groups.set(r.group, g);
  }
  return { columns, groups: [...groups.values()] };
}

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A table as CSV (RFC 4180): group, label, then one column per printed column, with numbers as
 * numbers ("12 198" is 12198) and a column whose values are percentages named with "(%)".
 */
export function tableCsv(t: PrintedTable): string {
  const rows = displayRows(t);
  const percentColumn = t.columns.map((_, j) => rows.some((r) => readValue(r.values[j] ?? '')?.percent) && rows.every((r) => !r.values[j]?.trim() || readValue(r.values[j]!)?.percent));
  const header = ['group', 'label', ...t.columns.map((c, j) => (percentColumn[j] ? `${c} (%)` : c))];
  const body = rows.map((r) => [r.group ?? '', r.label, ...r.values.map((v) => { const n = readValue(v); return n ? String(n.value) : v; })]);
  return [header, ...body].map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
