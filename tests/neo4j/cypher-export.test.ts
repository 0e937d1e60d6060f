/**
 * The Cypher script export run statement by statement (as cypher-shell runs it) against the real
 * Neo4j, then read back: counts per label and relationship type, the store's answers and a sample
 * of properties compared with the bundle. Running it twice changes nothing.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cypherLiteral, cypherScript, scriptStatements } from '../../graph-seed/src/export/cypher';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
let store: Neo4jGraphStore;

async function runScript() {
  const session = store.driver.session();
  try {
    for (const statement of scriptStatements(cypherScript(bundle))) await session.run(statement);
  } finally {
    await session.close();
  }
}

async function counts() {
  const q = async (cypher: string) => Object.fromEntries((await store.driver.executeQuery(cypher, {}, { routing: neo4j.routing.READ })).records.map((r) => [r.get(0), Number(r.get(1))]));
  return {
    labels: await q('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*)'),
    types: await q('MATCH ()-[r]->() RETURN type(r), count(*)'),
  };
}

beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  await runScript();
});
afterAll(async () => {
  await store?.close();
});

describe('Cypher script export in Neo4j', () => {
  it('gives the counts of the bundle per label and relationship type', async () => {
    const { labels, types } = await counts();
    expect(labels.Entity).toBe(bundle.entities.length);
    expect(labels.Passage).toBe(bundle.passages.length);
    expect(labels.Ministry).toBe(bundle.entities.filter((e) => e.type === 'Ministry').length);
    expect(labels.GraphState).toBe(1);
    expect(types.MENTIONED_IN).toBe(bundle.mentions.length);
    expect(types.CITATION).toBe(bundle.citations.length);
    for (const t of new Set(bundle.relations.map((r) => r.type))) expect(types[t], t).toBe(bundle.relations.filter((r) => r.type === t).length);
  });

  it('serves the same answers as the bundle: version, stats, a sample of entities, passages and records', async () => {
    const memory = new MemoryGraphStore(bundle);
    expect(await store.info()).toEqual({ backend: 'neo4j', version: bundle.version });
    expect(await store.stats()).toEqual(await memory.stats());
    const sample = bundle.entities.filter((_, i) => i % 11 === 0).map((e) => e.id);
    expect(await store.entities(sample)).toEqual(await memory.entities(sample));
    expect(await store.relationsOf(sample, { direction: 'BOTH', types: null, limit: 100 })).toEqual(await memory.relationsOf(sample, { direction: 'BOTH', types: null, limit: 100 }));
    const passages = bundle.passages.filter((_, i) => i % 9 === 0).map((p) => p.id);
    expect(await store.passages(passages)).toEqual(await memory.passages(passages));
    expect(await store.mentionsIn(passages)).toEqual(await memory.mentionsIn(passages));
    expect(await store.tables()).toEqual(await memory.tables());
    expect((await store.search('molvt', null, 1))[0]!.entity.id).toBe('ministry:molvt');
  });

  it('changes nothing when run again', async () => {
    const before = await counts();
    await runScript();
    expect(await counts()).toEqual(before);
  });

  it('writes string literals Neo4j reads back exactly', async () => {
    const nasty = ["it's", 'back\\slash', 'line\nbreak\r\ttab', "'}) MATCH (n) DETACH DELETE n //", 'κόσμε ☃ 𝄞', '\u0000\u001f\u2028', '$param {not: a map}'];
    const res = await store.driver.executeQuery(`RETURN ${cypherLiteral(nasty)} AS xs`);
    expect(res.records[0]!.get('xs')).toEqual(nasty);
  });
});
