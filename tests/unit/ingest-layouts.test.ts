/**
 * Text in any layout: a whole document on one line, one paragraph per line, Markdown, and the
 * PDF-wrapped lines of the bundled report, each read into readable passages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../graph-seed/src/ingest/layout';
import { readReportFiles, readText, reportFilesAt } from '../../graph-seed/src/ingest/read-files';
import { sentenceSpans } from '../../graph-seed/src/ingest/sentences';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { bundledCorpus, FIXTURES } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

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
    const corpus = bundledCorpus();
    if (!corpus.ok) throw new Error('corpus');
    expect(corpus.value.map((f) => [f.name, f.format])).toEqual([
      ['000_cf4d5ed599614fc7.txt', 'wrapped'],
      ['002_3b016c6110c44ed7.txt', 'wrapped'],
    ]);
  });
});

describe('a report folder', () => {
  it('is read as npm start reads it by the tests\' synchronous reader', async () => {
    const product = await readReportFiles([DEFAULT_CORPUS]);
    if (!product.ok) throw new Error(JSON.stringify(product.errors));
    const tests = bundledCorpus();
    expect(tests.ok && tests.value).toEqual(product.value);
  });

  it('leaves out its README and hidden files, but reads a README named on the command line', async () => {
    const dir = tempDir('folder');
    writeFileSync(join(dir, 'README.md'), '# About these files\n\nThey were extracted from the printed report.\n');
    writeFileSync(join(dir, 'readme.txt'), 'Extracted by hand.\n');
    writeFileSync(join(dir, '.notes.md'), '# Mine\n\nPrivate notes.\n');
    writeFileSync(join(dir, 'report.txt'), fixture('paragraph-lines.txt'));
    expect(reportFilesAt(dir).map((p) => basename(p))).toEqual(['report.txt']);
    const named = await readReportFiles([join(dir, 'README.md')]);
    expect(named.ok && named.value.map((f) => f.name)).toEqual(['README.md']);
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

describe('chapters', () => {
  it('open at "Chapter N" alone or followed by a short title on its line, and not at a sentence that starts with it', () => {
    const text = [
      'Water and Work',
      '',
      'Chapter 1: Why water matters',
      '',
      'Rivers feed the farms of the plain, and the farms feed the towns along the coast.',
      '',
      'Chapter 2 \u2013 Moving for work',
      '',
      'Chapter 3. This chapter shows that workers move when the rains fail.',
      '',
      'Most of them return within the year, as the survey of the district found.',
      '',
    ].join('\n');
    const r = runPipeline([readText('chapters.txt', text)]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const b = r.value.bundle;
    // The title before the first chapter is chapter "0", untitled.
    expect(b.document.chapters.map((c) => [c.number, c.title])).toEqual([['0', ''], ['1', 'Why water matters'], ['2', 'Moving for work']]);
    expect(b.passages.find((p) => p.text.startsWith('Chapter 3. This chapter'))?.chapter).toBe('2');
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

  it('reads a pipe table under a caption as a table, and one without a caption as one passage', () => {
    const text = [
      '# Placements',
      '',
      'The register counts the workers placed abroad.',
      '',
      'Table 2: Workers placed, by destination',
      '',
      '| Destination | 2010 | 2015 |',
      '|:------------|-----:|-----:|',
      '| Thailand | 12 198 | 15 578 |',
      '| Malaysia | 1 024 | 2 310 |',
      '| Pipe \\| test | – | 7 |',
      '',
      'Source: Annual register (2016).',
      '',
      'Placements rose after 2010, as Table 2 shows.',
      '',
      '| Body | Role |',
      '| --- | --- |',
      '| Labour Inspection Office | Inspects workplaces |',
      '',
    ].join('\n');
    const r = runPipeline([readText('tables.md', text)]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const bundle = r.value.bundle;
    expect(bundle.tables).toHaveLength(1);
    const t = bundle.tables[0]!;
    expect(t).toMatchObject({ number: '2', title: 'Workers placed, by destination', labelHeader: 'Destination', columns: ['2010', '2015'], source: 'Annual register (2016).' });
    expect(t.rows).toEqual([
      { label: 'Thailand', group: null, values: ['12 198', '15 578'], numbers: [12198, 15578] },
      { label: 'Malaysia', group: null, values: ['1 024', '2 310'], numbers: [1024, 2310] },
      { label: 'Pipe | test', group: null, values: ['–', '7'], numbers: [null, 7] },
    ]);
    const texts = bundle.passages.filter((p) => p.kind !== 'table').map((p) => p.text);
    expect(texts).toContain('Placements rose after 2010, as Table 2 shows.');
    expect(texts).toContain('Body Role Labour Inspection Office Inspects workplaces');
    expect(texts.some((x) => x.includes('|') && !x.includes('Pipe'))).toBe(false);
    expect(bundle.mentions.some((m) => m.entityId === 'table:2' && m.text === 'Table 2')).toBe(true);
  });

  it('keeps an empty row, a row of one cell and commas from breaking a pipe table, and reads an uncaptioned one as one passage', () => {
    const text = [
      '# Placements',
      '',
      'Table 3: Placements by destination',
      '',
      '| Country | 2010 | 2015 |',
      '|---|---|---|',
      '| Thailand | 12,198 | 15,578 |',
      '| | | |',
      '| Laos |',
      '| Malaysia | 1,024 | 2,310 |',
      '',
      'The register names the agencies.',
      '',
      '| Agency | Province |',
      '|---|---|',
      '| North Office | Kampot |',
      '| South Office | Takeo |',
      '| Central Office | Kandal |',
      '',
      'Placements rose after 2010.',
      '',
    ].join('\n');
    const r = runPipeline([readText('rows.md', text)]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const bundle = r.value.bundle;
    expect(bundle.tables[0]!.rows.map((x) => [x.label, x.numbers])).toEqual([
      ['Thailand', [12198, 15578]],
      ['Laos', [null, null]],
      ['Malaysia', [1024, 2310]],
    ]);
    const after = bundle.passages.find((p) => p.text === 'Agency Province North Office Kampot South Office Takeo Central Office Kandal');
    expect(after?.kind).toBe('paragraph');
    // The prose after it stays in the section it was in.
    expect(bundle.passages.find((p) => p.text === 'Placements rose after 2010.')?.section).toBe(after?.section);
  });
});

describe('pages separated by form feeds', () => {
  // Text extracted page by page (pdftotext's layout): wrapped lines, a running head and a page
  // number on every page, a form feed before each new page, one paragraph cut by a page break.
  const paragraphs = fixture('paragraph-lines.txt').trim().split('\n').filter((l) => l.length > 300).slice(0, 6);
  const wrap = (p: string) => p.replace(/(.{1,78})(?:\s+|$)/g, '$1\n').trimEnd();
  const head = 'MIGRATION AND DEVELOPMENT IN CAMBODIA';
  const cut = wrap(paragraphs[2]!).split('\n');
  const half = Math.ceil(cut.length / 2);
  const pageTexts = [
    [wrap(paragraphs[0]!), wrap(paragraphs[1]!), cut.slice(0, half).join('\n')],
    [cut.slice(half).join('\n'), wrap(paragraphs[3]!)],
    [wrap(paragraphs[4]!), wrap(paragraphs[5]!)],
  ];
  const raw = pageTexts.map((blocks, i) => `${head}\n\n${blocks.join('\n\n')}\n\n${i + 1}\n`).join('\f') + '\f';
  const file = readText('paged.txt', raw);
  const r = runPipeline([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const b = r.value.bundle;
  const starting = (p: string) => b.passages.find((x) => x.text.startsWith(p.slice(0, 60)));

  it('gives every passage the page it starts on', () => {
    expect(file.format).toBe('wrapped');
    expect(file.pageCount).toBe(3);
    expect(file.pages).toHaveLength(file.text.split('\n').length);
    expect(paragraphs.map((p) => starting(p)?.page)).toEqual([1, 1, 1, 2, 3, 3]);
    expect(b.passages.every((p) => p.page !== null)).toBe(true);
  });

  it('rejoins the paragraph the page break cut, and leaves the running head and page numbers out', () => {
    expect(starting(paragraphs[2]!)!.text).toBe(paragraphs[2]);
    expect(b.passages.filter((p) => p.text.includes(head) || /^\d+$/.test(p.text))).toEqual([]);
    expect(b.passages.filter((p) => p.kind === 'paragraph')).toHaveLength(6);
  });
});

describe('pages separated by form feeds, with running heads and feet in ordinary case', () => {
  // Heads and feet set in ordinary case are not found by their capitals: they are found by where
  // they stand (first or last lines of a page) and by recurring there, their numbers set aside.
  const paragraphs = fixture('paragraph-lines.txt').trim().split('\n').filter((l) => l.length > 300).slice(0, 8);
  const wrap = (p: string) => p.replace(/(.{1,78})(?:\s+|$)/g, '$1\n').trimEnd();
  const head = (page: number) => (page % 2 ? 'Chapter 2. Migration and development in Cambodia' : 'Interrelations between public policies, migration and development');
  const foot = (page: number) => `Policy review, page ${page} of 4`;
  const raw = [0, 2, 4, 6].map((k, i) => `${head(i + 1)}\n\n${wrap(paragraphs[k]!)}\n\n${wrap(paragraphs[k + 1]!)}\n\n${foot(i + 1)}\n`).join('\f');
  const r = runPipeline([readText('heads.txt', raw)]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const texts = r.value.bundle.passages.map((p) => p.text);

  it('leaves the heads and feet out, and every paragraph in, whole', () => {
    expect(texts.filter((t) => /Interrelations between public policies|Migration and development in Cambodia|Policy review, page/.test(t))).toEqual([]);
    for (const p of paragraphs) expect(texts).toContain(p);
  });

  it('keeps heads and feet that sit right against the text out of the paragraphs they touch', () => {
    const tight = [0, 2, 4, 6].map((k, i) => `${head(i + 1)}\n${wrap(paragraphs[k]!)}\n\n${wrap(paragraphs[k + 1]!)}\n${foot(i + 1)}\n`).join('\f');
    const read = runPipeline([readText('tight.txt', tight)]);
    if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
    const got = read.value.bundle.passages.map((p) => p.text);
    expect(got.filter((t) => /Policy review, page|Interrelations between public policies|Migration and development in Cambodia/.test(t))).toEqual([]);
    for (const p of paragraphs) expect(got).toContain(p);
  });

  it('joins a paragraph that a page break cut, heads and feet tight against it, where the next page goes on with a capital', () => {
    // A paragraph with a wrapped line that starts with a capital, cut just before that line.
    const cutOne = paragraphs.find((q) => wrap(q).split('\n').some((l, i) => i > 1 && /^\p{Lu}/u.test(l)))!;
    const lines = wrap(cutOne).split('\n');
    const at = lines.findIndex((l, i) => i > 1 && /^\p{Lu}/u.test(l));
    const others = paragraphs.filter((q) => q !== cutOne);
    const pages = [
      `${head(1)}\n${wrap(others[0]!)}\n\n${lines.slice(0, at).join('\n')}\n${foot(1)}\n`,
      `${head(2)}\n${lines.slice(at).join('\n')}\n\n${wrap(others[1]!)}\n${foot(2)}\n`,
      `${head(3)}\n${wrap(others[2]!)}\n\n${wrap(others[3]!)}\n${foot(3)}\n`,
      `${head(4)}\n${wrap(others[4]!)}\n\n${wrap(others[5]!)}\n${foot(4)}\n`,
    ];
    const file = readText('cut.txt', pages.join('\f'));
    const read = runPipeline([file]);
    if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
    const got = read.value.bundle.passages;
    expect(got.find((p) => p.text === cutOne)?.page).toBe(1);
    for (const p of others.slice(0, 6)) expect(got.map((g) => g.text)).toContain(p);
    // The lines taken out are blank in the text read, and listed.
    expect(file.furniture).toHaveLength(8);
    expect(file.furniture!.every((i) => file.text.split('\n')[i] === '')).toBe(true);
  });

  it('keeps a line that opens one page only, however it is set', () => {
    const once = raw.replace('Chapter 2. Migration and development in Cambodia\n\n' + wrap(paragraphs[0]!), 'A line that opens the first page alone\n\n' + wrap(paragraphs[0]!));
    const again = runPipeline([readText('heads.txt', once)]);
    if (!again.ok) throw new Error(again.errors.map((e) => e.message).join('\n'));
    expect(again.value.bundle.passages.some((p) => p.text.includes('A line that opens the first page alone'))).toBe(true);
  });
});

describe('a table of contents in a text', () => {
  it('is left out of the passages: its entries are titles run out to page numbers', () => {
    const paragraphs = fixture('paragraph-lines.txt').trim().split('\n').filter((l) => l.length > 300).slice(0, 2);
    const wrap = (p: string) => p.replace(/(.{1,78})(?:\s+|$)/g, '$1\n').trimEnd();
    const raw = ['Contents', '', '1. Introduction ........................................ 1', '1.1. Purpose ............................................ 1', '2. Migration in Cambodia . . . . . . . . . . . . . . . . . 7', '', wrap(paragraphs[0]!), '', wrap(paragraphs[1]!), ''].join('\n');
    const r = runPipeline([readText('contents.txt', raw)]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const texts = r.value.bundle.passages.map((p) => p.text);
    expect(texts.filter((t) => /\.\s?\.\s?\.\s?\./.test(t))).toEqual([]);
    expect(texts).toContain(paragraphs[0]);
    expect(texts).toContain(paragraphs[1]);
  });
});
