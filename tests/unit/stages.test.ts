import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../graph-seed/src/stages/blocks';
import { findRunningHeaders, tokenize } from '../../graph-seed/src/stages/furniture';
import { mergeCorpus, overlapLength } from '../../graph-seed/src/stages/read';
import { segment } from '../../graph-seed/src/stages/segment';
import { parseTable } from '../../graph-seed/src/stages/tables';

const lines = (text: string, file = 'f.txt') => text.split('\n').map((t, i) => ({ text: t, file, lineNo: i + 1 }));

describe('read', () => {
  it('merges files that overlap, ordered by chapter', () => {
    const ch1 = ' Chapter 1\n\nOne\n\nText of one.\n Chapter 2\n\nTwo\n\nFirst of two.';
    const ch2 = ' Chapter 2\n\nTwo\n\nFirst of two.\n\nSecond of two.';
    const r = mergeCorpus([{ name: 'b.txt', text: ch2 }, { name: 'a.txt', text: ch1 }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((l) => l.text.trim()).filter(Boolean)).toEqual(['Chapter 1', 'One', 'Text of one.', 'Chapter 2', 'Two', 'First of two.', 'Second of two.']);
    expect(r.warnings[0]!.code).toBe('OVERLAP_MERGED');
    expect(overlapLength(lines('a\nb'), lines('c\nd'))).toBe(0);
  });

  it('refuses empty input', () => {
    const r = mergeCorpus([{ name: 'e.txt', text: ' \n' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'EMPTY_CORPUS_FILE', file: 'e.txt' });
  });
});

describe('page furniture', () => {
  it('turns headers, page numbers, URL lines and (cont.) into breaks, keeping StatLink DOIs', () => {
    const text = 'Body line\n 1. OvERvIEW AND POlICY\n25\n 1. OvERvIEW AND POlICY\n© OECD 2017\nwww.example.org/x\nBox 1.1. What? (cont.)\n 12 http://dx.doi.org/10.1787/888933470120 \nhttp://dx.doi.org/10.1787/888933470156';
    expect(findRunningHeaders(lines(text))).toEqual(new Set(['1. OVERVIEW AND POLICY']));
    expect(tokenize(lines(text)).map((t) => (t.t === 'line' ? t.text : t.t === 'statlink' || t.t === 'foot-doi' ? `${t.t}:${t.doi}` : t.t))).toEqual([
      'Body line', 'break', 'break', 'break', 'break', 'break', 'break', 'statlink:10.1787/888933470120', 'foot-doi:10.1787/888933470156', 'break',
    ]);
  });
});

describe('segment', () => {
  const run = (text: string) => segment(toBlocks(tokenize(lines(text))));

  it('splits headings, paragraphs, list items with lead-in and notes', () => {
    const s = run('Chapter 1\n\nTitle\n\nA heading\n\nA paragraph that ends here.\n\nResults found that:\n\n●● first item\n\n●● second item.\n\nNotes\n1. A note.\n2. Another note.');
    expect(s.passages.map((p) => [p.kind, p.parts[0]])).toEqual([
      ['heading', 'A heading'],
      ['paragraph', 'A paragraph that ends here.'],
      ['paragraph', 'Results found that:'],
      ['list-item', 'first item'],
      ['list-item', 'second item.'],
      ['note', 'A note.'],
      ['note', 'Another note.'],
    ]);
    expect(s.passages[3]!.leadIn).toBe(s.passages[2]);
    expect(s.passages[6]!.label).toBe('Note 1.2');
    expect(s.chapters[0]!.sections.map((x) => x.title)).toEqual(['A heading', 'Notes']);
  });

  it('rejoins a paragraph across a page break, even after a figure in between', () => {
    const s = run('Chapter 1\n\nT\n\nBox 1.1. Box title\n\nThe box paragraph runs on to\n\nNext section heading\n\nAnother paragraph.\n\nFigure 1.1. A figure\n 12 http://dx.doi.org/10.1787/1\n\nthe next page and ends.');
    const box = s.passages.find((p) => p.parts[0]!.startsWith('The box paragraph'))!;
    expect(box.parts[0]).toBe('The box paragraph runs on to the next page and ends.');
    expect(box.label).toBe('Box 1.1');
    expect(s.passages.find((p) => p.figure)!.figure!.doi).toBe('10.1787/1');
  });
});

describe('tables', () => {
  it('reads header groups in parentheses and rows with non-breaking thousands', () => {
    const t = parseTable([
      { text: 'Table 2.2. Thailand, Malaysia host most', indented: false },
      { text: 'of the workers', indented: false },
      null,
      { text: 'Thailand', indented: true },
      { text: '(2006-2015)', indented: false },
      null,
      { text: 'Malaysia', indented: false },
      { text: '(1998-2015)', indented: false },
      null,
      { text: 'Total number of migrants 115\u00a0420 52\u00a0265', indented: false },
      { text: 'Source: MOLVT (2015)', indented: false },
    ]);
    expect(t).toMatchObject({ number: '2.2', title: 'Thailand, Malaysia host most of the workers', columns: ['Thailand (2006-2015)', 'Malaysia (1998-2015)'], source: 'MOLVT (2015)' });
    expect(t.rows).toEqual([{ label: 'Total number of migrants', group: null, values: ['115\u00a0420', '52\u00a0265'], numbers: [115420, 52265] }]);
  });

  it('reads prose tables by their repeated row labels', () => {
    const t = parseTable([
      { text: 'Table 1.1. Dimensions', indented: false },
      null,
      { text: 'Dimensions Outcomes', indented: false },
      null,
      { text: 'Emigration Emigration happens when', indented: false },
      { text: 'people leave.', indented: false },
      null,
      { text: 'The decision matters.', indented: false },
      null,
      { text: 'Return migration Return migration occurs when', indented: false },
      { text: 'they return.', indented: false },
      null,
      { text: 'Return helps.', indented: false },
      { text: '1. A note.', indented: false },
    ]);
    expect(t.rows.map((r) => [r.label, ...r.values])).toEqual([
      ['Emigration', 'Emigration happens when people leave.', 'The decision matters.'],
      ['Return migration', 'Return migration occurs when they return.', 'Return helps.'],
    ]);
    expect(t.notes).toEqual(['A note.']);
  });
});
