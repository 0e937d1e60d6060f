import { describe, expect, it } from 'vitest';
import { batchedQuery } from '../../server/src/store/neo4j/batch';

describe('batchedQuery', () => {
  it('takes parameters from the member row, carried through every WITH and subquery import', () => {
    const q = batchedQuery(
      `MATCH (s:GraphState {key: 'active'}) UNWIND $ids AS id MATCH (e:Entity {uid: s.gen + '|' + id})
       CALL (e) { MATCH (e)-[m]->(p) WITH DISTINCT m, p ORDER BY p.order SKIP $offset LIMIT $limit RETURN collect(m) AS ms }
       RETURN id, ms`,
      ['id', 'ms'],
    )!;
    expect(q.fixed).toEqual(['offset', 'limit']);
    expect(q.cypher).toBe(
      'UNWIND range(0, size($batch) - 1) AS member_index WITH member_index, $batch[member_index] AS member CALL (member) { ' +
        "MATCH (s:GraphState {key: 'active'}) UNWIND member.ids AS id MATCH (e:Entity {uid: s.gen + '|' + id}) " +
        'CALL (member, e) { MATCH (e)-[m]->(p) WITH DISTINCT member, m, p ORDER BY p.order SKIP $offset LIMIT $limit RETURN collect(m) AS ms } ' +
        'RETURN id, ms } RETURN member_index, id, ms',
    );
  });

  it('imports the member row into subqueries that import nothing, and leaves procedure calls alone', () => {
    const q = batchedQuery("RETURN COLLECT { CALL () { CALL db.index.fulltext.queryNodes('x', $q, {limit: $cap}) YIELD node RETURN node } RETURN node.id } AS r0", ['r0'])!;
    expect(q.fixed).toEqual([]);
    expect(q.cypher).toContain("COLLECT { CALL (member) { CALL db.index.fulltext.queryNodes('x', member.q, {limit: member.cap}) YIELD node");
  });

  it('declines reads it cannot rewrite safely', () => {
    expect(batchedQuery('MATCH (n) WITH * RETURN n', ['n'])).toBeNull();
    expect(batchedQuery('MATCH (n) CALL (*) { RETURN n.x AS x } RETURN x', ['x'])).toBeNull();
    expect(batchedQuery('MATCH (member) RETURN member', ['member'])).toBeNull();
    expect(batchedQuery('UNWIND $batch AS x RETURN x', ['x'])).toBeNull();
    expect(batchedQuery('RETURN 1 AS member_index', ['member_index'])).toBeNull();
    expect(batchedQuery("RETURN 'WITH x' AS t", ['t'])).toBeNull();
    expect(batchedQuery("RETURN '$x' AS t", ['t'])).toBeNull();
    expect(batchedQuery("RETURN '|' + $x AS t", ['t'])).not.toBeNull();
  });
});
