import { describe, expect, it } from 'vitest';
import { extractAcronyms, guessType } from '../../graph-seed/src/extract/acronyms';
import { extractCitations, studyId, studyName } from '../../graph-seed/src/extract/citations';
import { extractInstruments } from '../../graph-seed/src/extract/instruments';
import { AliasMatcher } from '../../graph-seed/src/extract/matcher';

const ids = (text: string) => extractCitations(text).map(studyId);

describe('citations', () => {
  it('reads parenthetical groups, single and multiple', () => {
    expect(ids('a living (CDRI, 2009; FitzGerald and Sovannarith, 2007; IOM, 2010; Hing and Sry, forthcoming).')).toEqual([
      'study:cdri-2009', 'study:fitzgerald-sovannarith-2007', 'study:iom-2010', 'study:hing-sry-forthcoming',
    ]);
    expect(ids('recruitment agencies (RGC 2013). It')).toEqual(['study:rgc-2013']);
    expect(ids('agencies (Hing and Sry forthcoming).')).toEqual(['study:hing-sry-forthcoming']);
  });

  it('reads narrative citations and et al.', () => {
    const cs = extractCitations('Only a few studies – e.g. Tong (2012), Roth et al. (2014) and Hing, Lun and Phann (2014) – analyse data.');
    expect(cs.map(studyName)).toEqual(['Tong (2012)', 'Roth et al. (2014)', 'Hing, Lun and Phann (2014)']);
    expect(cs.map((c) => c.text)).toEqual(['Tong (2012)', 'Roth et al. (2014)', 'Hing, Lun and Phann (2014)']);
  });

  it('reads source lines with initials, titles and URLs', () => {
    const [c] = extractCitations('Source: Paitoonpong, S. and Y. Chalamwong (2012), Managing International Labor Migration in ASEAN: A Case of Thailand, http://tdri.or.th/h117.pdf');
    expect(c).toMatchObject({ authors: ['Paitoonpong', 'Chalamwong'], year: '2012', title: 'Managing International Labor Migration in ASEAN: A Case of Thailand', url: 'http://tdri.or.th/h117.pdf' });
  });

  it('ignores parentheses that are not citations', () => {
    expect(ids('over the same time period (2014-15), see (Table 1.1), (Chapter 2), aged (15-64), (in thousands), (e.g. scholarships).')).toEqual([]);
  });

  it('records each author span for the author mentions', () => {
    const text = '(Tunon and Khleang, 2013)';
    const [c] = extractCitations(text);
    expect(c!.authorSpans.map((s) => text.slice(s.start, s.end))).toEqual(['Tunon', 'Khleang']);
  });
});

describe('acronym definitions', () => {
  it('finds long forms whose initials spell the short form', () => {
    const text = 'licensed by the Ministry of Labour and Vocational Training (MOLVT). Public employment programmes (PEPs) and the Association of Southeast Asian Nations (ASEAN) and the Cambodian Socio-Economic Survey (CSES).';
    expect(extractAcronyms(text).map((a) => [a.short, a.long])).toEqual([
      ['MOLVT', 'Ministry of Labour and Vocational Training'],
      ['PEPs', 'Public employment programmes'],
      ['ASEAN', 'Association of Southeast Asian Nations'],
      ['CSES', 'Cambodian Socio-Economic Survey'],
    ]);
    const [d] = extractAcronyms(text);
    expect(text.slice(d!.longStart, d!.longStart + d!.long.length)).toBe(d!.long);
  });

  it('refuses a parenthesis whose letters the preceding words do not spell', () => {
    expect(extractAcronyms('case studies and policy recommendations (IPPMD). This')).toEqual([]);
  });

  it('guesses a type from the long form', () => {
    expect(guessType('Ministry of Interior')).toBe('Ministry');
    expect(guessType('National Committee for Counter Trafficking')).toBe('Committee');
    expect(guessType('Cambodian Socio-Economic Survey')).toBe('Dataset');
    expect(guessType('memorandum of understanding')).toBeNull();
  });
});

describe('instruments', () => {
  it('reads sub-decrees, prakas and acts with their dates', () => {
    const text = 'Sub-decree 57 on the Sending of Khmer Workers to Work Abroad, dated 20 July 1995, is the only law. The Taskforce was created by Prakas 012/07 in January 2007 under the Act on Foreign Worker Employment.';
    const found = extractInstruments(text);
    expect(found.map((f) => f.id)).toEqual(['subdecree:57-1995', 'prakas:012-07', 'act:foreign-worker-employment']);
    expect(found[0]!.properties).toEqual({ kind: 'Sub-decree', number: '57', year: 1995, date: '20 July 1995', title: 'Sending of Khmer Workers to Work Abroad' });
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('Sub-decree 57');
    expect(found[1]!.properties).toMatchObject({ date: 'January 2007', year: 2007 });
  });
});

describe('plans with their periods', () => {
  const read = (text: string) => extractInstruments(text).map((f) => `${f.id} | ${f.name} | ${text.slice(f.start, f.end)}`);
  it('reads a plan, policy or strategy named with its period, before or after', () => {
    expect(read('In its 2016-2020 Water Sector Plan the ministry set targets.')).toEqual(['policy:water-sector-plan-2016-2020 | Water Sector Plan 2016-2020 | Water Sector Plan']);
    expect(read('The Green Growth Strategy 2019-2030 replaced it.')).toEqual(['policy:green-growth-strategy-2019-2030 | Green Growth Strategy 2019-2030 | Green Growth Strategy 2019-2030']);
  });
  it('reads one plan per period after a plural head', () => {
    expect(read('The Bank’s Country Strategies 2011-2015, 2016-2020 and 2021-2025 differ.')).toEqual([
      'policy:country-strategy-2011-2015 | Country Strategy 2011-2015 | Country Strategies 2011-2015',
      'policy:country-strategy-2016-2020 | Country Strategy 2016-2020 | 2016-2020',
      'policy:country-strategy-2021-2025 | Country Strategy 2021-2025 | 2021-2025',
    ]);
  });
  it('reads a national plan without a period, but no other, and no plural kind', () => {
    expect(read('The National Water Policy was late; the Development Plan was too, and Social Policies matter.')).toEqual(['policy:national-water-policy | National Water Policy | National Water Policy']);
  });
  it('names an MoU between two parties after the second, with no party given in advance', () => {
    expect(extractInstruments('The MoU between Chile and Peru took effect.').map((f) => f.id)).toEqual(['mou:peru']);
  });
});

describe('alias matcher', () => {
  const m = new AliasMatcher([
    { entityId: 'country:south-korea', alias: 'South Korea', priority: 0 },
    { entityId: 'country:south-korea', alias: 'Korea', priority: 0 },
    { entityId: 'ministry:moi', alias: 'MOI', priority: 0 },
    { entityId: 'country:us', alias: 'US', priority: 0 },
    { entityId: 'country:ivory-coast', alias: 'Côte d’Ivoire', priority: 0 },
  ]);

  it('takes the longest match and keeps offsets', () => {
    const text = 'workers in South Korea and Korea';
    expect(m.match(text).map((x) => [x.entityId, x.text, text.slice(x.start, x.end)])).toEqual([
      ['country:south-korea', 'South Korea', 'South Korea'],
      ['country:south-korea', 'Korea', 'Korea'],
    ]);
  });

  it('matches acronyms only in their case and names in any case or accent', () => {
    expect(m.match('let us ask the MOI and the moi').map((x) => x.text)).toEqual(['MOI']);
    expect(m.match('Cote d’Ivoire').map((x) => x.entityId)).toEqual(['country:ivory-coast']);
  });

  it('reports an alias two entities claim', () => {
    const two = new AliasMatcher([
      { entityId: 'a:1', alias: 'Board', priority: 0 },
      { entityId: 'a:2', alias: 'Board', priority: 1 },
    ]);
    expect(two.conflicts).toEqual([{ alias: 'Board', kept: 'a:1', dropped: 'a:2' }]);
  });
});
