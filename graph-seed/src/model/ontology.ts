/**
 * The single ontology module: every entity type, relation type and passage kind the graph may
 * hold. shared/docs/ontology.md describes the vocabulary in prose; a type used anywhere in the
 * code or in curation files must be listed here.
 */

export const ENTITY_TYPES = [
  'Document',
  'Ministry',
  'GovernmentBody',
  'Committee',
  'InternationalOrganization',
  'ResearchOrganization',
  /** An organisation recognised from an acronym definition whose kind the text does not settle. */
  'Organization',
  'LegalInstrument',
  'Agreement',
  'Policy',
  'Programme',
  'Project',
  'Dataset',
  'Study',
  'Person',
  'Country',
  'Region',
  'Province',
  'Sector',
  'MigrationDimension',
  'Finding',
  'Recommendation',
  'Statistic',
  'Table',
  'Figure',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATION_TYPES = [
  'PART_OF',
  'SUBORDINATE_TO',
  'PREDECESSOR_OF',
  'ESTABLISHED_BY',
  'ISSUED_BY',
  'IMPLEMENTS',
  'SUPERSEDES',
  'PARTY_TO',
  'GOVERNS',
  /** An instrument or policy that assigns a task to a body (the July 2013 guideline requires MOLVT...). */
  'MANDATES',
  /** A policy that names a programme as one of its tools (the National Employment Policy highlights TVET). */
  'PROMOTES',
  'RESPONSIBLE_FOR',
  'CHAIRS',
  'VICE_CHAIRS',
  'MEMBER_OF',
  'PARTICIPATES_IN',
  'FUNDED_BY',
  'CONDUCTED_BY',
  'FOCAL_POINT_OF',
  'AUTHORED_BY',
  'PUBLISHED_BY',
  'USES_DATA',
  'CITES',
  'SUPPORTED_BY',
  'ABOUT',
  'RECOMMENDS',
  'DESTINATION_OF',
  'MEASURES',
  'LOCATED_IN',
  /** A dataset or survey that covers a place (the CRUMP survey covered Pailin, Takeo...). */
  'COVERS',
  /** A body or office-holder appointed by another body ("members appointed by the Council"). */
  'APPOINTED_BY',
  /** A body that reports to, or is accountable to, another. */
  'REPORTS_TO',
  /** An instrument that amends another. */
  'AMENDS',
  /** An instrument that repeals, revokes or replaces another. */
  'REPEALS',
  /** A party that signed an agreement. */
  'SIGNED',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * Relation types for which one subject has one true target. Two different targets stated in the
 * text are a discrepancy (two different instruments said to establish one body).
 */
export const FUNCTIONAL_RELATIONS: ReadonlySet<RelationType> = new Set<RelationType>([
  'ESTABLISHED_BY',
  'CHAIRS',
]);

export const PASSAGE_KINDS = [
  'paragraph',
  'heading',
  'list-item',
  'table',
  'figure',
  'box-title',
  'note',
] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

/** Id prefix per entity type: ids read `ministry:molvt`, `study:tong-2012`, `country:thailand`. */
export const ID_PREFIX: Record<EntityType, string> = {
  Document: 'doc',
  Ministry: 'ministry',
  GovernmentBody: 'body',
  Committee: 'committee',
  InternationalOrganization: 'org',
  ResearchOrganization: 'org',
  Organization: 'org',
  LegalInstrument: 'instrument',
  Agreement: 'agreement',
  Policy: 'policy',
  Programme: 'programme',
  Project: 'project',
  Dataset: 'dataset',
  Study: 'study',
  Person: 'person',
  Country: 'country',
  Region: 'region',
  Province: 'province',
  Sector: 'sector',
  MigrationDimension: 'dimension',
  Finding: 'finding',
  Recommendation: 'recommendation',
  Statistic: 'stat',
  Table: 'table',
  Figure: 'figure',
};

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}

/** Lower-case, ASCII, hyphen-separated: the readable tail of every id. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
