/** The knowledge side of the bundled report: entities, citations, findings, discrepancies. */
import { describe, expect, it } from 'vitest';
import { passageContaining, reportBundle } from '../helpers/report';

const b = reportBundle();
const entity = (id: string) => b.entities.find((e) => e.id === id);
const rel = (source: string, type: string, target: string) => b.relations.find((r) => r.source === source && r.type === type && r.target === target);

describe('entities', () => {
  it('resolves every spelling to one canonical entity', () => {
    const molvt = entity('ministry:molvt')!;
    expect(molvt.aliases).toEqual(expect.arrayContaining(['MOLVT', 'MLVT']));
    expect(b.entities.filter((e) => e.type === 'Ministry' && /Labour and Vocational/.test(e.name))).toHaveLength(1);
    // Names only: resolved references ("it" for South Korea) are mentions too, but not spellings.
    const korea = b.mentions.filter((m) => m.entityId === 'country:south-korea' && !/^(?:it|its|the|this|they|their)\b/i.test(m.text)).map((m) => m.text);
    expect(new Set(korea)).toEqual(new Set(['South Korea', 'Korea', 'Republic of Korea']));
    expect(b.entities.filter((e) => e.type === 'Country' && /Korea/.test(e.name))).toHaveLength(1);
  });

  it('anchors every mention at its text', () => {
    const passages = new Map(b.passages.map((p) => [p.id, p]));
    for (const m of b.mentions) expect(passages.get(m.passageId)!.text.slice(m.start, m.end)).toBe(m.text);
    expect(b.mentions.filter((m) => m.entityId === 'ministry:molvt').length).toBeGreaterThan(10);
  });

  it('reads legal instruments with number and date', () => {
    expect(entity('subdecree:57-1995')!.properties).toMatchObject({ number: '57', year: 1995, date: '20 July 1995', title: 'Sending of Khmer Workers to Work Abroad' });
    expect(entity('prakas:012-07')!.properties).toMatchObject({ number: '012/07', year: 2007 });
  });

  it('gives every relation evidence that quotes its passage', () => {
    const passages = new Map(b.passages.map((p) => [p.id, p]));
    for (const r of b.relations) {
      expect(r.evidence.length).toBeGreaterThan(0);
      for (const ev of r.evidence) expect(passages.get(ev.passageId)!.text.slice(ev.start, ev.end)).toBe(ev.quote);
    }
  });
});

describe('citations and findings', () => {
  it('links passages to the studies they cite, with authors', () => {
    const p = passageContaining(b, 'Many rural households have made a living out of migration');
    const cited = b.citations.filter((c) => c.passageId === p.id).map((c) => c.studyId);
    expect(cited).toEqual(expect.arrayContaining(['study:cdri-2009', 'study:fitzgerald-sovannarith-2007', 'study:iom-2010', 'study:hing-sry-forthcoming', 'study:maltoni-2006', 'study:tong-2012', 'study:roth-et-al-2014']));
    expect(entity('study:roth-et-al-2014')!.properties).toMatchObject({ authors: ['Roth'], etAl: true, year: 2014 });
    expect(rel('study:fitzgerald-sovannarith-2007', 'AUTHORED_BY', 'person:sovannarith')).toBeDefined();
    expect(rel('study:cdri-2009', 'PUBLISHED_BY', 'org:cdri')).toBeDefined();
    expect(entity('study:paitoonpong-chalamwong-2012')!.properties).toMatchObject({ title: 'Managing International Labor Migration in ASEAN: A Case of Thailand', url: 'http://tdri.or.th/wp-content/uploads/2013/07/h117.pdf' });
  });

  it('lets the bullets after "Regression results found that:" inherit the citation', () => {
    const item = passageContaining(b, 'Migration has no significant impact on the vaccination of children');
    expect(b.citations.filter((c) => c.passageId === item.id)).toEqual([expect.objectContaining({ studyId: 'study:hing-lun-phann-2014', inherited: true })]);
    // A recommendation list does not inherit the citation of its lead-in paragraph.
    const rec = passageContaining(b, 'Make agricultural subsidies conditional on subsequent yields');
    expect(b.citations.filter((c) => c.passageId === rec.id)).toEqual([]);
  });

  it('traces Tong (2012) on remittances and poverty to its study and dataset', () => {
    const f = entity('finding:tong-remittances-reduce-poverty')!;
    expect(f.properties.statement).toMatch(/20% of households' total income/);
    expect(f.evidence[0]!.quote).toContain('help reduce poverty by 7.35%');
    expect(rel(f.id, 'SUPPORTED_BY', 'study:tong-2012')).toBeDefined();
    expect(rel('study:tong-2012', 'USES_DATA', 'dataset:cses-2007')).toBeDefined();
    expect(rel(f.id, 'ABOUT', 'dimension:remittances')).toBeDefined();
  });

  it('links recommendations to their sectors', () => {
    const recs = b.entities.filter((e) => e.type === 'Recommendation');
    expect(recs).toHaveLength(10);
    for (const r of recs) expect(b.relations.some((x) => x.source === r.id && x.type === 'ABOUT' && x.target.startsWith('sector:'))).toBe(true);
  });

  it('links statistics to what they measure where the sentence says so', () => {
    const measures = (stat: string) => b.relations.filter((r) => r.type === 'MEASURES' && entity(r.source)?.properties.printed === stat).map((r) => r.target);
    expect(measures('55%')).toContain('country:thailand');
    expect(measures('25%')).toContain('country:malaysia');
    expect(measures('USD 623')).toContain('country:south-korea');
    expect(measures('68%')).toContain('country:thailand');
  });
});

describe('discrepancies', () => {
  it('reads "Sub-decree 702" as Sub-decree 70 with the marker of note 2, not as a discrepancy', () => {
    const p = b.passages.find((x) => x.text.includes('created by Sub-decree 70 in 2006'))!;
    expect(p.text).not.toContain('Sub-decree 702');
    const note2 = b.passages.find((x) => x.label === 'Note 2.2')!;
    expect(p.noteIds).toContain(note2.id);
    expect(b.entities.some((e) => /702/.test(e.name) || e.aliases.some((a) => /702/.test(a)))).toBe(false);
    expect(b.discrepancies.filter((x) => x.subjectId === 'body:mtosb')).toEqual([]);
  });

  it("attaches note 2 to Sub-decree 70: the note's references and facts are its own", () => {
    const note2 = b.passages.find((x) => x.label === 'Note 2.2')!;
    const refs = b.mentions.filter((m) => m.passageId === note2.id && m.entityId === 'subdecree:70-2006').map((m) => m.text);
    expect(refs).toEqual(expect.arrayContaining(['The Sub-decree', 'It']));
    const governs = b.relations.find((r) => r.id === 'subdecree:70-2006|GOVERNS|programme:public-recruitment-system')!;
    expect(governs.evidence[0]!.passageId).toBe(note2.id);
    expect(entity('subdecree:70-2006')!.properties.purpose).toBe('regulate the sending of workers to the Republic of Korea');
  });

  it('records the state-sponsored shares that add up to 103%', () => {
    const d = b.discrepancies.find((x) => x.kind === 'shares-do-not-sum')!;
    expect(d.note).toBe('The shares 55% + 25% + 22% + 1% add up to 103%, not 100%.');
    expect(d.subjectId).toBe('programme:state-sponsored-labour-migration');
  });

  it('does not flag shares that add up within rounding', () => {
    expect(b.discrepancies.filter((x) => /Table 2\.[34]/.test(x.note))).toEqual([]);
    expect(b.discrepancies.some((x) => x.note.includes('54%'))).toBe(false);
  });
});
