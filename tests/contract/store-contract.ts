/**
 * The GraphStore contract: every adapter must pass these unchanged. `open` builds a store
 * holding the graph it is given: the bundled report's, then two reports in one graph (the
 * bundled report and a short note on Lao labour migration, read from a library folder).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity, GraphBundle, Relation } from '../../graph-seed/src/model/bundle';
import type { GraphStore } from '../../server/src/store/GraphStore';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph } from '../../graph-seed/src/ingest/build';
import { entityDocuments } from '../../graph-seed/src/model/documents';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { FIXTURES, reportBundle } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

/** The bundled report with its curation and the Lao note, as `npm start -- --library` builds them. */
async function twoReports(): Promise<GraphBundle> {
  const dir = tempDir('two-reports');
  cpSync(DEFAULT_CORPUS, join(dir, 'cambodia'), { recursive: true });
  cpSync(DEFAULT_CURATION, join(dir, 'cambodia', 'curation'), { recursive: true });
  cpSync(join(FIXTURES, 'library', 'laos-note'), join(dir, 'laos-note'), { recursive: true });
  const built = await buildGraph({ library: dir });
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  return built.value.bundle;
}

export function describeStoreContract(name: string, open: (bundle: GraphBundle) => Promise<GraphStore>, close: () => Promise<void> = async () => {}) {
  describe(`GraphStore contract: ${name}`, () => {
    const bundle = reportBundle();
    let store: GraphStore;
    beforeAll(async () => {
      store = await open(bundle);
    }, 300_000);
    afterAll(async () => {
      await store?.close();
      await close();
    }, 60_000);

    it('serves the bundle version and answers ping', async () => {
      expect((await store.info()).version).toBe(bundle.version);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns entities by id in order, null for unknown ids', async () => {
      const [a, b, c] = await store.entities(['ministry:molvt', 'nothing:here', 'study:tong-2012']);
      expect(a).toEqual(bundle.entities.find((e) => e.id === 'ministry:molvt'));
      expect(b).toBeNull();
      expect(c!.properties).toMatchObject({ authors: ['Tong'], year: 2012 });
    });

    it('lists entities by type, ordered by id, paged', async () => {
      const all = await store.listEntities('Ministry', 100, 0);
      expect(all.map((e) => e.id)).toEqual(bundle.entities.filter((e) => e.type === 'Ministry').map((e) => e.id).sort());
      expect(await store.listEntities('Ministry', 2, 1)).toEqual(all.slice(1, 3));
    });

    it('searches names and aliases tolerant of case, accents and typos', async () => {
      const first = async (q: string, types: string[] | null = null) => (await store.search(q, types, 5))[0]?.entity.id;
      expect(await first('molvt')).toBe('ministry:molvt');
      expect(await first('korea', ['Country'])).toBe('country:south-korea');
      expect(await first('cote d ivoire')).toBe('country:ivory-coast');
      expect(await first('Tailand', ['Country'])).toBe('country:thailand');
      expect(await first('ministry of interior')).toBe('ministry:moi');
      const typed = await store.search('migration', ['Committee'], 20);
      expect(typed.length).toBeGreaterThan(0);
      expect(typed.every((h) => h.entity.type === 'Committee')).toBe(true);
      expect(await store.search('zzzzqqqq', null, 5)).toEqual([]);
      // Names only: the same hits in the same order with the same names.
      const names = (hits: { entity: { id: string; type: string; name: string; aliases: string[] }; score: number }[]) =>
        hits.map((h) => [h.entity.id, h.entity.type, h.entity.name, h.entity.aliases, h.score]);
      expect(names(await store.search('labour migration', null, 10, { namesOnly: true }))).toEqual(names(await store.search('labour migration', null, 10)));
    });

    it('returns relations by direction and type with their evidence', async () => {
      const [out] = await store.relationsOf(['ministry:moi'], { direction: 'OUT', types: ['CHAIRS'], limit: 10 });
      expect(out!.map((r) => r.target)).toEqual(['committee:migration-working-group']);
      expect(out![0]!.evidence[0]!.quote).toBe('MOI chairs this group, and there are number of vice-chairs, including the MOLVT, MOWA and the Ministry of Justice.');
      const [inbound] = await store.relationsOf(['committee:migration-working-group'], { direction: 'IN', types: ['VICE_CHAIRS'], limit: 10 });
      expect(inbound!.map((r) => r.source).sort()).toEqual(['ministry:moj', 'ministry:molvt', 'ministry:mowa']);
      const [both] = await store.relationsOf(['body:mtosb'], { direction: 'BOTH', types: null, limit: 100 });
      expect(both!.length).toBe(bundle.relations.filter((r) => r.source === 'body:mtosb' || r.target === 'body:mtosb').length);
      const [limited] = await store.relationsOf(['body:mtosb'], { direction: 'BOTH', types: null, limit: 2 });
      expect(limited).toEqual(both!.slice(0, 2));
    });

    it('answers keys that each ask differently in one batch, and hands over what it read along', async () => {
      const keys = [
        { id: 'ministry:moi', direction: 'OUT' as const, types: ['CHAIRS'], limit: 10 },
        { id: 'committee:migration-working-group', direction: 'IN' as const, types: ['VICE_CHAIRS'], limit: 10 },
        { id: 'body:mtosb', direction: 'BOTH' as const, types: null, limit: 2 },
        { id: 'nothing:here', direction: 'BOTH' as const, types: null, limit: 5 },
        { id: 'ministry:molvt', direction: 'BOTH' as const, types: null, limit: 0 },
      ];
      const entities = new Map<string, unknown>();
      const passages = new Map<string, unknown>();
      const companions = { entities: (l: { id: string }[]) => l.forEach((e) => entities.set(e.id, e)), passages: (l: { id: string }[]) => l.forEach((p) => passages.set(p.id, p)) };
      const batch = await store.relationsFor(keys, companions);
      for (const [i, k] of keys.entries()) expect(batch[i]).toEqual((await store.relationsOf([k.id], k))[0]);
      expect(batch[3]).toEqual([]);
      expect(batch[4]).toEqual([]);
      // Every end of every relation and every evidence passage came along, equal to a direct read.
      const rels = batch.flat();
      expect(rels.length).toBeGreaterThan(4);
      for (const r of rels) {
        expect(entities.get(r.source)).toEqual((await store.entities([r.source]))[0]);
        expect(entities.get(r.target)).toEqual((await store.entities([r.target]))[0]);
        for (const ev of r.evidence) expect(passages.get(ev.passageId)).toEqual((await store.passages([ev.passageId]))[0]);
      }
      // Mentions bring their passages; a passage's mentions and citations bring their entities.
      passages.clear();
      entities.clear();
      const [ms] = await store.mentionsOf(['ministry:molvt'], 5, 0, companions);
      expect(new Set(ms!.map((m) => m.passageId))).toEqual(new Set(passages.keys()));
      const p = ms![0]!.passageId;
      const [inP] = await store.mentionsIn([p], companions);
      const [cites] = await store.citationsIn([p], companions);
      expect(new Set(entities.keys())).toEqual(new Set([...inP!.map((m) => m.entityId), ...cites!.map((c) => c.studyId)]));
      // Both at once, with the passage itself; an unknown passage has none of either.
      passages.clear();
      entities.clear();
      const links = await store.linksIn([p, 'p:none'], companions);
      expect(links).toEqual([{ mentions: inP, citations: cites }, { mentions: [], citations: [] }]);
      expect([...passages.keys()]).toEqual([p]);
      expect(new Set(entities.keys())).toEqual(new Set([...inP!.map((m) => m.entityId), ...cites!.map((c) => c.studyId)]));
      // The entities asked for come with their relations.
      entities.clear();
      await store.relationsFor([{ id: 'ministry:molvt', direction: 'OUT', types: ['CHAIRS'], limit: 1 }], companions);
      expect(entities.get('ministry:molvt')).toEqual((await store.entities(['ministry:molvt']))[0]);
      passages.clear();
      const [finding] = await store.entities(['finding:tong-remittances-reduce-poverty'], companions);
      expect([...passages.keys()].sort()).toEqual([...new Set(finding!.evidence.map((e) => e.passageId))].sort());
    });

    it('answers the same without passages along when the companions take none', async () => {
      const entities = new Map<string, unknown>();
      const light = { entities: (l: { id: string }[]) => l.forEach((e) => entities.set(e.id, e)) };
      const key = { id: 'ministry:molvt', direction: 'BOTH' as const, types: null, limit: 50 };
      const [rels] = await store.relationsFor([key], light);
      expect(rels).toEqual((await store.relationsOf([key.id], key))[0]);
      expect(rels!.some((r) => r.evidence.length)).toBe(true);
      for (const r of rels!) expect(entities.get(r.source)).toEqual((await store.entities([r.source]))[0]);
      expect(await store.mentionsOf(['ministry:molvt'], 5, 0, light)).toEqual(await store.mentionsOf(['ministry:molvt'], 5, 0));
      expect(await store.entities(['finding:tong-remittances-reduce-poverty'], light)).toEqual(await store.entities(['finding:tong-remittances-reduce-poverty']));
      const [ms] = await store.mentionsOf(['ministry:molvt'], 1, 0);
      entities.clear();
      const [links] = await store.linksIn([ms![0]!.passageId], light);
      expect(links!.mentions.length).toBeGreaterThan(0);
      expect(new Set(entities.keys())).toEqual(new Set([...links!.mentions.map((m) => m.entityId), ...links!.citations.map((c) => c.studyId)]));
    });

    it('answers the same when the operation reads no entity content, with entities named in full', async () => {
      const entities = new Map<string, Entity>();
      const nameOnly = { entities: (l: Entity[]) => l.forEach((e) => entities.set(e.id, e)), entityContent: false as const };
      const names = (e: Entity | null | undefined) => e && { id: e.id, type: e.type, name: e.name, aliases: e.aliases };
      const key = { id: 'ministry:molvt', direction: 'BOTH' as const, types: null, limit: 50 };
      const [rels] = await store.relationsFor([key], nameOnly);
      expect(rels).toEqual((await store.relationsOf([key.id], key))[0]);
      expect(rels!.length).toBeGreaterThan(5);
      for (const r of rels!) for (const end of [r.source, r.target]) expect(names(entities.get(end))).toEqual(names((await store.entities([end]))[0]));
      const ids = ['finding:tong-remittances-reduce-poverty', 'study:tong-2012', 'no:such-entity'];
      expect((await store.entities(ids, nameOnly)).map(names)).toEqual((await store.entities(ids)).map(names));
      const [ms] = await store.mentionsOf(['ministry:molvt'], 1, 0);
      entities.clear();
      const [links] = await store.linksIn([ms![0]!.passageId], nameOnly);
      expect(links).toEqual((await store.linksIn([ms![0]!.passageId]))[0]);
      for (const m of links!.mentions) expect(names(entities.get(m.entityId))).toEqual(names((await store.entities([m.entityId]))[0]));
    });

    it('answers neighbourhoods, paths and relation reads the same when the operation reads no content', async () => {
      const shape = { entityContent: false, relationContent: false } as const;
      const names = (e: Entity) => ({ id: e.id, type: e.type, name: e.name, aliases: e.aliases });
      const bare = (r: Relation) => ({ id: r.id, type: r.type, source: r.source, target: r.target });
      const sub = await store.neighborhood(['ministry:molvt'], 2, null, null, 60, shape);
      const whole = await store.neighborhood(['ministry:molvt'], 2, null, null, 60);
      expect(sub.truncated).toBe(whole.truncated);
      expect(sub.nodes.map(names)).toEqual(whole.nodes.map(names));
      expect(sub.relations.map(bare)).toEqual(whole.relations.map(bare));
      expect(sub.relations.length).toBeGreaterThan(10);
      for (const [from, to] of [['ministry:mowa', 'study:tong-2012'], ['ministry:mowa', 'ministry:mowa']] as const) {
        const path = await store.path(from, to, 8, null, shape);
        const full = await store.path(from, to, 8, null);
        expect(path!.nodes.map(names)).toEqual(full!.nodes.map(names));
        expect(path!.relations.map(bare)).toEqual(full!.relations.map(bare));
      }
      const key = { id: 'ministry:molvt', direction: 'OUT' as const, types: null, limit: 30 };
      const [rels] = await store.relationsFor([key], { entities: () => {}, passages: () => {}, ...shape });
      expect(rels!.map(bare)).toEqual((await store.relationsOf([key.id], key))[0]!.map(bare));
    });

    it('pages mentions in reading order and counts them', async () => {
      const [count] = await store.mentionCounts(['ministry:molvt']);
      expect(count).toBe(bundle.mentions.filter((m) => m.entityId === 'ministry:molvt').length);
      // Reading order: by the passage's place in the document, then by offset in the passage.
      const order = new Map(bundle.passages.map((p) => [p.id, p.order]));
      const expected = bundle.mentions.filter((m) => m.entityId === 'ministry:molvt').sort((a, b) => order.get(a.passageId)! - order.get(b.passageId)! || a.start - b.start);
      const at = (m: { passageId: string; start: number }) => `${m.passageId}@${m.start}`;
      expect(new Set(expected.map((m) => m.passageId)).size).toBeGreaterThan(3);
      const [all] = await store.mentionsOf(['ministry:molvt'], expected.length, 0);
      expect(all!.map(at)).toEqual(expected.map(at));
      const [page1] = await store.mentionsOf(['ministry:molvt'], 3, 0);
      const [page2] = await store.mentionsOf(['ministry:molvt'], 3, 3);
      expect([...page1!, ...page2!].map(at)).toEqual(expected.slice(0, 6).map(at));
      const [p] = await store.passages([page1![0]!.passageId]);
      expect(p!.text.slice(page1![0]!.start, page1![0]!.end)).toBe(page1![0]!.text);
    });

    it('returns passages, their neighbours, mentions and citations', async () => {
      const p = bundle.passages.find((x) => x.text.includes('Many rural households have made a living out of migration'))!;
      const [got] = await store.passages([p.id]);
      expect(got).toEqual(p);
      const [prev, next] = await store.passagesAt([{ documentId: p.documentId, order: p.order - 1 }, { documentId: p.documentId, order: p.order + 1 }]);
      expect([prev!.order, next!.order]).toEqual([p.order - 1, p.order + 1]);
      const [cites] = await store.citationsIn([p.id]);
      expect(cites!.map((c) => c.studyId)).toContain('study:tong-2012');
      const [mentions] = await store.mentionsIn([p.id]);
      expect(mentions!.length).toBeGreaterThan(0);
      for (const m of mentions!) expect(p.text.slice(m.start, m.end)).toBe(m.text);
      expect(await store.passages(['p:none'])).toEqual([null]);
    });

    it('searches passage text', async () => {
      const hits = await store.searchPassages('remittances poverty Gini', 5);
      expect(hits[0]!.text).toContain('Gini coefficient');
    });

    it('returns a neighbourhood at depth 1 and 2, capped by limit', async () => {
      const one = await store.neighborhood(['committee:migration-working-group'], 1, null, null, 200);
      expect(one.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['ministry:moi', 'ministry:molvt', 'committee:ncct']));
      expect(one.truncated).toBe(false);
      for (const r of one.relations) {
        expect(one.nodes.some((n) => n.id === r.source)).toBe(true);
        expect(one.nodes.some((n) => n.id === r.target)).toBe(true);
      }
      const two = await store.neighborhood(['committee:migration-working-group'], 2, null, null, 200);
      expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
      const capped = await store.neighborhood(['committee:migration-working-group'], 2, null, null, 5);
      expect(capped.nodes).toHaveLength(5);
      expect(capped.truncated).toBe(true);
      const typed = await store.neighborhood(['committee:migration-working-group'], 1, ['CHAIRS'], ['Ministry'], 200);
      expect(typed.nodes.map((n) => n.id).sort()).toEqual(['committee:migration-working-group', 'ministry:moi']);
    });

    it('finds a shortest path ignoring direction', async () => {
      const p = await store.path('ministry:mowa', 'committee:ncct', 4, null);
      expect(p!.nodes.map((n) => n.id)).toEqual(['ministry:mowa', 'committee:migration-working-group', 'committee:ncct']);
      expect(p!.relations.map((r) => r.type)).toEqual(['VICE_CHAIRS', 'SUBORDINATE_TO']);
      expect(await store.path('ministry:mowa', 'committee:ncct', 1, null)).toBeNull();
      expect(await store.path('ministry:mowa', 'nothing:here', 4, null)).toBeNull();
      expect(await store.path('ministry:mowa', 'committee:ncct', 4, ['CHAIRS'])).toBeNull();
    });

    it('pages filtered entity lists in the order asked, and counts them', async () => {
      const ministries = bundle.entities.filter((e) => e.type === 'Ministry').map((e) => e.id).sort();
      const all = await store.findEntities({ types: ['Ministry'] }, [], 1000, 0, true);
      expect(all.items.map((e) => e.id)).toEqual(ministries);
      expect(all.total).toBe(ministries.length);
      const page = await store.findEntities({ types: ['Ministry'] }, [], 2, 1, false);
      expect(page).toEqual({ items: all.items.slice(1, 3), total: null });
      // Orders: mentions (descending), then id; names ignoring case; never-mentioned entities last.
      const count = (id: string) => bundle.mentions.filter((m) => m.entityId === id).length;
      const byMentions = await store.findEntities({ types: ['Ministry', 'Committee'] }, [{ field: 'MENTIONS', direction: 'DESC' }], 1000, 0, false);
      const expected = bundle.entities.filter((e) => e.type === 'Ministry' || e.type === 'Committee').map((e) => e.id).sort().sort((a, b) => count(b) - count(a));
      expect(byMentions.items.map((e) => e.id)).toEqual(expected);
      const byName = (await store.findEntities({ types: ['Country'] }, [{ field: 'NAME', direction: 'ASC' }], 1000, 0, false)).items.map((e) => e.name.toLowerCase());
      expect(byName).toEqual([...byName].sort());
      const first = (await store.findEntities({}, [{ field: 'FIRST_MENTION', direction: 'DESC' }], 1000, 0, false)).items;
      const mentioned = new Set(bundle.mentions.map((m) => m.entityId));
      expect(first.findIndex((e) => !mentioned.has(e.id))).toBe(mentioned.size);
      const byDegree = (await store.findEntities({}, [{ field: 'DEGREE', direction: 'DESC' }], 1, 0, false)).items[0]!;
      const degree = (id: string) => bundle.relations.filter((r) => r.source === id || r.target === id).length;
      expect(degree(byDegree.id)).toBe(Math.max(...bundle.entities.map((e) => degree(e.id))));
    });

    it('filters entities by name, relations, mentions, document and property', async () => {
      const ids = async (filter: Parameters<GraphStore['findEntities']>[0]) => (await store.findEntities(filter, [], 1000, 0, true)).items.map((e) => e.id);
      expect(await ids({ types: ['Ministry'], nameContains: 'LABOUR' })).toContain('ministry:molvt');
      expect(await ids({ nameMatches: 'Labuor ministry' })).toContain('ministry:molvt');
      expect(await ids({ relations: [{ types: ['CHAIRS'], direction: 'OUT' }] })).toEqual(['ministry:moi']);
      expect(await ids({ relations: [{ types: ['VICE_CHAIRS'], direction: 'IN', to: 'ministry:molvt' }] })).toEqual(['committee:migration-working-group']);
      // Every condition must hold: vice-chairs of the group that are also responsible for something.
      const has = (id: string, type: string) => bundle.relations.some((r) => r.source === id && r.type === type);
      const both = bundle.entities.filter((e) => has(e.id, 'VICE_CHAIRS') && has(e.id, 'RESPONSIBLE_FOR')).map((e) => e.id).sort();
      expect(both.length).toBeGreaterThan(0);
      expect(await ids({ relations: [{ types: ['VICE_CHAIRS'], direction: 'OUT', to: 'committee:migration-working-group' }, { types: ['RESPONSIBLE_FOR'], direction: 'OUT' }] })).toEqual(both);
      const around = bundle.relations.flatMap((r) => (r.source === 'ministry:molvt' ? [r.target] : r.target === 'ministry:molvt' ? [r.source] : []));
      expect(await ids({ relations: [{ types: null, direction: 'BOTH', to: 'ministry:molvt' }] })).toEqual([...new Set(around)].sort());
      const busy = await store.findEntities({ minMentions: 20 }, [], 1000, 0, true);
      expect(busy.total).toBe(bundle.entities.filter((e) => bundle.mentions.filter((m) => m.entityId === e.id).length >= 20).length);
      expect(busy.total).toBeGreaterThan(0);
      expect((await store.findEntities({ document: bundle.document.id }, [], 0, 0, true)).total).toBe(new Set(bundle.mentions.map((m) => m.entityId)).size);
      expect((await store.findEntities({ document: 'doc:none' }, [], 10, 0, true)).total).toBe(0);
      const literature = await ids({ types: ['Finding'], property: { key: 'origin', value: 'literature' } });
      expect(literature).toEqual(bundle.entities.filter((e) => e.type === 'Finding' && e.properties.origin === 'literature').map((e) => e.id).sort());
      expect(await ids({ types: ['Finding'], relations: [{ types: ['SUPPORTED_BY'], direction: 'OUT', to: 'study:tong-2012' }] })).toContain('finding:tong-remittances-reduce-poverty');
      expect(await ids({ types: [] })).toEqual([]);
    });

    it('pages and counts relations, mentioning passages and a document\'s passages', async () => {
      const key = { id: 'ministry:molvt', direction: 'BOTH' as const, types: null };
      const [all] = await store.relationsOf([key.id], { ...key, limit: 1000 });
      const [page] = await store.relationsFor([{ ...key, limit: 3, offset: 2 }]);
      expect(page).toEqual(all!.slice(2, 5));
      const [chairsIn] = await store.relationsFor([{ id: 'committee:migration-working-group', direction: 'IN', types: ['VICE_CHAIRS'], limit: 5, offset: 1 }]);
      expect(chairsIn).toHaveLength(2);
      expect(await store.relationCounts([key, { id: 'committee:migration-working-group', direction: 'IN', types: ['VICE_CHAIRS'] }, { id: 'nothing:here', direction: 'BOTH', types: null }])).toEqual([all!.length, 3, 0]);
      const passages = [...new Set(bundle.mentions.filter((m) => m.entityId === 'ministry:molvt').map((m) => m.passageId))];
      const mentioning = await store.passagesMentioning('ministry:molvt', 1000, 0, true);
      expect(mentioning.total).toBe(passages.length);
      expect(new Set(mentioning.items.map((p) => p.id))).toEqual(new Set(passages));
      expect((await store.passagesMentioning('ministry:molvt', 2, 1, false)).items).toEqual(mentioning.items.slice(1, 3));
      const doc = await store.documentPassages(bundle.document.id, 5, 3, true);
      expect(doc.total).toBe(bundle.passages.length);
      expect(doc.items.map((p) => p.order)).toEqual([...bundle.passages].sort((a, b) => a.order - b.order).slice(3, 8).map((p) => p.order));
    });

    it('searches passages by any term, those holding more terms first, paged', async () => {
      const all = await store.searchPassagesPage('remittances poverty Gini', 1000, 0);
      const one = await store.searchPassagesPage('remittances', 1000, 0);
      expect(all.total).toBeGreaterThan(one.total!);
      expect(all.items[0]!.text).toContain('Gini');
      expect((await store.searchPassagesPage('remittances poverty Gini', 3, 2)).items).toEqual(all.items.slice(2, 5));
    });

    it('finds names through a swapped pair of letters', async () => {
      expect((await store.search('koera', null, 5))[0]?.entity.id).toBe('country:south-korea');
      expect((await store.search('Labuor ministry', null, 5))[0]?.entity.id).toBe('ministry:molvt');
    });

    it('lists findings, discrepancies, tables, documents and stats', async () => {
      const about = await store.findings('dimension:remittances', 100);
      expect(about.map((f) => f.id)).toContain('finding:tong-remittances-reduce-poverty');
      expect(about.every((f) => f.type === 'Finding')).toBe(true);
      expect((await store.findings(null, 500)).length).toBe(bundle.entities.filter((e) => e.type === 'Finding').length);
      expect((await store.discrepancies()).map((d) => d.id)).toEqual(bundle.discrepancies.map((d) => d.id).sort());
      expect((await store.tables()).map((t) => t.number)).toEqual(['1.1', '2.1', '2.2', '2.3', '2.4']);
      expect((await store.documents())[0]!.chapters.map((c) => c.number)).toEqual(['1', '2', '3']);
      const stats = await store.stats();
      expect(stats).toMatchObject({ entities: bundle.entities.length, relations: bundle.relations.length, passages: bundle.passages.length, mentions: bundle.mentions.length });
      expect(stats.entityTypes.reduce((s, t) => s + t.count, 0)).toBe(bundle.entities.length);
    });
  });

  describe(`GraphStore contract, two reports in one graph: ${name}`, () => {
    let both: GraphBundle;
    let store: GraphStore;
    let cambodia: string;
    let laos: string;
    beforeAll(async () => {
      both = await twoReports();
      [cambodia, laos] = both.documents!.map((d) => d.id) as [string, string];
      store = await open(both);
    }, 300_000);
    afterAll(async () => {
      await store?.close();
    }, 60_000);

    it('lists both documents and counts the whole graph', async () => {
      expect((await store.documents()).map((d) => d.id)).toEqual([cambodia, laos]);
      expect(await store.stats()).toMatchObject({ entities: both.entities.length, relations: both.relations.length, passages: both.passages.length, mentions: both.mentions.length });
    });

    it('holds an entity both reports name once, with the mentions of each', async () => {
      const docs = entityDocuments(both);
      expect(docs.get('country:thailand')).toEqual([cambodia, laos].sort());
      const [thailand] = await store.entities(['country:thailand']);
      expect(thailand).toEqual(both.entities.find((e) => e.id === 'country:thailand'));
      const mentions = await store.mentionsOf(['country:thailand'], 1000, 0);
      const docOf = new Map(both.passages.map((p) => [p.id, p.documentId]));
      expect(new Set(mentions[0]!.map((m) => docOf.get(m.passageId)))).toEqual(new Set([cambodia, laos]));
    });

    it('lists and searches per report, and across all', async () => {
      const hits = async (q: string, document?: string) => (await store.search(q, null, 10, { document })).map((h) => h.entity.id);
      expect(await hits('Ministry of Labour and Social Welfare', laos)).toContain('ministry:mlsw');
      expect(await hits('Ministry of Labour and Social Welfare', cambodia)).not.toContain('ministry:mlsw');
      expect(await hits('MOLVT', cambodia)).toContain('ministry:molvt');
      expect(await hits('MOLVT', laos)).not.toContain('ministry:molvt');
      const docs = entityDocuments(both);
      const inLaos = both.entities.filter((e) => e.type === 'Country' && (docs.get(e.id) ?? []).includes(laos)).map((e) => e.id).sort();
      expect((await store.listEntities('Country', 100, 0, laos)).map((e) => e.id)).toEqual(inLaos);
      const passages = await store.searchPassages('recruitment fees', 10, laos);
      expect(passages.length).toBeGreaterThan(0);
      expect(passages.every((p) => p.documentId === laos)).toBe(true);
      expect(new Set((await store.searchPassages('Thailand', 50)).map((p) => p.documentId))).toEqual(new Set([cambodia, laos]));
    });
  });
}
