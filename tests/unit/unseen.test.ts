import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { FIXTURES } from '../helpers/report';

/** A report the pipeline has never seen, plain text, no curation. */
const text = readFileSync(join(FIXTURES, 'unseen', 'report.txt'), 'utf8');
const result = runPipeline([{ name: 'report.txt', text }]);
if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
const b = result.value.bundle;
const entity = (id: string) => b.entities.find((e) => e.id === id);

describe('a report with no curation', () => {
  it('yields passages and an outline, without running headers or page numbers', () => {
    expect(b.document.chapters.map((c) => [c.number, c.title])).toEqual([['1', 'Water and labour mobility in Testland']]);
    expect(b.document.chapters[0]!.sections.map((s) => s.title)).toEqual(['Introduction', 'Background', 'Policy responses']);
    expect(b.passages.some((p) => /INTERRELATIONS OF WATER/.test(p.text))).toBe(false);
    expect(b.passages.some((p) => p.text.trim() === '12' || p.text.trim() === '13')).toBe(false);
  });

  it('rejoins the paragraph cut by the page break', () => {
    const p = b.passages.find((x) => x.text.includes('Around 120\u00a0000 workers left'))!;
    expect(p.text).toContain('and of these 60% went to Thailand, 30% to Viet Nam and 20% to Laos.');
  });

  it('parses the table, the figure and its DOI, the box and the list lead-in', () => {
    const t = b.tables[0]!;
    expect(t.columns).toEqual(['2018', '2019']);
    expect(t.rows.map((r) => [r.label, r.group, r.values])).toEqual([
      ['Total workers', null, ['90\u00a0000', '120\u00a0000']],
      ['Thailand', 'Destination countries (%)', ['55%', '60%']],
      ['Viet Nam', 'Destination countries (%)', ['35%', '30%']],
    ]);
    expect(t.source).toBe('Testland Bureau of Statistics (2020), Labour Force Survey, www.example.org/lfs.');
    expect(b.figures[0]).toMatchObject({ number: '1.1', title: 'Workers abroad by sex', subtitle: 'Number of workers, 2010-2019', doi: '10.1787/000000000001' });
    expect(b.passages.find((p) => p.text.startsWith('The Testland Household Survey'))!.label).toBe('Box 1.1');
    const items = b.passages.filter((p) => p.kind === 'list-item');
    expect(items.map((i) => i.text)).toEqual(['to register workers before departure', 'to cut recruitment fees']);
    expect(new Set(items.map((i) => i.leadInId))).toEqual(new Set([b.passages.find((p) => p.text === 'The following measures were proposed:')!.id]));
  });

  it('finds citations, acronyms, instruments and countries', () => {
    expect(b.entities.filter((e) => e.type === 'Study').map((e) => e.id).sort()).toEqual([
      'study:adb-2018',
      'study:dara-2020',
      'study:smith-jones-2019',
      'study:testland-bureau-of-statistics-2020',
    ]);
    expect(entity('ministry:mowram')).toMatchObject({ type: 'Ministry', name: 'Ministry of Water Resources and Meteorology', aliases: ['MOWRAM'] });
    expect(entity('dataset:ths')).toMatchObject({ type: 'Dataset', name: 'Testland Household Survey' });
    expect(entity('subdecree:42-2016')).toMatchObject({ type: 'LegalInstrument', properties: { number: '42', year: 2016, date: 'March 2016' } });
    for (const c of ['country:thailand', 'country:vietnam', 'country:laos']) expect(entity(c)?.type).toBe('Country');
    expect(b.mentions.filter((m) => m.entityId === 'country:thailand').length).toBeGreaterThanOrEqual(3);
  });

  it('flags shares of one whole that do not add up', () => {
    expect(b.discrepancies.map((d) => d.note)).toContain('The shares 60% + 30% + 20% add up to 110%, not 100%.');
  });
});
