/**
 * Type definitions for @neo4j/graphql over this project's Neo4j layout
 * (graph-seed/src/export/neo4j-model.ts), written the way that library is meant to be used:
 * one node type per label, one relationship field per relationship type and direction, the
 * relationship properties typed, and the existing full-text index for search.
 */
import { RELATION_TYPES } from '../../../graph-seed/src/model/ontology';

/** UPPER_SNAKE to PascalCase: ISSUED_BY -> IssuedBy. */
const pascal = (t: string) => t.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/** The relationship field for a type and direction: outIssuedBy, inIssuedBy. */
export const relationField = (type: string, direction: 'OUT' | 'IN') => `${direction === 'OUT' ? 'out' : 'in'}${pascal(type)}`;

export function peerTypeDefs(): string {
  const relationFields = RELATION_TYPES.flatMap((t) =>
    (['OUT', 'IN'] as const).map((d) => `  ${relationField(t, d)}: [Entity!]! @relationship(type: "${t}", direction: ${d}, properties: "RelationProps")`),
  ).join('\n');
  return `
type Entity @node @fulltext(indexes: [{ indexName: "entity_search", queryName: "entitySearch", fields: ["searchText"] }]) {
  id: ID!
  type: String!
  name: String!
  aliases: [String!]
  properties: String
  evidence: String
  searchText: String
  mentionCount: Int
  mentionedIn: [Passage!]! @relationship(type: "MENTIONED_IN", direction: OUT, properties: "MentionProps")
${relationFields}
}

type Passage @node {
  id: ID!
  documentId: String!
  order: Int!
  kind: String!
  text: String!
  mentions: [Entity!]! @relationship(type: "MENTIONED_IN", direction: IN, properties: "MentionProps")
  cites: [Entity!]! @relationship(type: "CITATION", direction: OUT, properties: "CitationProps")
}

type RelationProps @relationshipProperties {
  id: ID!
  properties: String
  evidence: String
}

type MentionProps @relationshipProperties {
  start: Int!
  end: Int!
  text: String!
}

type CitationProps @relationshipProperties {
  seq: Int!
  evidence: String
  inherited: Boolean
}
`;
}
