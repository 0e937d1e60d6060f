import { describe, expect, it } from 'vitest';
import { repairText } from '../../graph-seed/src/stages/repair';
import { joinLines, parseNumber, stripNoteMarkers } from '../../graph-seed/src/stages/text';

describe('font artefact repair', () => {
  it.each([
    ['agencies licensed by the Ministry of labour and vocational Training (MOlvT).', 'agencies licensed by the Ministry of Labour and Vocational Training (MOLVT).'],
    ['Now the Ministry of labour and vocational Training (MlvT).', 'Now the Ministry of Labour and Vocational Training (MLVT).'],
    ['reached uSD 542 million', 'reached USD 542 million'],
    ['co-funded by the Eu Thematic Programme', 'co-funded by the EU Thematic Programme'],
    ['Agenda (uN, 2015).', 'Agenda (UN, 2015).'],
    ['approximately uSD 790 in korea (Tunon and khleang, 2013).', 'approximately USD 790 in Korea (Tunon and Khleang, 2013).'],
    ['higher than in lao PDR (uSD 111) and Myanmar', 'higher than in Lao PDR (USD 111) and Myanmar'],
    ['brokers (lee, 2007).', 'brokers (Lee, 2007).'],
    ['1. OvERvIEW AND POlICY RECOMMENDATIONS', '1. OVERVIEW AND POLICY RECOMMENDATIONS'],
    ['a memorandum of understanding (Mou) with Cambodia', 'a memorandum of understanding (MoU) with Cambodia'],
    ['in South korea, mostly men', 'in South Korea, mostly men'],
    ['Hing, lun and Phann (2014)', 'Hing, Lun and Phann (2014)'],
    ['the Cambodia Rural urban Migration Project (CRuMP)', 'the Cambodia Rural Urban Migration Project (CRUMP)'],
    ['at the MOlvT’s Strategic Plans', 'at the MOLVT’s Strategic Plans'],
    ['the Sending of khmer Workers to Work Abroad', 'the Sending of Khmer Workers to Work Abroad'],
    ['Surveyed provinces were Preah vihear, Prey veng, Pursat', 'Surveyed provinces were Preah Vihear, Prey Veng, Pursat'],
    ['the General Directorate of labour is the major office', 'the General Directorate of Labour is the major office'],
  ])('%s', (raw, clean) => {
    expect(repairText(raw)).toBe(clean);
  });

  it('capitalises sentence starts the font lowered, and nothing else', () => {
    expect(repairText('losing labour to emigration can have an impact. legal workers arrived in 2006.')).toBe(
      'Losing labour to emigration can have an impact. Legal workers arrived in 2006.',
    );
    // Ordinary lower-case words stay as they are.
    const plain = 'Cambodia’s labour market, e.g. using vocational training, is unlike Thailand’s; the National Institute of Statistics launched the survey.';
    expect(repairText(plain)).toBe(plain);
    // After an abbreviation no sentence starts, however far back the stop is; after a full stop one does.
    expect(repairText('as Tunon et al. labour studies show; see no. level 3')).toBe('as Tunon et al. labour studies show; see no. level 3');
    expect(repairText(`It rose.${' '.repeat(45)}labour fell.`)).toBe(`It rose.${' '.repeat(45)}Labour fell.`);
    expect(repairText('Go to Cano. labour fell.')).toBe('Go to Cano. Labour fell.');
  });

  it('only changes letter case, so offsets into the repaired text stay valid', () => {
    const raw = 'The MOlvT and uSD and Eu and lao PDR and korea';
    expect(repairText(raw)).toHaveLength(raw.length);
  });
});

describe('text helpers', () => {
  it('parses numbers with non-breaking thousands separators as printed', () => {
    expect(parseNumber('120\u00a0000')).toBe(120000);
    expect(parseNumber('1\u00a0187\u00a0142')).toBe(1187142);
    expect(parseNumber('3.7%')).toBe(3.7);
    expect(parseNumber('12.0')).toBe(12);
    expect(parseNumber('Thailand')).toBeNull();
    expect(parseNumber('(2006-2015)')).toBeNull();
  });

  it('removes footnote markers but keeps numbers and URLs', () => {
    expect(stripNoteMarkers('Youth Rehabilitation6 the competence')).toEqual({ text: 'Youth Rehabilitation the competence', notes: [6] });
    expect(stripNoteMarkers('for those working in Malaysia.4 Housemaids')).toEqual({ text: 'for those working in Malaysia. Housemaids', notes: [4] });
    expect(stripNoteMarkers('Survey (CSES) 2007,5 Tong (2012)')).toEqual({ text: 'Survey (CSES) 2007, Tong (2012)', notes: [5] });
    expect(stripNoteMarkers('Source: MOP (2012)3').notes).toEqual([3]);
    const kept = 'about 1.2 million, 3.7% and www.un.org/estimates2/estimates15.shtml.';
    expect(stripNoteMarkers(kept)).toEqual({ text: kept, notes: [] });
  });

  it('joins wrapped lines, keeping hyphenated words and URLs whole', () => {
    expect(joinLines(['co-', 'drafted the country report'])).toBe('co-drafted the country report');
    expect(joinLines(['www.un.org/en/', 'development/desa'])).toBe('www.un.org/en/development/desa');
    expect(joinLines(['between 2013  ', 'and 2017'])).toBe('between 2013 and 2017');
  });
});
