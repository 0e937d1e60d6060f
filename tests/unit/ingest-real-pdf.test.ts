/**
 * A real PDF, typeset by other tools than ours (tests/fixtures/real-pdf/README.md): the
 * Filesystem Hierarchy Standard 3.0, 50 pages with roman-numbered front matter, a table of
 * contents, alternating running heads, lists and tables.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReportFiles } from '../../graph-seed/src/ingest/read-files';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { CorpusFile } from '../../graph-seed/src/stages/read';
import { FIXTURES } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

let file: CorpusFile;
let bundle: GraphBundle;

beforeAll(async () => {
  const path = join(tempDir('real-pdf'), 'fhs-3.0.pdf');
  writeFileSync(path, gunzipSync(readFileSync(join(FIXTURES, 'real-pdf', 'fhs-3.0.pdf.gz'))));
  const read = await readReportFiles([path]);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  file = read.value[0]!;
  const built = runPipeline(read.value);
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  bundle = built.value.bundle;
}, 120_000);

const passage = (start: string) => bundle.passages.find((p) => p.text.startsWith(start));

describe('a real PDF: the Filesystem Hierarchy Standard 3.0', () => {
  it('is read with its pages, and its title, publisher and year', () => {
    expect(file.format).toBe('pdf');
    expect(file.pageCount).toBe(50);
    // The file's metadata has no title: the largest type on its first page gives it.
    expect(file.metadata).toEqual({ title: 'Filesystem Hierarchy Standard', publisher: 'The Linux Foundation', year: 2015 });
    expect(bundle.passages.length).toBeGreaterThan(500);
    expect(bundle.passages.filter((p) => p.page === null)).toEqual([]);
  });

  it('gives passages the page numbers printed on them (checked by hand on a sample)', () => {
    expect(passage('The contents of the root filesystem must be adequate')?.page).toBe(3);
    expect(passage('It evades whatever discipline the system administrator')?.page).toBe(4);
    expect(passage('In early 1995, the goal of developing a more comprehensive version')?.page).toBe(42);
  });

  it('leaves out the table of contents\' entries, running heads and page numbers', () => {
    expect(bundle.passages.filter((p) => /(?:\.\s?){4,}\s*\d+/.test(p.text))).toEqual([]);
    // The standard's title heads the contents pages; each chapter's title heads its pages.
    expect(bundle.passages.filter((p) => p.text === 'Filesystem Hierarchy Standard')).toHaveLength(2);
    for (const head of ['The Root Filesystem', 'The /var Hierarchy', 'The /usr Hierarchy']) expect(bundle.passages.filter((p) => p.text === head)).toEqual([]);
    expect(bundle.passages.filter((p) => /^(?:\d{1,3}|[ivx]{1,5})$/.test(p.text))).toEqual([]);
  });

  it('opens a chapter at each chapter title, makes numbered section titles headings, and its bullets list items', () => {
    // "Chapter 3. The Root Filesystem": a chapter of the outline, numbered and titled.
    expect(bundle.document.chapters.map((c) => `${c.number}. ${c.title}`)).toEqual(['0. ', '1. Introduction', '2. The Filesystem', '3. The Root Filesystem', '4. The /usr Hierarchy', '5. The /var Hierarchy', '6. Operating System Specific', '7. Appendix']);
    expect(bundle.passages.find((p) => p.text.startsWith('1.1. Purpose'))?.chapter).toBe('1');
    const headings = bundle.passages.filter((p) => p.kind === 'heading').map((p) => p.text);
    // Numbered section titles, set in the body's size: headings by their outline numbers.
    for (const section of ['1.1. Purpose', '3.4.2. Requirements', '3.5. /boot : Static files of the boot loader']) expect(headings).toContain(section);
    expect(passage('It evades whatever discipline the system administrator')?.kind).toBe('list-item');
    expect(bundle.passages.filter((p) => p.kind === 'list-item').length).toBeGreaterThan(20);
  });

  it("cites the front matter's pages by their printed labels, and the body's by their numbers", () => {
    // Sheets 3 to 7 are labelled i to v; the body starts again at 1.
    expect(passage('This release is dedicated to the memory')).toMatchObject({ page: 3, pageLabel: 'i' });
    expect(passage('1.1. Purpose')?.pageLabel).toBeUndefined();
    expect(bundle.passages.filter((p) => p.pageLabel).map((p) => p.pageLabel)).toEqual(['i', 'i', 'ii']);
  });

  it('undoes hyphenation at line ends and keeps sentences whole across pages', () => {
    // No word is left split by a line-end hyphen: "direc- tories".
    expect(bundle.passages.filter((p) => /\p{Ll}- \p{Ll}/u.test(p.text))).toEqual([]);
    expect(passage('It evades whatever discipline')?.text).toContain('file hierarchies across mountable volumes.');
  });
});
