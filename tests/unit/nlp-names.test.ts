/** Sentences, names and their types, references: on sentences worded unlike the bundled report. */
import { describe, expect, it } from 'vitest';
import { typeOfName } from '../../graph-seed/src/nlp/heads';
import { findNames } from '../../graph-seed/src/nlp/names';
import { readText } from '../../graph-seed/src/nlp/read-text';
import { readSentences } from '../../graph-seed/src/nlp/sentences';
import { runPipeline } from '../../graph-seed/src/pipeline';

const sentences = (t: string) => readSentences(t).map((s) => t.slice(s.start, s.end));
const names = (t: string) => readSentences(t).flatMap((s) => findNames(s, t).names.map((n) => `${n.text} <${n.type}>`));

describe('sentences', () => {
  it('keeps exact offsets and does not end a sentence at "et al." or a list marker', () => {
    const t = 'Lee et al. (2019) argue that 2. the levy works.\nThe Tax Office disagrees (Park, 2020).';
    expect(sentences(t)).toEqual(['Lee et al. (2019) argue that 2. the levy works.', 'The Tax Office disagrees (Park, 2020).']);
    for (const s of readSentences(t)) for (const w of s.words) expect(t.slice(w.start, w.end)).toBe(w.text);
  });
});

describe('names', () => {
  it('joins capitalised words across of / for / and, never across "and the"', () => {
    expect(names('The Office for Budget Responsibility reports on the Ministry of Agriculture and Fisheries.')).toEqual([
      'Office for Budget Responsibility <GovernmentBody>',
      'Ministry of Agriculture and Fisheries <Ministry>',
    ]);
    expect(names('The Ministry of Science and Technology and the Research Council agreed.')).toEqual([
      'Ministry of Science and Technology <Ministry>',
      'Research Council <GovernmentBody>',
    ]);
  });
  it('types a name by its head noun, not by the words before it', () => {
    expect(typeOfName('Skills Training and Placement Board')).toBe('GovernmentBody');
    expect(typeOfName('Human Capital Index')).toBe('Dataset');
    expect(typeOfName('Ministry of Planning')).toBe('Ministry');
    expect(typeOfName('Sub-decree 12')).toBe('LegalInstrument');
    expect(typeOfName('Joint Working Group on Trade')).toBe('Committee');
    expect(typeOfName('Memorandum of Understanding on Fisheries')).toBe('Agreement');
    expect(typeOfName('Rural Credit Scheme')).toBe('Programme');
    expect(typeOfName('National Institute of Public Health')).toBe('GovernmentBody');
    expect(typeOfName('Green Growth Strategy')).toBe('Policy');
    // A fund or a bank of the state is a body of the state; an international one is not.
    expect(typeOfName('National Social Security Fund')).toBe('GovernmentBody');
    expect(typeOfName('Central Bank of Samoa')).toBe('GovernmentBody');
    expect(typeOfName('International Monetary Fund')).toBe('InternationalOrganization');
    expect(typeOfName('National University of Laos')).toBe('ResearchOrganization');
    expect(typeOfName('World Food Programme')).toBe('InternationalOrganization');
    expect(typeOfName('United Nations Environment Programme')).toBe('InternationalOrganization');
    expect(typeOfName('United States Exchange Program')).toBe('Programme');
    expect(typeOfName('Harbour Street')).toBeNull();
  });
  it('reads numbered instruments with their year and subject, and a bracketed word inside a name', () => {
    expect(names('The Council issued Decree No. 88 of 2015 on the Licensing of Fishing Vessels.')).toContain('Decree No. 88 of 2015 on the Licensing of Fishing Vessels <LegalInstrument>');
    expect(names('It was set up by Royal Decree No. 9 of 2001.')).toContain('Royal Decree No. 9 of 2001 <LegalInstrument>');
    expect(names('Law No. 4/2010 on Water was adopted.')).toContain('Law No. 4/2010 on Water <LegalInstrument>');
    expect(names('The Mining (Amendment) Act of 2014 came into force.')).toContain('Mining (Amendment) Act of 2014 <LegalInstrument>');
  });
  it('reads hyphenated and possessive names whole, and separates an owner from its plan', () => {
    expect(names('The Socio-Economic Council met the Ministry of Veterans’ Affairs.')).toContain('Socio-Economic Council <GovernmentBody>');
    expect(names('The People’s Court ruled.')).toEqual(['People’s Court <GovernmentBody>']);
    expect(names('The MOH’s Health Strategy was late.')).toEqual(['Health Strategy <Policy>']);
  });
  it('separates a body from its own plan after a possessive, but keeps "of Women’s Affairs" inside a name', () => {
    expect(names('The Ministry of Health’s Nutrition Strategy was revised.')).toEqual(['Ministry of Health <Ministry>', 'Nutrition Strategy <Policy>']);
    expect(names('The Ministry of Women’s Affairs replied.')).toEqual(['Ministry of Women’s Affairs <Ministry>']);
  });
  it('leaves a bare head after a determiner to reference resolution', () => {
    expect(names('The Board met. The Agency for Roads replied.')).toEqual(['Agency for Roads <GovernmentBody>']);
  });
  it('splits "A of the B" into two bodies, A part of B', () => {
    expect(names('The Licensing Unit of the Energy Regulatory Commission resigned.')).toEqual(['Licensing Unit <GovernmentBody>', 'Energy Regulatory Commission <GovernmentBody>']);
    expect(readText('The Licensing Unit of the Energy Regulatory Commission resigned.').relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toEqual(['licensing-unit PART_OF energy-regulatory-commission']);
  });
});

describe('names of parties, legislatures and units', () => {
  it('types parties, movements, companies, pacts, charters, bills and communities by their heads', () => {
    expect(typeOfName('Social Democratic Party')).toBe('Organization');
    expect(typeOfName('Patriotic Liberation Front')).toBe('Organization');
    expect(typeOfName('Rural Electrification Corporation')).toBe('Organization');
    expect(typeOfName('Chamber of Commerce and Industry')).toBe('Organization');
    expect(typeOfName('Baltic Defence Pact')).toBe('Agreement');
    expect(typeOfName('Social Charter')).toBe('Agreement');
    expect(typeOfName('Water Resources Bill')).toBe('LegalInstrument');
    expect(typeOfName('Habitats Directive')).toBe('LegalInstrument');
    expect(typeOfName('East African Community')).toBe('InternationalOrganization');
    expect(typeOfName('House of Commons')).toBe('GovernmentBody');
    expect(typeOfName('Coast Guard Service')).toBe('GovernmentBody');
  });
  it('reads "the Senate" or "Parliament" as the institution it names, and not as a head in longer names', () => {
    expect(names('The Senate rejected the Water Resources Bill.')).toEqual(['Senate <GovernmentBody>', 'Water Resources Bill <LegalInstrument>']);
    expect(names('After the vote the Parliament adjourned.')).toEqual(['Parliament <GovernmentBody>']);
    // "Congress" or "Army" ends the names of parties and rebel groups too: no type from them.
    expect(typeOfName('Tamil National Congress')).toBeNull();
    expect(typeOfName('Irish Republican Army')).toBeNull();
  });
  it('keeps a year after an instrument\u2019s head in its name, and reads the name without it as the same instrument', () => {
    expect(names('The Coal Mines Act of 1969 set limits.')).toEqual(['Coal Mines Act of 1969 <LegalInstrument>']);
    expect(names('The Treaty of 1904 ended the war.')).toEqual(['Treaty of 1904 <Agreement>']);
    // Not after other heads: "the Board of 1998" is no name of a board.
    expect(names('The Audit Board of 1998 met.')).toEqual(['Audit Board <GovernmentBody>']);
    for (const text of ['The Coal Mines Act of 1969 set limits. The Coal Mines Act was amended later.', 'The Coal Mines Act set limits. The Coal Mines Act of 1969 was amended later.']) {
      const run = runPipeline([{ name: 'acts.txt', text }]);
      if (!run.ok) throw new Error('pipeline');
      const acts = run.value.bundle.entities.filter((e) => e.type === 'LegalInstrument');
      expect(acts.map((e) => e.id), text).toHaveLength(1);
      expect(run.value.bundle.mentions.filter((m) => m.entityId === acts[0]!.id)).toHaveLength(2);
    }
    // Another year is another instrument, and a bare head without its year names none.
    for (const [text, kinds] of [
      ['The Tariff Act of 1897 was high. The Tariff Act of 1909 lowered duties.', ['Tariff Act of 1897', 'Tariff Act of 1909']],
      ['The Treaty of 1862 lapsed. The Treaty of 1903 replaced it.', ['Treaty of 1862', 'Treaty of 1903']],
    ] as const) {
      const run = runPipeline([{ name: 'acts.txt', text }]);
      if (!run.ok) throw new Error('pipeline');
      const named = run.value.bundle.entities.filter((e) => e.type === 'LegalInstrument' || e.type === 'Agreement');
      expect(named.map((e) => e.name).sort(), text).toEqual([...kinds]);
      expect(named.flatMap((e) => e.aliases)).not.toContain('Treaty');
    }
  });
  it('reads "B\u2019s A" as a unit A of body B, but not a list or a plan after the possessive', () => {
    const rel = (t: string) => readText(t).relations.map((r) => `${r.source} ${r.type} ${r.target} (${r.rule})`);
    expect(rel('The Treasury Department\u2019s Debt Management Office issued new bonds.')).toEqual(['debt-management-office PART_OF treasury-department (structure.possessive)']);
    expect(rel("The Health Council's Standing Committee on Vaccines met twice.")).toEqual(['standing-committee-on-vaccines PART_OF health-council (structure.possessive)']);
    // A body's plan is its own instrument (law.possessive), not a unit of it.
    expect(rel("The Energy Agency's Renewable Energy Strategy was published.")).toEqual(['renewable-energy-strategy ISSUED_BY energy-agency (law.possessive)']);
    expect(rel("He is on the Interior Ministry's Watch Organization list.").filter((r) => r.includes('PART_OF'))).toEqual([]);
  });
});

describe('references', () => {
  it('resolves "It" opening a sentence to the previous subject', () => {
    const { relations } = readText('The Data Protection Authority opened in 2012. It reports to the Ministry of Justice.');
    expect(relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toEqual(['data-protection-authority REPORTS_TO ministry-of-justice']);
    expect(relations[0]!.evidence).toBe('It reports to the Ministry of Justice');
  });
  it('resolves "a programme ... (ACRONYM)" to the acronym', () => {
    const { relations } = readText('The Ministry of Labour launched a programme on youth jobs (YEP) in 2016. The YEP is financed by the African Development Bank.');
    expect(relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toContain('yep FUNDED_BY african-development-bank');
  });
});

describe('definite references to instruments', () => {
  it('resolves "the Decree" to the decree named before', () => {
    const { relations } = readText('Decree 88 (2011) set new fees. The Licensing Agency was established under the Decree.');
    expect(relations.map((r) => `${r.source} ${r.type} ${r.target}`)).toEqual(['licensing-agency ESTABLISHED_BY decree-88']);
  });
});
