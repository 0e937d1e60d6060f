/** The operations the explorer sends, and the shapes of their answers. */
export interface EntityRef {
  id: string;
  type: string;
  name: string;
}

export interface EvidenceData {
  start: number;
  end: number;
  quote: string;
  passage: { id: string; section: string | null; page?: number | null; pageLabel?: string | null };
}

export interface RelationData {
  id: string;
  type: string;
  source: EntityRef;
  target: EntityRef;
  properties: Record<string, unknown>;
  evidence: EvidenceData[];
  /** How the relation came into the graph (CURATED, AUTOMATIC, EXTRACTED), with an automatic one's rule and confidence. */
  origin: string | null;
  rule: string | null;
  confidence: number | null;
}

export interface MentionData {
  start: number;
  end: number;
  text: string;
  passage: { id: string; section: string | null; label: string | null; text: string; page?: number | null; pageLabel?: string | null };
}

export interface EntityData extends EntityRef {
  aliases: string[];
  properties: Record<string, unknown>;
  mentionCount: number;
  mentions: MentionData[];
  relations: RelationData[];
  statement?: string;
  evidence?: EvidenceData[];
  citations?: (EntityRef & { usesData?: EntityRef[] })[];
  about?: EntityRef[];
}

const REF = 'id type name';
const EVIDENCE = 'start end quote passage { id section page pageLabel }';
const RELATION = `id type properties origin rule confidence source { ${REF} } target { ${REF} } evidence { ${EVIDENCE} }` as const;

export const SEARCH = `query Search($q: String!, $limit: Int) { search(query: $q, limit: $limit) { score entity { ${REF} aliases } } }` as const;
export interface SearchData {
  search: { score: number; entity: EntityRef & { aliases: string[] } }[];
}

export const ENTITY_REF = `query EntityRef($id: ID!) { entity(id: $id) { ${REF} } }` as const;

export const ENTITY = `query Entity($id: ID!) {
  entity(id: $id) {
    ${REF} aliases properties mentionCount
    mentions(limit: 500) { start end text passage { id section label text page pageLabel } }
    relations(limit: 500) { ${RELATION} }
    ... on Finding { statement evidence { ${EVIDENCE} } citations { ${REF} ... on Study { usesData { ${REF} } } } about { ${REF} } }
  }
}` as const;
export interface EntityResult {
  entity: EntityData | null;
}

export const NEIGHBORHOOD = `query Neighborhood($ids: [ID!]!, $depth: Int, $relationTypes: [String!], $limit: Int) {
  neighborhood(ids: $ids, depth: $depth, relationTypes: $relationTypes, limit: $limit) {
    truncated nodes { ${REF} } relations { id type source { id } target { id } }
  }
}` as const;
export interface NeighborhoodData {
  neighborhood: { truncated: boolean; nodes: EntityRef[]; relations: { id: string; type: string; source: { id: string }; target: { id: string } }[] };
}

export const PATH = `query Path($from: ID!, $to: ID!, $maxLength: Int) {
  path(from: $from, to: $to, maxLength: $maxLength) { nodes { ${REF} } relations { ${RELATION} } }
}` as const;
export interface PathData {
  path: { nodes: EntityRef[]; relations: RelationData[] } | null;
}

export interface PassageData {
  id: string;
  order: number;
  kind: string;
  label: string | null;
  section: string | null;
  text: string;
  /** Page the passage starts on, when the report was read from a PDF. */
  page?: number | null;
  pageLabel?: string | null;
  mentions: { start: number; end: number; entity: EntityRef }[];
  citations: EntityRef[];
}

export const DOCUMENT = `query Document {
  documents {
    id title publisher year
    exhibits { label title passage { id } }
    chapters { number title sections { title passages { id order kind label section text page pageLabel mentions { start end entity { ${REF} } } citations { ${REF} } } } }
  }
}` as const;
export interface DocumentData {
  documents: {
    id: string;
    title: string;
    publisher: string | null;
    year: number | null;
    exhibits: { label: string; title: string; passage: { id: string } | null }[];
    chapters: { number: string; title: string; sections: { title: string; passages: PassageData[] }[] }[];
  }[];
}

export const FINDINGS = `query Findings { findings(limit: 1000) { ${REF} statement about { ${REF} } citations { ${REF} } } }` as const;
export interface FindingsData {
  findings: (EntityRef & { statement: string; about: EntityRef[]; citations: EntityRef[] })[];
}

export const TABLES = `query Tables { tables { id number title subtitle labelHeader columns source notes rows { label group values } passage { id } } }` as const;
export interface TableData {
  id: string;
  number: string;
  title: string;
  /** Printed under the title: the unit or the scope ("(%)", "Thousands of workers"). */
  subtitle: string | null;
  /** The heading of the label column, when printed. */
  labelHeader: string | null;
  columns: string[];
  source: string | null;
  notes: string[];
  rows: { label: string; group: string | null; values: string[] }[];
  passage: { id: string } | null;
}

export const DISCREPANCIES = `query Discrepancies { discrepancies { id note subject { ${REF} } statements { ${EVIDENCE} } } }` as const;
export interface DiscrepancyData {
  id: string;
  note: string;
  subject: EntityRef;
  statements: EvidenceData[];
}

const DATED = `${REF} properties` as const;
export const TIMELINE = `query Timeline {
  instruments: entities(type: "LegalInstrument", limit: 1000) { ${DATED} }
  agreements: entities(type: "Agreement", limit: 1000) { ${DATED} }
  policies: entities(type: "Policy", limit: 1000) { ${DATED} }
  bodies: entities(type: "GovernmentBody", limit: 1000) { ${DATED} }
  committees: entities(type: "Committee", limit: 1000) { ${DATED} }
}` as const;
export type TimelineData = Record<'instruments' | 'agreements' | 'policies' | 'bodies' | 'committees', (EntityRef & { properties: Record<string, unknown> })[]>;

export const ENTITY_LISTS = `query Lists($types: [String!]) { stats { entityTypes { type count } relationTypes { type count } } }` as const;
export interface StatsData {
  stats: { entityTypes: { type: string; count: number }[]; relationTypes: { type: string; count: number }[] };
}

// --- The explorer's exports: the evidence of every relation among the drawn entities.
export const SUBGRAPH_EVIDENCE = `query SubgraphEvidence($ids: [ID!]!, $limit: Int) {
  neighborhood(ids: $ids, depth: 0, limit: $limit) { relations { id evidence { ${EVIDENCE} } } }
}` as const;
export interface SubgraphEvidenceData {
  neighborhood: { relations: { id: string; evidence: EvidenceData[] }[] };
}
