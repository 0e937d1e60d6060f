/**
 * The two adapters answer identically: a sweep over the whole report graph (every entity, every
 * passage, neighbourhoods and paths from a spread of seeds, searches by every name) compared
 * answer for answer between the memory store and Neo4j.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EntityFilter, EntityOrder, GraphStore } from '../../server/src/store/GraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { reportBundle } from '../helpers/report';

const bundle = reportBundle();
const memory: GraphStore = new MemoryGraphStore(bundle);
let neo: Neo4jGraphStore;

beforeAll(async () => {
  const { uri, user, password } = inject('neo4j');
  neo = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  await loadBundle(neo.driver, bundle);
});
afterAll(async () => {
  await neo?.close();
});

/** Every 7th entity by id: a spread over all types, hubs and leaves. */
const seeds = bundle.entities.map((e) => e.id).sort().filter((_, i) => i % 7 === 0);

describe('memory and Neo4j answer identically', () => {
  it('entities, relations in every direction, mentions and counts for every entity', async () => {
    const ids = bundle.entities.map((e) => e.id);
    expect(await neo.entities(ids)).toEqual(await memory.entities(ids));
    for (const direction of ['OUT', 'IN', 'BOTH'] as const) {
      expect(await neo.relationsOf(ids, { direction, types: null, limit: 1000 })).toEqual(await memory.relationsOf(ids, { direction, types: null, limit: 1000 }));
    }
    expect(await neo.relationsOf(ids, { direction: 'BOTH', types: ['ABOUT', 'CITES', 'PARTY_TO'], limit: 3 })).toEqual(
      await memory.relationsOf(ids, { direction: 'BOTH', types: ['ABOUT', 'CITES', 'PARTY_TO'], limit: 3 }),
    );
    expect(await neo.mentionsOf(ids, 1000, 0)).toEqual(await memory.mentionsOf(ids, 1000, 0));
    expect(await neo.mentionsOf(ids, 2, 1)).toEqual(await memory.mentionsOf(ids, 2, 1));
    expect(await neo.mentionCounts(ids)).toEqual(await memory.mentionCounts(ids));
    for (const type of [null, 'Ministry', 'Study', 'Finding']) {
      expect(await neo.listEntities(type, 1000, 0)).toEqual(await memory.listEntities(type, 1000, 0));
    }
  });

  it('every passage with its neighbours, mentions and citations', async () => {
    const ids = bundle.passages.map((p) => p.id);
    expect(await neo.passages(ids)).toEqual(await memory.passages(ids));
    const keys = bundle.passages.map((p) => ({ documentId: p.documentId, order: p.order + 1 }));
    expect(await neo.passagesAt(keys)).toEqual(await memory.passagesAt(keys));
    expect(await neo.mentionsIn(ids)).toEqual(await memory.mentionsIn(ids));
    expect(await neo.citationsIn(ids)).toEqual(await memory.citationsIn(ids));
    expect(await neo.linksIn(ids)).toEqual(await memory.linksIn(ids));
  });

  it('neighbourhoods at depth 1 to 3, with and without filters and caps', async () => {
    for (const id of seeds) {
      for (const [depth, limit] of [
        [1, 500],
        [2, 500],
        [2, 12],
        [3, 40],
      ] as const) {
        expect(await neo.neighborhood([id], depth, null, null, limit), `${id} depth ${depth} limit ${limit}`).toEqual(await memory.neighborhood([id], depth, null, null, limit));
      }
      expect(await neo.neighborhood([id, 'ministry:molvt'], 2, ['PART_OF', 'CHAIRS', 'MEMBER_OF', 'ABOUT'], ['Ministry', 'Committee', 'Finding', 'MigrationDimension'], 100)).toEqual(
        await memory.neighborhood([id, 'ministry:molvt'], 2, ['PART_OF', 'CHAIRS', 'MEMBER_OF', 'ABOUT'], ['Ministry', 'Committee', 'Finding', 'MigrationDimension'], 100),
      );
    }
  });

  it('shortest paths between pairs of seeds', async () => {
    for (let i = 0; i < seeds.length; i++) {
      const [a, b] = [seeds[i]!, seeds[(i * 5 + 3) % seeds.length]!];
      expect(await neo.path(a, b, 8, null), `${a} -> ${b}`).toEqual(await memory.path(a, b, 8, null));
      expect(await neo.path(a, b, 3, ['CHAIRS', 'VICE_CHAIRS', 'MEMBER_OF', 'PART_OF', 'SUBORDINATE_TO'])).toEqual(
        await memory.path(a, b, 3, ['CHAIRS', 'VICE_CHAIRS', 'MEMBER_OF', 'PART_OF', 'SUBORDINATE_TO']),
      );
    }
  });

  it('finds every entity by its own name first', async () => {
    const misses: string[] = [];
    for (const e of bundle.entities) {
      for (const store of [memory, neo]) {
        const hits = await store.search(e.name, [e.type], 10);
        const named = hits.filter((h) => h.entity.name === e.name).map((h) => h.entity.id);
        if (!named.includes(e.id)) misses.push(`${store === neo ? 'neo4j' : 'memory'}: ${e.name}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('ranks searches identically: names, aliases, prefixes, typos, accents, passages', async () => {
    const queries = [
      ...bundle.entities.filter((_, i) => i % 3 === 0).flatMap((e) => [e.name, ...e.aliases.slice(0, 1)]),
      ...bundle.entities.filter((_, i) => i % 5 === 0).map((e) => e.name.split(' ')[0]!.slice(0, 4)),
      'molvt', 'korea', 'koera', 'Labuor ministry', 'Tailand', 'cote d ivoire', 'Côte', 'ministry of interior', 'remitances', 'recruitment agencies', 'sub-decree 190',
    ];
    for (const q of queries) {
      const [a, b] = [await neo.search(q, null, 10), await memory.search(q, null, 10)];
      expect(a.map((h) => [h.entity.id, h.score.toFixed(9)]), q).toEqual(b.map((h) => [h.entity.id, h.score.toFixed(9)]));
    }
    for (const q of ['remittances poverty', 'Thailand MoU', 'recruitment agencies', 'vocational training', 'Gini', 'labour migration policy']) {
      expect((await neo.searchPassages(q, 10)).map((p) => p.id), q).toEqual((await memory.searchPassages(q, 10)).map((p) => p.id));
    }
  });

  it('answers concurrent operations, whose reads share queries, as it answers each alone', async () => {
    // Each call in its own operation view, all at once: reads of one text go as one query (see
    // ReadBatcher), with every member's parameters and fixed values (SKIP, LIMIT) of its own.
    const calls: [string, (s: GraphStore) => Promise<unknown>][] = seeds.flatMap((id, i) => [
      [`neighbourhood ${id}`, (s: GraphStore) => s.neighborhood([id], 1 + (i % 2), null, null, 60)],
      [`path ${id}`, (s: GraphStore) => s.path(id, seeds[(i * 5 + 3) % seeds.length]!, 8, null)],
      [`search ${id}`, (s: GraphStore) => s.search(bundle.entities.find((e) => e.id === id)!.name, null, 5)],
      [`relations ${id}`, (s: GraphStore) => s.relationsOf([id], { direction: 'BOTH', types: null, limit: 10 + (i % 3) })],
      [`mentions ${id}`, (s: GraphStore) => s.mentionsOf([id], 3, i % 2)],
      [`entity ${id}`, (s: GraphStore) => s.entities([id, 'nothing:here'])],
    ]);
    const passages = bundle.passages.filter((_, i) => i % 40 === 0).map((p) => p.id);
    for (const id of passages) calls.push([`links ${id}`, (s) => s.linksIn([id])]);
    for (const q of ['remittances poverty', 'Thailand MoU', 'Gini']) calls.push([`passages ${q}`, (s) => s.searchPassages(q, 5)]);
    const expected: unknown[] = [];
    for (const [, call] of calls) expected.push(await call(memory));
    const before = neo.roundTrips;
    const got = await Promise.all(calls.map(([, call]) => call(neo.forOperation())));
    // Shared queries were sent: fewer round trips than the calls' own reads alone.
    expect(neo.roundTrips - before).toBeLessThan(calls.length);
    calls.forEach(([name], i) => expect(got[i], name).toEqual(expected[i]));
  });

  it('filtered, ordered entity pages and their counts', async () => {
    const orders = [[], [{ field: 'NAME', direction: 'ASC' }], [{ field: 'MENTIONS', direction: 'DESC' }], [{ field: 'DEGREE', direction: 'DESC' }, { field: 'NAME', direction: 'DESC' }], [{ field: 'FIRST_MENTION', direction: 'ASC' }], [{ field: 'FIRST_MENTION', direction: 'DESC' }]] as const;
    const filters = [
      {},
      { types: ['Ministry', 'Committee', 'GovernmentBody'] },
      { nameContains: 'migration' },
      { nameMatches: 'labuor migration' },
      { document: bundle.document.id, minMentions: 3 },
      { relations: [{ types: ['ABOUT'], direction: 'IN' as const }] },
      { relations: [{ types: null, direction: 'BOTH' as const, to: 'ministry:molvt' }] },
      { types: ['Finding'], property: { key: 'origin', value: 'ippmd' }, relations: [{ types: ['SUPPORTED_BY'], direction: 'OUT' as const }] },
    ];
    // Every filter in one order and a page of it, every order over everything.
    type Ask = [EntityFilter, readonly EntityOrder[], number, number];
    const asks: Ask[] = [
      ...filters.flatMap((filter, i): Ask[] => [
        [filter, orders[i % orders.length]!, 1000, 0],
        [filter, orders[(i + 1) % orders.length]!, 7, 5],
      ]),
      ...orders.map((order): Ask => [{}, order, 1000, 0]),
    ];
    for (const [filter, order, limit, offset] of asks) {
      const [a, b] = [await neo.findEntities(filter, order, limit, offset, true), await memory.findEntities(filter, order, limit, offset, true)];
      expect(a, `${JSON.stringify(filter)} ${JSON.stringify(order)} ${limit}/${offset}`).toEqual(b);
    }
    const ids = bundle.entities.map((e) => e.id).filter((_, i) => i % 5 === 0);
    const keys = ids.flatMap((id) => (['OUT', 'IN', 'BOTH'] as const).map((direction) => ({ id, direction, types: direction === 'IN' ? ['ABOUT', 'MEASURES'] : null })));
    expect(await neo.relationCounts(keys)).toEqual(await memory.relationCounts(keys));
    expect(await neo.relationsFor(keys.map((k) => ({ ...k, limit: 3, offset: 1 })))).toEqual(await memory.relationsFor(keys.map((k) => ({ ...k, limit: 3, offset: 1 }))));
    for (const id of seeds) expect(await neo.passagesMentioning(id, 4, 1, true)).toEqual(await memory.passagesMentioning(id, 4, 1, true));
    expect(await neo.documentPassages(bundle.document.id, 20, 40, true)).toEqual(await memory.documentPassages(bundle.document.id, 20, 40, true));
    for (const q of ['remittances poverty Gini', 'labour migration policy', 'Thailand MoU recruitment', 'koera']) {
      expect(await neo.searchPassagesPage(q, 10, 3), q).toEqual(await memory.searchPassagesPage(q, 10, 3));
    }
  });

  it('findings, records and stats', async () => {
    for (const about of [null, 'dimension:remittances', 'sector:labour-market', 'nothing:here']) {
      expect(await neo.findings(about, 1000)).toEqual(await memory.findings(about, 1000));
    }
    expect(await neo.discrepancies()).toEqual(await memory.discrepancies());
    expect(await neo.tables()).toEqual(await memory.tables());
    expect(await neo.figures()).toEqual(await memory.figures());
    expect(await neo.documents()).toEqual(await memory.documents());
    expect(await neo.stats()).toEqual(await memory.stats());
  });
});
