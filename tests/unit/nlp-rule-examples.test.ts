/**
 * Every relation rule has an example sentence, worded unlike the bundled report, on which it
 * fires with the expected triple: a rule added without one fails here.
 */
import { describe, expect, it } from 'vitest';
import { readText } from '../../graph-seed/src/nlp/read-text';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { NOMINAL_RULES, RELATION_RULES } from '../../graph-seed/src/nlp/relation-rules';

const EXAMPLES: Record<string, [string, string]> = {
  'creation.passive': ['The Housing Fund was set up by the Ministry of Finance in 1999.', 'housing-fund ESTABLISHED_BY ministry-of-finance'],
  'creation.under': ['The Fisheries Council was set up in 2001 under the Fisheries Act.', 'fisheries-council ESTABLISHED_BY fisheries-act'],
  'structure.established-under': ['The Child Welfare Office was established under the Ministry of Social Affairs.', 'child-welfare-office SUBORDINATE_TO ministry-of-social-affairs'],
  'creation.via': ['In 2012 the Government introduced the Seasonal Work Permit Scheme through the Foreign Labour Act.', 'seasonal-work-permit-scheme ESTABLISHED_BY foreign-labour-act'],
  'creation.active': ['Decree 12 created the Anti-Corruption Unit.', 'anti-corruption-unit ESTABLISHED_BY decree-12'],
  'leadership.chairs': ['The Ministry of Planning co-chairs the Donor Coordination Committee.', 'ministry-of-planning CHAIRS donor-coordination-committee'],
  'leadership.chaired-by': ['The Flood Taskforce is headed by the Ministry of Water.', 'ministry-of-water CHAIRS flood-taskforce'],
  'leadership.vice-chairs': ['The Ministry of Commerce vice-chairs the Export Board.', 'ministry-of-commerce VICE_CHAIRS export-board'],
  'leadership.vice-chairs-list': ['The Ministry of Health leads the Nutrition Council, and its vice-chairs are the Ministry of Rural Development and the Ministry of Youth.', 'ministry-of-rural-development VICE_CHAIRS nutrition-council'],
  'leadership.members-list': ['The Ports Committee meets monthly, and its members include the Ministry of Transport and the Customs Department.', 'customs-department MEMBER_OF ports-committee'],
  'leadership.vice-chaired-by': ['The Land Commission is vice-chaired by the Ministry of Justice.', 'ministry-of-justice VICE_CHAIRS land-commission'],
  'structure.part-of': ['The Tax Policy Unit forms part of the Ministry of Economy.', 'tax-policy-unit PART_OF ministry-of-economy'],
  'structure.under': ['The Debt Management Office sits within the Ministry of Finance.', 'debt-management-office SUBORDINATE_TO ministry-of-finance'],
  'structure.in': ['The Land Registry Office in the Ministry of Justice keeps the deeds.', 'land-registry-office SUBORDINATE_TO ministry-of-justice'],
  'structure.including': ['Parliament set up the Ministry of Mines, including the Geological Survey Office, in 1950.', 'geological-survey-office PART_OF ministry-of-mines'],
  'structure.oversees': ['The Maritime Authority has under its control the Pilotage Board.', 'pilotage-board SUBORDINATE_TO maritime-authority'],
  'structure.composition': ['The Flood Council is made up of the Ministry of Water and the Rivers Agency.', 'rivers-agency MEMBER_OF flood-council'],
  'structure.committee-includes': ['The Drought Committee includes the Ministry of Water and the Met Office.', 'met-office MEMBER_OF drought-committee'],
  'structure.reports-to': ['The Internal Audit Agency is accountable to the Council of Ministers.', 'internal-audit-agency REPORTS_TO council-of-ministers'],
  'funding.passive': ['The Irrigation Project was funded by the Islamic Development Bank.', 'irrigation-project FUNDED_BY islamic-development-bank'],
  'funding.active': ['The Global Fund financed the Malaria Programme.', 'malaria-programme FUNDED_BY global-fund'],
  'work.conducted': ['The Statistics Office conducted the Labour Force Survey in 2018.', 'labour-force-survey CONDUCTED_BY statistics-office'],
  'work.conducted-by': ['The Demographic Survey is administered by the Population Bureau.', 'demographic-survey CONDUCTED_BY population-bureau'],
  'work.implemented-by': ['The Forest Law is enforced by the Forestry Administration.', 'forestry-administration IMPLEMENTS forest-law'],
  'work.implements': ['The Labour Inspectorate enforces the Minimum Wage Act.', 'labour-inspectorate IMPLEMENTS minimum-wage-act'],
  'work.responsible-implementing': ['The Energy Regulator is responsible for implementing the Renewable Energy Policy.', 'energy-regulator IMPLEMENTS renewable-energy-policy'],
  'work.responsible': ['The Rural Credit Agency is in charge of the Smallholder Loans Programme.', 'rural-credit-agency RESPONSIBLE_FOR smallholder-loans-programme'],
  'work.focal-point': ['The Coastal Project works with the Ministry of Environment as focal point.', 'ministry-of-environment FOCAL_POINT_OF coastal-project'],
  'work.partner': ['The Literacy Project partnered with the Teachers Association.', 'teachers-association PARTICIPATES_IN literacy-project'],
  'work.participates': ['The Ministry of Defence takes part in the Border Committee.', 'ministry-of-defence MEMBER_OF border-committee'],
  'work.member': ['The Ministry of Trade became a member of the Codex Alimentarius Commission.', 'ministry-of-trade MEMBER_OF codex-alimentarius-commission'],
  'agreement.signed': ['The Ministry of Labour signed the Seasonal Workers Agreement.', 'ministry-of-labour SIGNED seasonal-workers-agreement'],
  'agreement.signed-by': ['The Transit Treaty was signed by the Ministry of Foreign Affairs.', 'ministry-of-foreign-affairs SIGNED transit-treaty'],
  'agreement.between': ['The Transit Agreement between the Port Authority and the Customs Department was renewed.', 'customs-department PARTY_TO transit-agreement'],
  'agreement.its': ['The Port Authority renewed its Pilotage Agreement with the Harbour Board last year.', 'port-authority PARTY_TO pilotage-agreement'],
  'agreement.ratified': ['The National Assembly ratified the Whaling Convention.', 'national-assembly PARTY_TO whaling-convention'],
  'agreement.ratified-by': ['The Ramsar Convention was ratified by the National Assembly.', 'national-assembly PARTY_TO ramsar-convention'],
  'law.amends': ['The Finance Act amends the Customs Code.', 'finance-act AMENDS customs-code'],
  'law.amended-by': ['The Land Law was amended by the Land Reform Act.', 'land-reform-act AMENDS land-law'],
  'law.repeals': ['The Public Health Act repeals the Sanitation Decree.', 'public-health-act REPEALS sanitation-decree'],
  'law.repealed-by': ['The Press Law was replaced by the Media Act.', 'media-act REPEALS press-law'],
  'law.appointed-by': ['The Election Commission is nominated by the National Assembly.', 'election-commission APPOINTED_BY national-assembly'],
  'law.appoints': ['The Supreme Council appoints the Audit Commission.', 'audit-commission APPOINTED_BY supreme-council'],
  'law.possessive': ['The Ministry of Health’s Nutrition Strategy 2019-2023 was revised.', 'nutrition-strategy ISSUED_BY ministry-of-health'],
  'law.its': ['The Council of Ministers set out its Green Growth Strategy in 2019.', 'green-growth-strategy ISSUED_BY council-of-ministers'],
  'law.issued-by': ['The Procurement Guideline was issued by the Ministry of Economy.', 'procurement-guideline ISSUED_BY ministry-of-economy'],
  'policy.prepared-by': ['The Coastal Zone Strategy was drawn up by the Ministry of Fisheries.', 'coastal-zone-strategy ISSUED_BY ministry-of-fisheries'],
  'policy.prepared': ['In 2016 the Ministry of Tourism launched the Ecotourism Plan.', 'ecotourism-plan ISSUED_BY ministry-of-tourism'],
  'law.issued': ['The Council of Ministers adopted the Green Growth Strategy.', 'green-growth-strategy ISSUED_BY council-of-ministers'],
  // Nominal forms (NOMINAL_RULES).
  'nominal.accession': ['The accession of the Ministry of Trade to the Tariff Convention took a year.', 'ministry-of-trade PARTY_TO tariff-convention'],
  'nominal.accession-member': ["The Central Bank's admission to the Payments Union was approved.", 'central-bank MEMBER_OF payments-union'],
  'nominal.ratification': ['The ratification of the Whaling Convention by the National Assembly was slow.', 'national-assembly PARTY_TO whaling-convention'],
  'nominal.signature': ['The signing of the Transit Treaty by the Ministry of Foreign Affairs was delayed.', 'ministry-of-foreign-affairs SIGNED transit-treaty'],
  'nominal.creation': ['The creation of the Housing Fund under the Finance Act was debated.', 'housing-fund ESTABLISHED_BY finance-act'],
  'nominal.adoption': ['After the adoption of the Water Policy by the Council of Ministers, work began.', 'water-policy ISSUED_BY council-of-ministers'],
  'nominal.amendment': ['The amendment of the Customs Code by the Finance Act raised duties.', 'finance-act AMENDS customs-code'],
  'nominal.repeal': ['The repeal of the Sanitation Decree by the Public Health Act was welcome.', 'public-health-act REPEALS sanitation-decree'],
  'nominal.appointment': ['The appointment of the Audit Commission by the Supreme Council was contested.', 'audit-commission APPOINTED_BY supreme-council'],
  'nominal.funding': ['The funding of the Irrigation Project by the Islamic Development Bank ended.', 'irrigation-project FUNDED_BY islamic-development-bank'],
  'nominal.enforcement': ['The enforcement of the Forest Law by the Forestry Administration is weak.', 'forestry-administration IMPLEMENTS forest-law'],
  'nominal.conduct': ['The administration of the Labour Force Survey by the Statistics Office changed.', 'labour-force-survey CONDUCTED_BY statistics-office'],
};

describe('every relation rule', () => {
  const ids = [...RELATION_RULES, ...NOMINAL_RULES].map((r) => r.id);
  it('has an example', () => expect(ids.filter((id) => !EXAMPLES[id])).toEqual([]));
  it('has a unique id', () => expect(new Set(ids).size).toBe(ids.length));
  for (const [id, [sentence, triple]] of Object.entries(EXAMPLES)) {
    it(`${id} fires on "${sentence}"`, () => {
      const found = readText(sentence).relations.map((r) => `${r.source} ${r.type} ${r.target} [${r.rule}]`);
      expect(found).toContain(`${triple} [${id}]`);
    });
  }
});

describe('an agreement named with its party', () => {
  const run = runPipeline([{ name: 'a.txt', text: 'In 2019 the Government ratified the treaty of mutual legal assistance with the Kingdom of Norway. A new agreement is under study.\n' }]);
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  const b = run.value.bundle;
  it('is an agreement by its name as printed, and its party is PARTY_TO it on the evidence of that name', () => {
    const agreement = b.entities.find((e) => e.type === 'Agreement');
    expect(agreement?.name).toBe('treaty of mutual legal assistance with the Kingdom of Norway');
    const party = b.relations.find((r) => r.type === 'PARTY_TO' && r.target === agreement!.id);
    expect(party?.source).toBe('country:norway');
    expect(party?.properties.rule).toBe('agreement.with-in-name');
    expect(party?.evidence[0]!.quote).toBe('treaty of mutual legal assistance with the Kingdom of Norway');
  });
  it('names no agreement by a phrase without its party', () => expect(b.entities.filter((e) => e.type === 'Agreement')).toHaveLength(1));
});

describe('a body made by an instrument named for making it', () => {
  const run = runPipeline([{ name: 'e.txt', text: 'The Decree on the Establishment of the Maritime Safety Authority was signed in 2011.\n' }]);
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  const b = run.value.bundle;
  it('is a body of its own, ESTABLISHED_BY the instrument on the evidence of its name', () => {
    const body = b.entities.find((e) => e.name === 'Maritime Safety Authority');
    expect(body?.type).toBe('GovernmentBody');
    const made = b.relations.find((r) => r.type === 'ESTABLISHED_BY' && r.source === body!.id);
    expect(made?.properties.rule).toBe('creation.in-name');
    expect(b.entities.find((e) => e.id === made!.target)?.name).toBe('Decree on the Establishment of the Maritime Safety Authority');
    expect(made?.evidence[0]!.quote).toBe('Decree on the Establishment of the Maritime Safety Authority');
  });
  it('reads no body from an instrument on another subject', () => {
    const other = runPipeline([{ name: 'f.txt', text: 'The Decree on the Management of the Coastal Zone was signed in 2011.\n' }]);
    if (!other.ok) throw new Error('pipeline failed');
    expect(other.value.bundle.relations.filter((r) => r.type === 'ESTABLISHED_BY')).toEqual([]);
  });
});
