/** The seed benchmark script runs and writes its figures (a tiny run; figures are not asserted). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../bench/synthetic';

const ROOT = join(import.meta.dirname, '..', '..');

describe('seed benchmark', () => {
  it('runs on sizes 1 and 2 and writes JSON and Markdown', () => {
    const out = tempDir('bench');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/seed.bench.ts'), '--factors', '1,2', '--runs', '1', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'seed.json'), 'utf8'));
    expect(json.rows.map((x: { factor: number }) => x.factor)).toEqual([1, 2]);
    expect(json.rows[1].passages).toBe(2 * json.rows[0].passages);
    expect(readFileSync(join(out, 'seed.md'), 'utf8')).toContain('| x2 |');
  });

  it('numbers each synthetic copy apart', () => {
    const files = syntheticCorpus([{ name: 'a.txt', text: ' Chapter 2\n\nTable 2.1. T\nFigure 2.2. F' }], 2);
    expect(files.map((f) => f.text)).toEqual([' Chapter 2\n\nTable 2.1. T\nFigure 2.2. F', ' Chapter 5\n\nTable 5.1. T\nFigure 5.2. F']);
  });
});
