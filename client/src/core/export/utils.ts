import type { CsvTable } from './types';

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A table as CSV (RFC 4180): group, label, then one column per printed column. */
export function tableCsv(t: CsvTable): string {
  const lines = [['group', 'label', ...t.columns], ...t.rows.map((r) => [r.group ?? '', r.label, ...r.values])];
  return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text or a data URL as a file through the browser. */
export function download(name: string, content: string, type: string): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}
