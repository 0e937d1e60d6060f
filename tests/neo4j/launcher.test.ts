/** The Neo4j the tests run against answers Bolt as Neo4j 5.26 community. */
import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';

describe('Neo4j for the tests', () => {
  it('answers Cypher over Bolt as Neo4j 5.26', async () => {
    const { uri, user, password } = inject('neo4j');
    const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
    try {
      const res = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
      expect(res.records[0]!.get('version')).toMatch(/^5\.26\./);
      const echo = await driver.executeQuery('RETURN $x AS x', { x: 'κόσμε' });
      expect(echo.records[0]!.get('x')).toBe('κόσμε');
    } finally {
      await driver.close();
    }
  });
});
