/**
 * Each relation rule on sentences worded unlike the bundled report, in each form it claims:
 * active, passive, appositive, relative clause, coordination, fronted phrase.
 */
import { describe, expect, it } from 'vitest';
import { readText } from '../../graph-seed/src/nlp/read-text';
import { runPipeline } from '../../graph-seed/src/pipeline';

const triples = (text: string) => readText(text).relations.map((r) => `${r.source} ${r.type} ${r.target}`);

describe('creation', () => {
  it('reads the passive, the active and the appositive', () => {
    expect(triples('The Fisheries Administration was established by Royal Decree 45 in 2008.')).toContain('fisheries-administration ESTABLISHED_BY royal-decree-45');
    expect(triples('In 2019 the Ministry of Health established the National Vaccine Board.')).toContain('national-vaccine-board ESTABLISHED_BY ministry-of-health');
    expect(triples('The Water Council, set up under the Water Resources Act, meets twice a year.')).toContain('water-council ESTABLISHED_BY water-resources-act');
  });
  it('does not read the passive as the active', () => {
    expect(triples('The Coastal Agency was created by the Marine Law.')).toEqual(['coastal-agency ESTABLISHED_BY marine-law']);
  });
});

describe('leadership', () => {
  it('reads chairs, chaired by, a relative clause and a coordinated list', () => {
    expect(triples('The Ministry of Finance chairs the Budget Committee.')).toContain('ministry-of-finance CHAIRS budget-committee');
    expect(triples('The Steering Committee is chaired by the Prime Minister’s Office.')).toContain('prime-minister-s-office CHAIRS steering-committee');
    expect(triples('The Ministry of Trade, which chairs the Export Council, opposed the plan.')).toContain('ministry-of-trade CHAIRS export-council');
    const co = triples('The Ministry of Energy, the Ministry of Mines and the Environment Agency vice-chair the Climate Taskforce.');
    expect(co).toEqual(expect.arrayContaining(['ministry-of-energy VICE_CHAIRS climate-taskforce', 'ministry-of-mines VICE_CHAIRS climate-taskforce', 'environment-agency VICE_CHAIRS climate-taskforce']));
  });
  it('resolves "this committee" to the committee named before', () => {
    const text = 'A Road Safety Committee meets every month. The Ministry of Transport chairs this committee.';
    expect(triples(text)).toContain('ministry-of-transport CHAIRS road-safety-committee');
  });
  it('reads a list of vice-chairs after the chair', () => {
    const text = 'The Ministry of Education heads the Literacy Working Group, and its vice-chairs include the Ministry of Culture and the Ministry of Youth.';
    expect(triples(text)).toEqual(expect.arrayContaining(['ministry-of-education CHAIRS literacy-working-group', 'ministry-of-culture VICE_CHAIRS literacy-working-group', 'ministry-of-youth VICE_CHAIRS literacy-working-group']));
  });
});

describe('structure', () => {
  it('reads part of, under, reports to, and "A of the B"', () => {
    expect(triples('The Statistics Bureau is part of the Ministry of Economy.')).toContain('statistics-bureau PART_OF ministry-of-economy');
    expect(triples('The Audit Office reports to the National Assembly.')).toContain('audit-office REPORTS_TO national-assembly');
    expect(triples('The Customs Department of the Ministry of Finance collects duties.')).toContain('customs-department PART_OF ministry-of-finance');
  });
  it('does not split "A of the B" when B is not a body', () => {
    expect(triples('The Ministry of the Interior issued new rules.')).toEqual([]);
  });
  it('reads "X, an agency of Y" and "X in the Y" for a unit named with the body it belongs to', () => {
    expect(triples('The Geological Survey Office, an agency of the Ministry of Mines, mapped the coast.')).toContain('geological-survey-office PART_OF ministry-of-mines');
    expect(triples('The Finance Subcommittee, a subcommittee of the Parliament, sat in March.')).toContain('finance-subcommittee PART_OF parliament');
    expect(triples('The Passport Office within the Ministry of Home Affairs issues passports.')).toContain('passport-office SUBORDINATE_TO ministry-of-home-affairs');
    expect(triples('Staff at the Water Board in the Department of Public Works met.')).toContain('water-board SUBORDINATE_TO department-of-public-works');
  });
  it('reads the members a body consists of, a list included, and the passive with a date before "by"', () => {
    const members = triples('The Seeds Council consists of the Ministry of Farming, the Ministry of Trade and the Plant Health Office.');
    expect(members).toEqual(expect.arrayContaining(['ministry-of-farming MEMBER_OF seeds-council', 'ministry-of-trade MEMBER_OF seeds-council', 'plant-health-office MEMBER_OF seeds-council']));
    expect(triples('The Quarantine Board was set up in May 2003 by the Plant Protection Act.')).toContain('quarantine-board ESTABLISHED_BY plant-protection-act');
    expect(triples('The Rail Safety Unit, under the supervision of the Ministry of Railways, inspects lines.')).toContain('rail-safety-unit SUBORDINATE_TO ministry-of-railways');
    expect(triples('The Grain Office is responsible to the Council of Ministers.')).toContain('grain-office REPORTS_TO council-of-ministers');
    expect(triples('The Ministry of Labour is represented on the Wages Committee.')).toContain('ministry-of-labour MEMBER_OF wages-committee');
    expect(triples('The Ferry Authority is financed through the Island Transport Fund.')).toContain('ferry-authority FUNDED_BY island-transport-fund');
  });
  it('does not read "in the" between a body and a place, or after a verb', () => {
    expect(triples('The Water Board met in the Senate chamber.').filter((t) => t.includes('SUBORDINATE_TO'))).toEqual([]);
    expect(triples('The Audit Board worked in the Ministry of Health for a year.').filter((t) => t.includes('SUBORDINATE_TO'))).toEqual([]);
  });
});

describe('funding and work', () => {
  it('reads funded by, a fronted funding phrase and the active', () => {
    expect(triples('The Rural Roads Project is co-financed by the Asian Development Bank.')).toContain('rural-roads-project FUNDED_BY asian-development-bank');
    expect(triples('With funding from the World Bank, the Planning Department conducted the Household Income Survey.')).toEqual(
      expect.arrayContaining(['household-income-survey FUNDED_BY world-bank', 'household-income-survey CONDUCTED_BY planning-department']),
    );
    expect(triples('The European Union provided funding to the Clean Water Programme.')).toContain('clean-water-programme FUNDED_BY european-union');
  });
  it('reads conducted by, implemented by and a focal point', () => {
    expect(triples('The Labour Force Survey was carried out by the National Statistics Office.')).toContain('labour-force-survey CONDUCTED_BY national-statistics-office');
    expect(triples('The Paris Agreement is implemented by the Climate Change Directorate.')).toContain('climate-change-directorate IMPLEMENTS paris-agreement');
    expect(triples('The Health Systems Project worked with the Ministry of Health as its national focal point.')).toContain('ministry-of-health FOCAL_POINT_OF health-systems-project');
  });
  it('does not link across a second verb', () => {
    expect(triples('The Trade Institute published a report, funded by the Export Bank.')).toEqual([]);
  });
});

describe('agreements and law', () => {
  it('reads signing, ratifying, amending, repealing, appointing and issuing', () => {
    expect(triples('The Ministry of Foreign Affairs signed the Fisheries Agreement in 2015.')).toContain('ministry-of-foreign-affairs SIGNED fisheries-agreement');
    expect(triples('The National Assembly ratified the Minamata Convention.')).toContain('national-assembly PARTY_TO minamata-convention');
    expect(triples('The Labour Act amends the Employment Law.')).toContain('labour-act AMENDS employment-law');
    expect(triples('The Mining Code was repealed by the Minerals Act.')).toContain('minerals-act REPEALS mining-code');
    expect(triples('The Ethics Commission is appointed by the Supreme Council.')).toContain('ethics-commission APPOINTED_BY supreme-council');
    expect(triples('The Council of State issued the Procurement Regulation.')).toContain('procurement-regulation ISSUED_BY council-of-state');
  });

  // Countries are read by the pipeline's country reader, not by readText alone.
  const named = (text: string) => {
    const run = runPipeline([{ name: 's.txt', text }]);
    if (!run.ok) throw new Error(String(run.errors));
    const name = new Map(run.value.bundle.entities.map((e) => [e.id, e.name]));
    return run.value.bundle.relations.map((r) => `${name.get(r.source)} ${r.type} ${name.get(r.target)}`);
  };

  it('reads the signers of an agreement signed at a place, and not the place as a signer', () => {
    const read = named('The Fisheries Charter was signed in Bergen, Norway, by Iceland, Denmark and Sweden.');
    expect(read.filter((t) => t.includes(' SIGNED ')).sort()).toEqual(['Denmark SIGNED Fisheries Charter', 'Iceland SIGNED Fisheries Charter', 'Sweden SIGNED Fisheries Charter']);
  });

  it('reads a country rejoining an organisation as a member', () => {
    expect(named('Chile rejoined the World Health Organization in 1990.')).toContain('Chile MEMBER_OF World Health Organization');
  });

  it('reads the subject of "its treaty with" as a party, and no one else', () => {
    expect(named('Portugal, in its Treaty of 1878 with Brazil, secured fishing rights.').sort()).toEqual(['Brazil PARTY_TO Treaty of 1878', 'Portugal PARTY_TO Treaty of 1878']);
    // "its" points at the one whose commitments they are, not the subject: no party read.
    expect(named('The Senate voted funds allowing Peru to meet its obligations under the Andean Fisheries Pact.').filter((t) => t.includes('PARTY_TO'))).toEqual([]);
  });

  it('reads agreements and laws named by their date, in lower case too, whole', () => {
    expect(named('The Coast Guard Corps was set up under the act of June 3, 1915.')).toContain('Coast Guard Corps ESTABLISHED_BY act of June 3, 1915');
    expect(named('Disputes over the treaty of 1846 between Sweden and Norway went on.').sort()).toEqual(['Norway PARTY_TO treaty of 1846', 'Sweden PARTY_TO treaty of 1846']);
    // A name the name reader has whole is not read again without its first words.
    expect(named('The Mining Safety Board was created by the Mineral Lands Act of 1972.')).toEqual(['Mining Safety Board ESTABLISHED_BY Mineral Lands Act of 1972']);
    expect(named('The Harbour Board was created by the Port Works Act of May 2, 1921.')).toEqual(['Harbour Board ESTABLISHED_BY Port Works Act of May 2, 1921']);
  });

  it('reads both parties named in an agreement "between" them, lower case or not', () => {
    expect(named('The convention of navigation between Chile and the Argentine Republic lapsed in 1902.').sort()).toEqual([
      'Argentina PARTY_TO convention of navigation between Chile and the Argentine Republic',
      'Chile PARTY_TO convention of navigation between Chile and the Argentine Republic',
    ]);
    // A name beginning with an article ("El") keeps its spelling.
    expect(named('The boundary treaty between El Salvador and Guatemala holds.')).toContain('El Salvador PARTY_TO boundary treaty between El Salvador and Guatemala');
  });

  it('reads a lower-case dated agreement with capitalised words before its head whole', () => {
    expect(named('The Fisheries Board, appointed under the Anglo-Norwegian treaty of 1911, met in Oslo.')).toContain('Fisheries Board ESTABLISHED_BY Anglo-Norwegian treaty of 1911');
  });

  it('reads a list whose members each repeat "of": "the delegates of Peru and of Chile"', () => {
    expect(named('The Guano Convention was signed by the delegates of Peru and of Chile.').sort()).toEqual(['Chile SIGNED Guano Convention', 'Peru SIGNED Guano Convention']);
  });

  it('types departments as ministries in a text that names no ministry, and as units where it does', () => {
    const typeOf = (text: string, name: string) => {
      const run = runPipeline([{ name: 's.txt', text }]);
      if (!run.ok) throw new Error(String(run.errors));
      return run.value.bundle.entities.find((e) => e.name === name)?.type;
    };
    expect(typeOf('The Department of Fisheries runs the Marine Survey.', 'Department of Fisheries')).toBe('Ministry');
    expect(typeOf('The Interior Department answered the Senate.', 'Interior Department')).toBe('Ministry');
    expect(typeOf('The Department of Fisheries in the Ministry of Agriculture runs the Marine Survey.', 'Department of Fisheries')).toBe('GovernmentBody');
  });

  it('names a body met first in a heading in capitals as running text spells it', () => {
    const run = runPipeline([{ name: 's.txt', text: 'PORT SANITARY BOARD\n\nThe Port Sanitary Board now works under the Treasury Department.' }]);
    if (!run.ok) throw new Error(String(run.errors));
    const board = run.value.bundle.entities.find((e) => e.id.endsWith('port-sanitary-board'))!;
    expect(board.name).toBe('Port Sanitary Board');
    expect(board.aliases).toContain('PORT SANITARY BOARD');
  });

  it('does not read "on the part of" as a part', () => {
    expect(named('Attendance at the Baltic Conference on the part of Denmark was in doubt.').filter((t) => t.includes('PART_OF'))).toEqual([]);
    expect(named('The Tariff Bureau is part of the Treasury Department.')).toContain('Tariff Bureau PART_OF Treasury Department');
  });
});

describe('evidence', () => {
  it('quotes a span that names both ends', () => {
    const { relations } = readText('Since 2001 the Port Authority has been led by the Ministry of Transport, according to officials.');
    expect(relations).toHaveLength(1);
    expect(relations[0]!.evidence).toBe('Port Authority has been led by the Ministry of Transport');
    expect(relations[0]!.confidence).toBeGreaterThan(0.5);
  });
});

describe('appositives', () => {
  it('reads the participle after an appositive back to the name before it', () => {
    expect(triples('Exports are licensed by the Trade Promotion Board, a state agency for promoting and financing small exporters, and established by Decree 14 in 2001.')).toContain(
      'trade-promotion-board ESTABLISHED_BY decree-14',
    );
  });
});

describe("a verb's subject is no preposition's object", () => {
  it('reads the subject before a relative clause, not the object inside it', () => {
    const found = triples('The Census Bureau, which reports to the Ministry of Trade, conducted the Household Expenditure Survey.');
    expect(found).toContain('household-expenditure-survey CONDUCTED_BY census-bureau');
    expect(found).not.toContain('household-expenditure-survey CONDUCTED_BY ministry-of-trade');
    expect(found).toContain('census-bureau REPORTS_TO ministry-of-trade');
  });
  it('does not make the agent of a passive the thing funded', () => {
    expect(triples('The scheme is run by the Ministry of Youth with funding from the Nordic Development Fund.')).toEqual([]);
    expect(triples('The Coastal Survey, carried out by the Marine Institute, was financed by the Ocean Trust.')).not.toContain('marine-institute FUNDED_BY ocean-trust');
  });
  it('skips a phrase between commas to the subject before it', () => {
    expect(triples('The Ministry of Energy, in partnership with the Solar Alliance, developed the Clean Power Strategy.')).toEqual(
      expect.arrayContaining(['clean-power-strategy ISSUED_BY ministry-of-energy']),
    );
    expect(triples('The Ministry of Energy, in partnership with the Solar Alliance, developed the Clean Power Strategy.')).not.toContain('clean-power-strategy ISSUED_BY solar-alliance');
    expect(triples('The Wetlands Project, supported by the Nature Fund, was carried out by the Parks Department.')).toEqual(
      expect.arrayContaining(['wetlands-project CONDUCTED_BY parks-department', 'nature-fund PARTICIPATES_IN wetlands-project']),
    );
  });
  it('keeps a participle that touches its noun', () => {
    expect(triples('The claims were examined by a Review Commission created by the Senate.')).toContain('review-commission ESTABLISHED_BY senate');
  });
});

describe('work, responsibility and the drawing up of policies', () => {
  it('reads a supporter as taking part, never as a funder', () => {
    const found = triples('The Literacy Programme is supported by the Reading Foundation.');
    expect(found).toEqual(['reading-foundation PARTICIPATES_IN literacy-programme']);
  });
  it('reads the body in charge of a named programme, and the body implementing an instrument', () => {
    expect(triples('The Water Agency, which is in charge of the Village Wells Project, reports to the Ministry of Works.')).toEqual(
      expect.arrayContaining(['water-agency RESPONSIBLE_FOR village-wells-project', 'water-agency REPORTS_TO ministry-of-works']),
    );
    expect(triples('The Ministry of Labour implemented the Occupational Safety Policy.')).toContain('ministry-of-labour IMPLEMENTS occupational-safety-policy');
  });
  it('reads "drafted by" for a policy, not for a law another body passes', () => {
    expect(triples('The Youth Strategy was drafted by the Ministry of Youth.')).toContain('youth-strategy ISSUED_BY ministry-of-youth');
    expect(triples('The Mining Act was drafted by the Ministry of Mines.')).toEqual([]);
  });
});

describe('creation under a body, brackets, plural verbs and signatures between parties', () => {
  it('reads "established under" a body as placed below it, and under an act as made by it', () => {
    const found = triples('The Youth Employment Office was established in 2011 under the Ministry of Youth.');
    expect(found).toContain('youth-employment-office SUBORDINATE_TO ministry-of-youth');
    expect(found).not.toContain('youth-employment-office ESTABLISHED_BY ministry-of-youth');
    expect(triples('The Seed Board was set up under the Seeds Act.')).toContain('seed-board ESTABLISHED_BY seeds-act');
  });
  it('reads a participle that opens a bracket after a name', () => {
    expect(triples('The Coastal Roads Programme (launched by the Ministry of Transport in 2015) covers four provinces.')).toContain(
      'coastal-roads-programme CONDUCTED_BY ministry-of-transport',
    );
    expect(triples('The Housing Survey (2019) was welcomed by the Planning Agency.')).toEqual([]);
  });
  it('reads a coordinated subject with a plural verb', () => {
    expect(triples('The Ministry of Forests and the Wildlife Agency jointly manage the Tiger Corridor Project.')).toEqual(
      expect.arrayContaining(['tiger-corridor-project CONDUCTED_BY ministry-of-forests', 'tiger-corridor-project CONDUCTED_BY wildlife-agency']),
    );
  });
  it('reads the parties of an agreement "signed between" them', () => {
    expect(triples('The Fisheries Agreement was signed in 2007 between the Fisheries Agency and the Coast Guard Service.')).toEqual(
      expect.arrayContaining(['fisheries-agency SIGNED fisheries-agreement', 'coast-guard-service SIGNED fisheries-agreement']),
    );
  });
  it('reads the subject of an active verb past an appositive that names another body', () => {
    const found = triples('The Customs Directorate, a unit of the Ministry of Finance, administers the Excise Act.');
    expect(found).toContain('customs-directorate IMPLEMENTS excise-act');
    expect(found).not.toContain('ministry-of-finance IMPLEMENTS excise-act');
  });
});

describe('agreements described, not named, and verbs that need a subject', () => {
  const bundle = (text: string) => {
    const run = runPipeline([{ name: 'a.txt', text: `${text}\n` }]);
    if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
    const b = run.value.bundle;
    const name = (id: string) => b.entities.find((e) => e.id === id)!.name;
    return b.relations.filter((r) => r.properties.origin === 'automatic').map((r) => `${name(r.source)} ${r.type} ${name(r.target)}`);
  };
  it('reads an agreement signed and described by what it is about, dated by its year', () => {
    expect(bundle('Norway and Iceland signed a memorandum of understanding on fisheries control in 2004.')).toEqual(
      expect.arrayContaining(['Norway SIGNED Memorandum of understanding on fisheries control (2004)', 'Iceland SIGNED Memorandum of understanding on fisheries control (2004)']),
    );
    expect(bundle('The protocol on seed exchange was ratified by Kenya in 2011.')).toContain('Kenya PARTY_TO Protocol on seed exchange (2011)');
    expect(bundle('In 2012 Chile signed a memorandum of understanding with Peru on mining.')).toEqual(
      expect.arrayContaining(['Chile SIGNED memorandum of understanding with Peru', 'Peru PARTY_TO memorandum of understanding with Peru']),
    );
  });
  it('reads no agreement from "in accord with" or "in agreement with", and no party from a name a country qualifies', () => {
    expect(bundle('The tolls were fixed in accord with the Suez Canal Act.')).toEqual([]);
    expect(bundle('The Senate acted in agreement with France on the matter.')).toEqual([]);
    expect(bundle('The rates are set by a treaty with the Panama Canal Authority.')).not.toContain('Panama PARTY_TO treaty with the Panama Canal Authority');
  });
  it('reads no agreement from a description with neither a year nor a party', () => {
    expect(bundle('The Government signed a new agreement on trade.')).toEqual([]);
  });
  it('reads the subject of a verb joined by "and" to a passive', () => {
    expect(triples('The Water Board is chaired by the Ministry of Works and reports to the Council of Ministers.')).toEqual(
      expect.arrayContaining(['ministry-of-works CHAIRS water-board', 'water-board REPORTS_TO council-of-ministers']),
    );
    expect(triples('The Water Board is chaired by the Ministry of Works and reports to the Council of Ministers.')).not.toContain('ministry-of-works REPORTS_TO council-of-ministers');
  });
  it('reads the subject of a finite verb past a relative clause, and "receives funding from"', () => {
    const found = triples('The School Meals Programme, which is managed by the Ministry of Education, receives funding from the Global Partnership Fund.');
    expect(found).toEqual(expect.arrayContaining(['school-meals-programme CONDUCTED_BY ministry-of-education', 'school-meals-programme FUNDED_BY global-partnership-fund']));
    expect(found).not.toContain('ministry-of-education FUNDED_BY global-partnership-fund');
  });
});

describe('references to an instrument by its kind', () => {
  it('reads "the law" and "the agreement" as the latest instrument of that kind', () => {
    expect(triples('The Refugee Act was passed in 1980. The law established the Office of Refugee Resettlement.')).toContain('office-of-refugee-resettlement ESTABLISHED_BY refugee-act');
    expect(triples('The Ministry of Trade negotiated the Border Pass Convention. The agreement was ratified by the National Assembly.')).toContain('national-assembly PARTY_TO border-pass-convention');
  });
});

describe('subjects past brackets and parentheticals, object relative clauses, participle chains', () => {
  it('reads the subject before an acronym in brackets', () => {
    expect(triples('The Fisheries Act of 2011 (FA) repealed the Fishing Ordinance of 1970.')).toContain('fisheries-act-of-2011 REPEALS fishing-ordinance-of-1970');
  });
  it('reads a passive whose auxiliary follows a phrase between commas as about the name before it', () => {
    expect(triples('The Skills Council, the Training Authority’s governing board, is appointed by the Ministry of Education.')).toContain('skills-council APPOINTED_BY ministry-of-education');
    expect(triples('The Mining Code, which governs all licences, was amended by the Mining (Amendment) Act of 2020.')).toContain('mining-amendment-act-of-2020 AMENDS mining-code');
  });
  it('reads the object of "which the X adopted"', () => {
    expect(triples('Funds go to the Youth Action Plan, which the Department of Youth Welfare implements.')).toContain('department-of-youth-welfare IMPLEMENTS youth-action-plan');
  });
  it('reads each participle of a chain after a name', () => {
    expect(triples('The Safe Work Programme, implemented by the Labour Office and funded by the Nordic Fund, ended.')).toEqual(
      expect.arrayContaining(['safe-work-programme CONDUCTED_BY labour-office', 'safe-work-programme FUNDED_BY nordic-fund']),
    );
  });
  it('does not join two clauses after ", and" into a list', () => {
    expect(triples('The Water Board reports to the Ministry of Works, and the Ministry of Health serves on its panel.')).not.toContain('water-board REPORTS_TO ministry-of-health');
  });
});
