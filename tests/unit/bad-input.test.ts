/** Bad input gets a clear error naming file, entry and quote, and loses nothing. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';
import { describe, expect, it } from 'vitest';
import { readCuration } from '../../graph-seed/src/io/curation';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { bundledCorpus } from '../helpers/report';

const ROOT = join(import.meta.dirname, '..', '..');
const corpus = bundledCorpus();
if (!corpus.ok) throw new Error('corpus');

function curationWith(files: Record<string, string>): string {
  const dir = tempDir('curation');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function seed(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'graph-seed/src/cli.ts'), '--quiet', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('curation files', () => {
  it('reports malformed YAML with its line', () => {
    const r = readCuration(curationWith({ 'entities.yaml': '- id: ministry:x\n  type: [unclosed\n' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'CURATION_SYNTAX', file: expect.stringContaining('entities.yaml'), entry: expect.stringMatching(/^line \d+/) });
  });

  it('reports an unknown entity type or relation type with file and entry', () => {
    const r = readCuration(curationWith({
      'entities.yaml': '- { id: "ministry:x", type: Ministery, name: X }\n',
      'relations.yaml': '- { source: "ministry:moi", type: LOVES, target: "ministry:molvt", quote: "MOI chairs this group" }\n',
    }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(2);
    expect(r.errors.find((e) => e.file!.endsWith('entities.yaml'))).toMatchObject({ entry: '#1 (ministry:x)', message: expect.stringContaining('type') });
    expect(r.errors.find((e) => e.file!.endsWith('relations.yaml'))!.message).toMatch(/type/);
  });

  it('rejects a relation without a quote and an unknown file', () => {
    const r = readCuration(curationWith({ 'relations.yaml': '- { source: "ministry:moi", type: CHAIRS, target: "ministry:molvt" }\n', 'notes.yaml': '[]' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code).sort()).toEqual(['CURATION_FILE_UNKNOWN', 'CURATION_INVALID']);
  });

  it('fails the build when a quote is not in the text, naming file, entry and quote', () => {
    const c = readCuration(curationWith({ 'relations.yaml': '- { source: "ministry:moi", type: CHAIRS, target: "ministry:moi", quote: "MOI chairs the galaxy" }\n' }));
    if (!c.ok) throw new Error('should parse');
    const r = runPipeline(corpus.value, c.value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ code: 'QUOTE_NOT_FOUND', quote: 'MOI chairs the galaxy', entry: expect.stringContaining('#1') }));
  });

  it('fails the build on an unknown entity id', () => {
    const c = readCuration(curationWith({ 'relations.yaml': '- { source: "ministry:nowhere", type: CHAIRS, target: "ministry:moi", quote: "MOI chairs this group" }\n' }));
    if (!c.ok) throw new Error('should parse');
    const r = runPipeline(corpus.value, c.value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ENTITY', message: expect.stringContaining('ministry:nowhere') }));
  });
});

describe('npm run seed', () => {
  it('writes the bundle and prints counts by type', () => {
    const out = join(tempDir('seed'), 'bundle.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'graph-seed/src/cli.ts'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/entities by type: .*Ministry \d+/);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('1.0.0');
  });

  it.each([
    ['a missing corpus file', ['--corpus', '/nonexistent/report.txt'], /CORPUS_MISSING/],
    ['an empty corpus file', ['--corpus', 'EMPTY'], /EMPTY_CORPUS_FILE/],
    ['a malformed curation file', ['--curation', 'BAD'], /CURATION_SYNTAX/],
    ['an unknown option', ['--colour', 'blue'], /Unknown option/],
  ])('exits non-zero on %s and leaves nothing at --out', (_what, args, message) => {
    const dir = tempDir('seed');
    const out = join(dir, 'bundle.json');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '  \n');
    const bad = curationWith({ 'entities.yaml': 'key: [' });
    const r = seed([...args.map((a) => (a === 'EMPTY' ? empty : a === 'BAD' ? bad : a)), '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the previous bundle when a later run fails', () => {
    const dir = tempDir('seed');
    const out = join(dir, 'bundle.json');
    expect(seed(['--out', out]).status).toBe(0);
    const before = readFileSync(out, 'utf8');
    const cur = tempDir('cur');
    cpSync(DEFAULT_CURATION, cur, { recursive: true });
    writeFileSync(join(cur, 'relations.yaml'), readFileSync(join(cur, 'relations.yaml'), 'utf8').replace('MOI chairs this group', 'MOI chairs that group'));
    const r = seed(['--curation', cur, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('QUOTE_NOT_FOUND');
    expect(r.stderr).toContain('MOI chairs that group');
    expect(readFileSync(out, 'utf8')).toBe(before);
  });
});
