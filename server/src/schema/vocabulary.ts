/**
 * The ontology's vocabulary as GraphQL enums, generated from graph-seed's ontology module so the
 * schema can never drift from what the graph holds. Each value is described for a user of the
 * API; a type added to the ontology without a description here fails the type check.
 */
import type { EntityType, RelationType } from '../../../graph-seed/src/model/ontology';
import { ENTITY_TYPES, RELATION_TYPES } from '../../../graph-seed/src/model/ontology';

const ENTITY_TYPE_DOCS: Record<EntityType, string> = {
  Document: 'A report of the collection, as an entity of the graph.',
  Ministry: 'A ministry of a government (MOLVT, the Ministry of Interior).',
  GovernmentBody: 'A government body other than a ministry: a council, a department, a directorate, a national institute.',
  Committee: 'A committee, taskforce or working group.',
  InternationalOrganization: 'An international organisation (OECD, IOM, the World Bank).',
  ResearchOrganization: 'A research institute (CDRI, TDRI).',
  Organization: 'An organisation the text names without saying what kind it is.',
  LegalInstrument: 'A sub-decree, prakas, act or law.',
  Agreement: 'A memorandum of understanding or other agreement between parties.',
  Policy: 'A policy, plan, strategy or guideline.',
  Programme: 'A public programme (vocational training, subsidies, scholarships).',
  Project: 'A project, such as a research project.',
  Dataset: 'A survey or dataset (CSES 2007, the IPPMD household survey).',
  Study: 'A cited source: a study, report or database.',
  Person: 'A person, such as the author of a cited study.',
  Country: 'A country.',
  Region: 'A region of several countries (ASEAN).',
  Province: 'A province.',
  Sector: 'A policy sector (labour market, agriculture, education).',
  MigrationDimension: 'A dimension of migration (emigration, remittances, return migration, immigration).',
  Finding: 'A claim the report makes or reports, with the studies it rests on.',
  Recommendation: 'A policy recommendation of the report.',
  Statistic: 'A figure with value, unit and year, from prose or a table.',
  Table: 'A numbered table of the report, as an entity of the graph.',
  Figure: 'A numbered figure of the report, as an entity of the graph.',
};

const RELATION_TYPE_DOCS: Record<RelationType, string> = {
  PART_OF: 'The source is part of the target (a department of a ministry, a programme of a plan).',
  SUBORDINATE_TO: 'The source reports to the target.',
  PREDECESSOR_OF: 'The source came before the target and was replaced by it.',
  ESTABLISHED_BY: 'The source body was established by the target instrument.',
  ISSUED_BY: 'The source policy or instrument was issued by the target body.',
  IMPLEMENTS: 'The source body implements the target agreement or policy.',
  SUPERSEDES: 'The source instrument replaces the target.',
  PARTY_TO: 'The source is a party to the target agreement.',
  GOVERNS: 'The source instrument governs the target programme or flow.',
  MANDATES: 'The source instrument or policy assigns a task to the target body.',
  PROMOTES: 'The source policy names the target programme as one of its tools.',
  RESPONSIBLE_FOR: 'The source body is responsible for the target.',
  CHAIRS: 'The source chairs the target committee.',
  VICE_CHAIRS: 'The source vice-chairs the target committee.',
  MEMBER_OF: 'The source is a member of the target.',
  PARTICIPATES_IN: 'The source takes part in the target.',
  FUNDED_BY: 'The source is funded by the target.',
  CONDUCTED_BY: 'The source survey or project is conducted by the target.',
  FOCAL_POINT_OF: 'The source is the focal point of the target.',
  AUTHORED_BY: 'The source study was written by the target person.',
  PUBLISHED_BY: 'The source study was published by the target organisation.',
  USES_DATA: 'The source study uses the target dataset.',
  CITES: 'The source cites the target.',
  SUPPORTED_BY: 'The source finding or recommendation rests on the target study, dataset or finding.',
  ABOUT: 'The source finding, policy or recommendation is about the target.',
  RECOMMENDS: 'The source recommends the target.',
  DESTINATION_OF: 'The source place is a destination of the target flow of migrants.',
  MEASURES: 'The source statistic measures the target.',
  LOCATED_IN: 'The source is located in the target place.',
  COVERS: 'The source survey or dataset covers the target place.',
  APPOINTED_BY: 'The source body or its members are appointed by the target.',
  REPORTS_TO: 'The source body reports to, or is accountable to, the target.',
  AMENDS: 'The source instrument amends the target instrument.',
  REPEALS: 'The source instrument repeals, revokes or replaces the target instrument.',
  SIGNED: 'The source signed the target agreement.',
};

const quote = (text: string) => JSON.stringify(text);

/** SDL of the EntityType and RelationType enums. */
export function vocabularySdl(): string {
  const values = (names: readonly string[], docs: Record<string, string>) => names.map((n) => `  ${quote(docs[n]!)}\n  ${n}`).join('\n');
  return `"An entity type of the ontology (shared/docs/ontology.md); the same names Entity.type gives as strings."
enum EntityType {
${values(ENTITY_TYPES, ENTITY_TYPE_DOCS)}
}

"A relation type of the ontology; the same names Relation.type gives as strings. A relation reads source TYPE target."
enum RelationType {
${values(RELATION_TYPES, RELATION_TYPE_DOCS)}
}
`;
}
