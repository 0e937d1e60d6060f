/** Study titles printed next to their citations, and ranges read as one statistic. */
import { describe, expect, it } from 'vitest';
import { findStatistics } from '../../graph-seed/src/stages/statistics';
import { reportBundle } from '../helpers/report';

describe('ranges', () => {
  it('reads "5-9%" as one statistic with both bounds, not as 9%', () => {
    const stats = findStatistics('reducing the weekly hours worked by employed adults by 5-9% and 12%.');
    expect(stats.map((s) => [s.printed, s.range ?? null])).toEqual([
      ['5-9%', [5, 9]],
      ['12%', null],
    ]);
  });

  it('keeps the range in the graph', () => {
    const s = reportBundle().entities.find((e) => e.type === 'Statistic' && e.properties.printed === '5-9%')!;
    expect(s.properties).toMatchObject({ min: 5, max: 9, unit: '%' });
    const passageId = s.evidence[0]!.passageId;
    const inPassage = reportBundle().entities.filter((e) => e.type === 'Statistic' && e.evidence.some((ev) => ev.passageId === passageId));
    expect(inPassage.map((e) => e.properties.printed)).not.toContain('9%');
  });
});

describe('study titles', () => {
  const study = (id: string) => reportBundle().entities.find((e) => e.id === id)!;

  it('takes the document named right before the citation as its title, with evidence', () => {
    expect(study('study:un-2015').properties.title).toBe('Addis Ababa Action Agenda');
    expect(study('study:un-2015').evidence.map((e) => e.quote)).toContain('Addis Ababa Action Agenda (UN, 2015)');
    expect(study('study:oecd-2017').properties.title).toBe('IPPMD comparative report');
    expect(study('study:mop-2014').properties.title).toBe('2014-2018 National Strategic Development Plan');
  });

  it('reads "(HDI, 2015)" after "the Human Development Index" as the index, not a publisher', () => {
    const b = reportBundle();
    expect(study('study:hdi-2015').properties.title).toBe('Human Development Index');
    expect(b.relations.filter((r) => r.source === 'study:hdi-2015').map((r) => r.id)).toEqual(['study:hdi-2015|USES_DATA|dataset:hdi']);
    expect(b.entities.find((e) => e.id === 'dataset:hdi')?.type).toBe('Dataset');
  });

  it('gives no title where the report prints none', () => {
    expect(study('study:tong-2012').properties.title).toBeUndefined();
  });
});
