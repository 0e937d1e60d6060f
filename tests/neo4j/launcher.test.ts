/** The embedded Neo4j the project owns starts, answers Bolt as 5.26 community, and stops. */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNeo4j, type TestNeo4j } from '../helpers/neo4j';

let db: TestNeo4j;
beforeAll(async () => {
  db = await testNeo4j();
}, 300_000);
afterAll(async () => {
  await db?.stop();
});

describe('Neo4j for the tests', () => {
  it('answers Cypher over Bolt as Neo4j 5.26', async () => {
    const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
    try {
      const res = await driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition');
      expect(res.records[0]!.get('version')).toMatch(/^5\.26\./);
      const echo = await driver.executeQuery('RETURN $x AS x', { x: 'κόσμε' });
      expect(echo.records[0]!.get('x')).toBe('κόσμε');
    } finally {
      await driver.close();
    }
  });

  it('stops when asked', async () => {
    if (!db.embedded) return expect(process.env.NEO4J_URI).toBeTruthy();
    await db.embedded.stop();
    expect(db.embedded.process.exitCode !== null || db.embedded.process.signalCode !== null).toBe(true);
  });
});
