/**
 * A synthetic corpus N times the size of the report: the report's text repeated with chapter,
 * table, figure and box numbers shifted so that every copy is a distinct part of one long report.
 */
import type { CorpusFile } from '../../graph-seed/src/stages/read';

export function syntheticCorpus(files: CorpusFile[], factor: number): CorpusFile[] {
  const ordered = [...files].sort((a, b) => a.name.localeCompare(b.name)).reverse();
  const out: CorpusFile[] = [];
  for (let k = 0; k < factor; k++) {
    const shift = (n: string) => String(Number(n) + k * 3);
    for (const f of ordered) {
      const text = f.text
        .replace(/^(\s*Chapter\s+)(\d+)/gm, (_m, a: string, n: string) => a + shift(n))
        .replace(/\b(Table|Figure|Box)\s+(\d+)\.(\d+)/g, (_m, w: string, n: string, m: string) => `${w} ${shift(n)}.${m}`);
      out.push({ name: `${String(k).padStart(4, '0')}-${f.name}`, text });
    }
  }
  return out;
}
