/** The text layer of the bundled report: cleaning, segmentation, outline, tables, figures. */
import { describe, expect, it } from 'vitest';
import { passageContaining, reportBundle } from '../helpers/report';

const b = reportBundle();

describe('reading and cleaning the report', () => {
  it('reads the overlapping opening of chapter 2 once', () => {
    expect(b.passages.filter((p) => p.text.startsWith('Migration has been a major agent in Cambodia’s recent demographic'))).toHaveLength(1);
    expect(b.document.chapters.map((c) => c.number)).toEqual(['1', '2', '3']);
  });

  it('drops running headers, page numbers and repeated URL lines', () => {
    for (const p of b.passages) {
      expect(p.text).not.toMatch(/INTERRELATIONS BETWEEN PUBLIC POLICIES/);
      expect(p.text).not.toMatch(/©/);
      expect(p.text).not.toMatch(/^\d+$/);
    }
    expect(b.passages.filter((p) => p.text.includes('estimates15.shtml'))).toHaveLength(1);
  });

  it('rejoins the paragraph cut by a page break and URL lines', () => {
    const p = passageContaining(b, 'fewer than 10% of Cambodians');
    expect(p.text).toContain('It is estimated that fewer than 10% of Cambodians emigrate through recognised and legal channels (Tunon and Khleang, 2013).');
    const box = passageContaining(b, 'In October 2016, the OECD Development Centre');
    expect(box.text).toContain('for development through more coherent policies. The event served as a platform');
    expect(box.label).toBe('Box 1.1');
  });

  it('repairs display text and keeps the raw text', () => {
    const p = passageContaining(b, 'licensed by the Ministry of Labour and Vocational Training (MOLVT)');
    expect(p.rawText).toContain('Ministry of labour and vocational Training (MOlvT)');
    expect(passageContaining(b, 'the inflow of remittances to Cambodia reached').text).toContain('USD 542 million');
  });

  it('keeps Box 1.1 and its "(cont.)" parts as one box', () => {
    const box = b.passages.filter((p) => p.label === 'Box 1.1');
    expect(box.filter((p) => p.kind === 'box-title')).toHaveLength(1);
    expect(box.map((p) => p.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^2\. A community survey reached/), expect.stringMatching(/^The data were analysed/)]));
    expect(b.document.exhibits.filter((e) => e.label === 'Box 1.1')).toHaveLength(1);
  });

  it('records the outline with sections in reading order', () => {
    const ch2 = b.document.chapters[1]!;
    expect(ch2.title).toBe('Cambodia’s migration landscape');
    expect(ch2.sections.map((s) => s.title)).toEqual(
      expect.arrayContaining(['What is the institutional framework governing migration?', 'There are few policies governing migration', 'Notes']),
    );
    const orders = b.passages.map((p) => p.order);
    expect(orders).toEqual([...orders].sort((x, y) => x - y));
  });

  it('gives list items their lead-in and notes their numbers', () => {
    const item = passageContaining(b, 'Children in migrant households have a 27% higher probability');
    expect(item.kind).toBe('list-item');
    expect(b.passages.find((p) => p.id === item.leadInId)!.text).toMatch(/Regression results found that:$/);
    const note6 = b.passages.find((p) => p.label === 'Note 2.6')!;
    expect(note6.text).toBe('Now the Ministry of Labour and Vocational Training (MLVT).');
    expect(passageContaining(b, 'Youth Rehabilitation the competence').noteIds).toEqual([note6.id]);
  });
});

describe('tables and figures', () => {
  it('parses Tables 1.1 and 2.1-2.4 with groups and sources, numbers as printed', () => {
    expect(b.tables.map((t) => t.number)).toEqual(['1.1', '2.1', '2.2', '2.3', '2.4']);
    const t21 = b.tables.find((t) => t.number === '2.1')!;
    expect(t21.columns).toEqual(['2000', '2015']);
    expect(t21.rows.find((r) => r.label === 'Total population (in thousands)')!.values).toEqual(['12\u00a0198', '15\u00a0578']);
    expect(t21.rows.filter((r) => r.group === 'Destination countries (%)').map((r) => r.label)).toEqual([
      'Thailand', 'USA', 'France', 'Australia', 'South Korea', 'Canada', 'Bangladesh', 'Malaysia',
    ]);
    expect(t21.source).toMatch(/^UN DESA \(2015\), Trends in International Migrant Stock/);
    const t22 = b.tables.find((t) => t.number === '2.2')!;
    expect(t22.columns).toEqual(['Thailand (2006-2015)', 'Malaysia (1998-2015)', 'South Korea (2003-2015)']);
    const t23 = b.tables.find((t) => t.number === '2.3')!;
    expect(t23.labelHeader).toBe('Industry');
    expect(t23.rows.at(-1)).toMatchObject({ label: 'Total', values: ['124\u00a0761', '100'], numbers: [124761, 100] });
    const t24 = b.tables.find((t) => t.number === '2.4')!;
    expect(t24.subtitle).toBe('Demographic characteristics of migrant workers, 2011 (%)');
    expect(t24.rows.find((r) => r.label === '18 to 24')).toMatchObject({ group: 'Age (mean)', values: ['47.8', '48.2', '47.9'] });
    expect(new Set(t24.rows.map((r) => r.group))).toEqual(new Set([null, 'Age (mean)', 'Education', 'Reasons for migration', 'Decision to migrate']));
    const t11 = b.tables.find((t) => t.number === '1.1')!;
    expect(t11.rows.map((r) => r.label)).toEqual(['Emigration', 'Remittances', 'Return migration', 'Immigration']);
    expect(t11.notes).toHaveLength(2);
  });

  it('makes figures with title, subtitle, source and their StatLink DOI', () => {
    expect(b.figures.map((f) => f.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2.1', '2.2']);
    const f = (n: string) => b.figures.find((x) => x.number === n)!;
    expect(f('2.1')).toMatchObject({ subtitle: 'Number of Cambodian workers sent abroad, by sex', source: 'MOLVT (2015), Statistics on Cambodian Workers Officially Sent to Work Abroad.', doi: '10.1787/888933470172' });
    expect(f('1.3').subtitle).toBe('Costs of remitting USD\u00a0200 (% of amount sent)');
    // DOIs printed only at the page foot go to the figure above them.
    expect(f('1.6').doi).toBe('10.1787/888933470156');
    expect(f('1.1').doi).toBeNull();
  });
});
