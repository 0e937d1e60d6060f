/**
 * Every relation rule has an example sentence, worded unlike the bundled report, on which it
 * fires with the expected triple: a rule added without one fails here.
 */
import { describe, expect, it } from 'vitest';
import { readText } from '../../graph-seed/src/nlp/read-text';
import { RELATION_RULES } from '../../graph-seed/src/nlp/relation-rules';

const EXAMPLES: Record<string, [string, string]> = {
  'creation.passive': ['The Housing Fund was set up by the Ministry of Finance in 1999.', 'housing-fund ESTABLISHED_BY ministry-of-finance'],
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
  'structure.composition': ['The Flood Council is made up of the Ministry of Water and the Rivers Agency.', 'rivers-agency MEMBER_OF flood-council'],
  'structure.reports-to': ['The Internal Audit Agency is accountable to the Council of Ministers.', 'internal-audit-agency REPORTS_TO council-of-ministers'],
  'funding.passive': ['The Irrigation Project was funded by the Islamic Development Bank.', 'irrigation-project FUNDED_BY islamic-development-bank'],
  'funding.active': ['The Global Fund financed the Malaria Programme.', 'malaria-programme FUNDED_BY global-fund'],
  'work.conducted': ['The Statistics Office conducted the Labour Force Survey in 2018.', 'labour-force-survey CONDUCTED_BY statistics-office'],
  'work.conducted-by': ['The Demographic Survey is administered by the Population Bureau.', 'demographic-survey CONDUCTED_BY population-bureau'],
  'work.implemented-by': ['The Forest Law is enforced by the Forestry Administration.', 'forestry-administration IMPLEMENTS forest-law'],
  'work.focal-point': ['The Coastal Project works with the Ministry of Environment as focal point.', 'ministry-of-environment FOCAL_POINT_OF coastal-project'],
  'work.partner': ['The Literacy Project partnered with the Teachers Association.', 'teachers-association PARTICIPATES_IN literacy-project'],
  'work.participates': ['The Ministry of Defence takes part in the Border Committee.', 'ministry-of-defence MEMBER_OF border-committee'],
  'work.member': ['The Ministry of Trade became a member of the Codex Alimentarius Commission.', 'ministry-of-trade MEMBER_OF codex-alimentarius-commission'],
  'agreement.signed': ['The Ministry of Labour signed the Seasonal Workers Agreement.', 'ministry-of-labour SIGNED seasonal-workers-agreement'],
  'agreement.signed-by': ['The Transit Treaty was signed by the Ministry of Foreign Affairs.', 'ministry-of-foreign-affairs SIGNED transit-treaty'],
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
  'law.issued': ['The Council of Ministers adopted the Green Growth Strategy.', 'green-growth-strategy ISSUED_BY council-of-ministers'],
};

describe('every relation rule', () => {
  it('has an example', () => expect(RELATION_RULES.map((r) => r.id).filter((id) => !EXAMPLES[id])).toEqual([]));
  it('has a unique id', () => expect(new Set(RELATION_RULES.map((r) => r.id)).size).toBe(RELATION_RULES.length));
  for (const [id, [sentence, triple]] of Object.entries(EXAMPLES)) {
    it(`${id} fires on "${sentence}"`, () => {
      const found = readText(sentence).relations.map((r) => `${r.source} ${r.type} ${r.target} [${r.rule}]`);
      expect(found).toContain(`${triple} [${id}]`);
    });
  }
});
