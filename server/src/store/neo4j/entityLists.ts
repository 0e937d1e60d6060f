/**
 * Cypher for filtered, ordered entity lists: every condition and order of an EntityFilter and
 * EntityOrder becomes part of one MATCH ... WHERE ... ORDER BY, so Neo4j filters, sorts and
 * pages. Values travel as parameters; relationship types come only from the ontology's closed
 * list. The memory store answers the same (memory/entityLists.ts).
 */
import { CITATION_REL, MENTION_REL } from '../../../../graph-seed/src/export/neo4j-model';
import { ENTITY_TYPES, RELATION_TYPES } from '../../../../graph-seed/src/model/ontology';
import { propertyNeedle, type EntityFilter, type EntityOrder, type EntityOrderField, type RelationFilter } from '../GraphStore';
import { searchText } from '../../../../graph-seed/src/export/neo4j-model';

const ANY_RELATION = `!${MENTION_REL}&!${CITATION_REL}`;

/**
 * A relation filter's types, from the closed list only, in the ontology's order and each once;
 * null for any relation, and an empty list when none of them is known.
 */
const typesOf = (types: readonly string[] | null) => (types ? RELATION_TYPES.filter((t) => types.includes(t)) : null);

/** The sort key of one order field, as a Cypher expression over `x`. */
const KEY: Record<EntityOrderField, string> = {
  ID: 'x.id',
  NAME: 'toLower(x.name)',
  MENTIONS: 'x.mentionCount',
  DEGREE: `COUNT { (x)-[:${ANY_RELATION}]-() }`,
  FIRST_MENTION: `COLLECT { MATCH (x)-[:${MENTION_REL}]->(p:Passage) RETURN p.order AS o ORDER BY o LIMIT 1 }[0]`,
};

export interface EntityListQuery {
  /** MATCH and WHERE, from the active state `s` to each matching entity `x`. */
  match: string;
  /** WITH ... ORDER BY over `x`. */
  order: string;
  params: Record<string, unknown>;
  /** No entity can match (a relation filter with no known type, an unknown entity type). */
  empty: boolean;
}

/** The pattern for one relation filter, as an EXISTS condition on `x`. */
function relationCondition(r: RelationFilter, i: number, params: Record<string, unknown>): string | null {
  const types = typesOf(r.types);
  if (types && !types.length) return null;
  // Types, direction and other end travel as parameters: a client's choice of them is no new
  // text for Neo4j to plan (each new text of this query cost up to a second of planning), only
  // the number of conditions is.
  params[`relTypes${i}`] = types ?? [...RELATION_TYPES];
  params[`relDir${i}`] = r.direction;
  params[`rel${i}`] = r.to ?? null;
  const [rel, other, dir, to] = [`r${i}`, `o${i}`, `$relDir${i}`, `$rel${i}`];
  return (
    `EXISTS { MATCH (x)-[${rel}]-(${other}) WHERE type(${rel}) IN $relTypes${i}` +
    ` AND (${dir} = 'BOTH' OR (${dir} = 'OUT' AND startNode(${rel}) = x) OR (${dir} = 'IN' AND endNode(${rel}) = x))` +
    ` AND (${to} IS NULL OR ${other}.uid = s.gen + '|' + ${to}) }`
  );
}

/**
 * The query parts for a filter and an order. `among`: the only ids that may match (the answers of
 * a name search), or null.
 */
export function entityListQuery(filter: EntityFilter, order: readonly EntityOrder[], among: string[] | null, state: string): EntityListQuery {
  const params: Record<string, unknown> = {};
  const where = ['x.gen = s.gen'];
  let empty = false;
  const types = filter.types?.filter((t) => (ENTITY_TYPES as readonly string[]).includes(t)) ?? null;
  if (types && !types.length) empty = true;
  // One type: its label narrows the match; several: a list.
  const label = types?.length === 1 ? `:${types[0]}` : '';
  if (types && types.length > 1) {
    where.push('x.type IN $types');
    params.types = types;
  }
  if (among) {
    where.push('x.id IN $among');
    params.among = among;
  }
  if (filter.nameContains != null) {
    where.push('x.searchText CONTAINS $contains');
    params.contains = searchText(filter.nameContains);
  }
  if (filter.document) {
    where.push(`EXISTS { MATCH (x)-[:${MENTION_REL}]->(dp:Passage) WHERE dp.documentId = $document }`);
    params.document = filter.document;
  }
  if (filter.minMentions != null) {
    where.push('x.mentionCount >= $minMentions');
    params.minMentions = filter.minMentions;
  }
  if (filter.property) {
    where.push('x.properties CONTAINS $needle');
    params.needle = propertyNeedle(filter.property.key, filter.property.value);
  }
  (filter.relations ?? []).forEach((r, i) => {
    const condition = relationCondition(r, i, params);
    if (condition) where.push(condition);
    else empty = true;
  });
  const keys = [...order, { field: 'ID', direction: 'ASC' } as const];
  const withKeys = keys.map((o, i) => `${KEY[o.field]} AS k${i}`).join(', ');
  // Entities never mentioned come last in either direction of FIRST_MENTION.
  const by = keys.map((o, i) => (o.field === 'FIRST_MENTION' ? `k${i} IS NULL, k${i} ${o.direction}` : `k${i} ${o.direction}`)).join(', ');
  return {
    match: `${state} MATCH (x:Entity${label}) WHERE ${where.join(' AND ')}`,
    order: `WITH x, ${withKeys} ORDER BY ${by}`,
    params,
    empty,
  };
}
