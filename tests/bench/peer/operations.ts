/**
 * The benchmark's questions as the peer asks them (see peerTypeDefs). Where the peer's schema
 * cannot ask a question, `peer` is null and `why` says so.
 */
import { RELATION_TYPES } from '../../../graph-seed/src/model/ontology';
import { relationField } from './schema';

/** Every relationship field, both directions: the peer's way to ask for all of an entity's relations. */
const allRelations = (selection: string, args = '') =>
  RELATION_TYPES.flatMap((t) => (['OUT', 'IN'] as const).map((d) => `${relationField(t, d)}${args} ${selection}`)).join(' ');

export const PEER_QUERIES: Record<string, { peer: string | null; why?: string }> = {
  'entity search': { peer: '{ entitySearch(phrase: "labour migration", first: 10) { edges { score node { id name type } } } }' },
  'entity with relations and mentions': {
    peer: `{ entities(where: { id: { eq: "ministry:molvt" } }) { id name type aliases ${RELATION_TYPES.flatMap((t) =>
      (['OUT', 'IN'] as const).map((d) => `${relationField(t, d)}Connection(first: 100) { edges { properties { id properties evidence } node { id name type } } }`),
    ).join(' ')} mentionedInConnection(first: 20, sort: [{ node: { order: ASC } }]) { edges { properties { start end text } node { id } } } } }`,
  },
  'neighbourhood depth 1': {
    peer: `{ entities(where: { id: { eq: "ministry:molvt" } }) { id name type ${allRelations('{ id name type }', '(limit: 200)')} } }`,
    why: 'the peer lists neighbours field by field; it cannot cap the whole neighbourhood at 200 nodes, flag truncation, or return the relations among the neighbours',
  },
  'neighbourhood depth 2 (limit 200)': {
    peer: null,
    why: 'two hops over every relationship type means nesting all relationship fields inside all of them again (thousands of fields), with no cap on the total; not a query anyone would send',
  },
  'shortest path': { peer: null, why: 'the generated API has no path query; it would take a hand-written @cypher field' },
  'passage with mentions and citations': {
    peer: '{ passages(where: { id: { eq: "p:2-004" } }) { id text mentionsConnection(sort: [{ edge: { start: ASC } }]) { edges { properties { start end } node { id name type } } } cites { id name } } }',
  },
  'filtered entities (second page)': {
    // The library's cursors are base64 of "arrayconnection:<position>".
    peer: `{ entitiesConnection(first: 10, after: "${Buffer.from('arrayconnection:9').toString('base64')}", where: { type: { in: ["Ministry", "Committee", "GovernmentBody"] }, OR: [${['PARTICIPATES_IN', 'RESPONSIBLE_FOR', 'CHAIRS', 'VICE_CHAIRS', 'MEMBER_OF'].map((t) => `{ ${relationField(t, 'OUT')}: { some: { id: { startsWith: "" } } } }`).join(', ')}] }, sort: [{ mentionCount: DESC }, { id: ASC }]) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name type mentionCount } } } }`,
  },
  'finding traced to its studies': {
    peer: '{ entities(where: { id: { eq: "finding:tong-remittances-reduce-poverty" } }) { id name properties evidence outSupportedBy { id name type properties outUsesData { id name } } outAbout { id name } } }',
  },
};
