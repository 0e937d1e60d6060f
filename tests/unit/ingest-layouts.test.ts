/**
 * Text in any layout: a whole document on one line, one paragraph per line, Markdown, and the
 * PDF-wrapped lines of the bundled report, each read into readable passages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../graph-seed/src/ingest/layout';
import { readText } from '../../graph-seed/src/ingest/read-files';
import { sentenceSpans } from '../../graph-seed/src/ingest/sentences';
import { readCorpus } from '../../graph-seed/src/io/corpus';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { FIXTURES } from '../helpers/report';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'layouts', name), 'utf8');
function seed(name: string) {
  const r = runPipeline([readText(name, fixture(name))]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value.bundle;
}

describe('layouts are recognised', () => {
  it('tells each fixture and the bundled report apart', () => {
    expect(detectLayout(fixture('one-line.txt'), 'one-line.txt')).toBe('single-line');
    expect(detectLayout(fixture('paragraph-lines.txt'), 'paragraph-lines.txt')).toBe('paragraph-lines');
    expect(detectLayout(fixture('report.md'), 'report.md')).toBe('markdown');
    const corpus = readCorpus([DEFAULT_CORPUS]);
    if (!corpus.ok) throw new Error('corpus');
    for (const f of corpus.value) expect(detectLayout(f.text, f.name)).toBe('wrapped');
  });
});

describe('a whole document on one line', () => {
  const text = fixture('one-line.txt');
  const b = seed('one-line.txt');

  it('becomes many passages of one to five sentences, none over 1,500 characters', () => {
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text.length).toBeGreaterThan(90_000);
    expect(b.passages.length).toBeGreaterThan(30);
    expect(Math.max(...b.passages.map((p) => p.text.length))).toBeLessThanOrEqual(1500);
    for (const p of b.passages) expect(sentenceSpans(p.text).length).toBeLessThanOrEqual(5);
  });

  it('keeps every sentence whole, within one passage', () => {
    const source = text.replace(/\s+/g, ' ');
    const sentences = sentenceSpans(source).map((s) => source.slice(s.start, s.end));
    const passages = b.passages.map((p) => p.rawText.replace(/\s+/g, ' '));
    const whole = sentences.filter((s) => s.length <= 1500 && passages.some((p) => p.includes(s)));
    // Sentences over 1,500 characters are cut; every other one is found whole.
    expect(whole.length).toBe(sentences.filter((s) => s.length <= 1500).length);
  });

  it('finds the bodies, instruments and countries the text names', () => {
    const types = new Set(b.entities.map((e) => e.type));
    for (const t of ['Ministry', 'LegalInstrument', 'Country', 'Study']) expect(types).toContain(t);
  });
});

describe('one paragraph per line', () => {
  const b = seed('paragraph-lines.txt');
  const lines = fixture('paragraph-lines.txt').trim().split('\n');

  it('reads each line as a passage, headings and list items recognised', () => {
    expect(b.passages.length).toBe(lines.length);
    expect(b.passages.filter((p) => p.kind === 'heading').map((p) => p.text)).toContain('Migration is a growing phenomenon');
    expect(b.passages.filter((p) => p.kind === 'list-item').length).toBe(lines.filter((l) => l.startsWith('•')).length);
    expect(b.document.chapters[0]!.sections.map((s) => s.title)).toContain('Migration is a growing phenomenon');
  });
});

describe('Markdown', () => {
  const b = seed('report.md');

  it('makes its headings sections and its list items list items, inline text unwrapped', () => {
    const headings = fixture('report.md').split('\n').filter((l) => /^#{2} /.test(l)).map((l) => l.slice(3));
    expect(b.passages.filter((p) => p.kind === 'heading').map((p) => p.text)).toEqual(expect.arrayContaining(headings));
    const items = fixture('report.md').split('\n').filter((l) => l.startsWith('- '));
    expect(b.passages.filter((p) => p.kind === 'list-item')).toHaveLength(items.length);
    expect(b.passages.every((p) => !p.text.includes('\n') || p.kind === 'table')).toBe(true);
  });
});
