/**
 * PDFs: the bundled report typeset the way reports are printed (two columns, running heads,
 * page numbers, footnotes, hyphenated line ends) and read back: the same prose passages as its
 * text, each with the page it starts on, without page furniture, notes linked to their markers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../graph-seed/src/ingest/pdf/index';
import { readReportFiles } from '../../graph-seed/src/ingest/read-files';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { CorpusFile } from '../../graph-seed/src/stages/read';
import { typesetReport, type TypesetReport } from '../helpers/report-pdf';
import { tempDir } from '../helpers/tmp';
import { bundledCorpus } from '../helpers/report';

const TITLE = 'Interrelations between Public Policies, Migration and Development in Cambodia';
const PROSE = new Set(['paragraph', 'list-item', 'heading', 'box-title', 'note']);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

let fromText: GraphBundle;
let typeset: TypesetReport;
let file: CorpusFile;
let fromPdf: GraphBundle;

beforeAll(async () => {
  const corpus = bundledCorpus();
  if (!corpus.ok) throw new Error('corpus');
  const text = runPipeline(corpus.value);
  if (!text.ok) throw new Error('text');
  fromText = text.value.bundle;
  typeset = await typesetReport(fromText, TITLE);
  file = await readPdf('report.pdf', new Uint8Array(typeset.pdf));
  const pdf = runPipeline([file]);
  if (!pdf.ok) throw new Error(pdf.errors.map((e) => e.message).join('\n'));
  fromPdf = pdf.value.bundle;
}, 120_000);

describe('a typeset PDF of the bundled report', () => {
  it('is laid out as reports are: many pages, two columns, running heads and page numbers', () => {
    expect(typeset.pages).toBeGreaterThan(10);
    expect(file.pageCount).toBe(typeset.pages);
    expect(file.metadata).toEqual({ title: TITLE, publisher: 'TEST PUBLISHER', year: 2017 });
  });

  it('reads back to the same prose passages as its text (at most 2 in 150 cut differently)', () => {
    const wanted = fromText.passages.filter((p) => PROSE.has(p.kind));
    const got = new Set(fromPdf.passages.map((p) => norm(p.text)));
    const missing = wanted.filter((p) => !got.has(norm(p.text)));
    expect(wanted.length).toBeGreaterThan(140);
    expect(missing.length).toBeLessThanOrEqual(2);
  });

  it('gives every passage the page it starts on', () => {
    const byText = new Map(fromPdf.passages.map((p) => [norm(p.text), p]));
    let checked = 0;
    for (const p of fromText.passages) {
      const read = byText.get(norm(p.text));
      if (!read || !typeset.pageOf.has(p.id)) continue;
      expect([p.id, read.page]).toEqual([p.id, typeset.pageOf.get(p.id)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(140);
    // A sample checked by hand: chapter 2 opens on page 7, its notes sit at the feet of pages 7-11.
    const opening = fromPdf.passages.find((p) => p.text.startsWith('Migration has been a major agent'))!;
    expect(opening.page).toBe(typeset.pageOf.get(fromText.passages.find((p) => p.text.startsWith('Migration has been a major agent'))!.id));
  });

  it('leaves running heads, page numbers and copyright lines out', () => {
    for (const p of fromPdf.passages) {
      expect(p.text).not.toMatch(/^\d{1,3}$/);
      expect(p.text.toUpperCase()).not.toContain(TITLE.toUpperCase());
      expect(p.text).not.toContain('©');
    }
  });

  it('undoes the hyphenation at line ends', () => {
    const words = new Set(fromText.passages.flatMap((p) => p.text.split(/\s+/)));
    const broken = fromPdf.passages.flatMap((p) => p.text.split(/\s+/)).filter((w) => /\p{Ll}-\p{Ll}/u.test(w) && !words.has(w));
    expect(broken).toEqual([]);
  });

  it('reads footnotes as the chapter\'s notes and links their markers', () => {
    const notes = fromPdf.passages.filter((p) => p.kind === 'note');
    expect(notes.map((n) => norm(n.text))).toEqual(fromText.passages.filter((p) => p.kind === 'note').map((n) => norm(n.text)));
    const linked = fromPdf.passages.filter((p) => p.noteIds.length);
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const p of linked) for (const id of p.noteIds) expect(fromPdf.passages.find((n) => n.id === id)!.kind).toBe('note');
  });

  it('yields the same entities as the text', () => {
    const ids = (b: GraphBundle) => new Set(b.entities.filter((e) => !['Table', 'Figure', 'Statistic'].includes(e.type)).map((e) => e.id));
    const [t, p] = [ids(fromText), ids(fromPdf)];
    const common = [...t].filter((id) => p.has(id)).length;
    expect(common / t.size).toBeGreaterThan(0.9);
  });
});

describe('a file that is not a readable PDF', () => {
  it('is named in a clear error', async () => {
    const dir = tempDir('bad-pdf');
    const path = join(dir, 'broken.pdf');
    writeFileSync(path, '%PDF-1.7\nthis is not a PDF body\n');
    const r = await readReportFiles([path]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'CORPUS_UNREADABLE', file: path });
    expect(r.errors[0]!.message).toMatch(/PDF/);
  });
});
