/**
 * Reports in Neo4j: loading a report adds it or replaces its earlier version, the other reports
 * stay, loading the same reports again changes nothing, and the graph answers as the memory
 * store does with the same reports.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildGraph } from '../../graph-seed/src/ingest/build';
import { combineReports } from '../../graph-seed/src/ingest/combine';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { loadBundle } from '../../server/src/store/neo4j/load';
import { activeReports, loadReports } from '../../server/src/store/neo4j/load-reports';
import { Neo4jGraphStore } from '../../server/src/store/neo4j/Neo4jGraphStore';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { FIXTURES, reportBundle } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

let store: Neo4jGraphStore;
let cambodia: GraphBundle;
let laos: GraphBundle;

beforeAll(async () => {
  const dir = tempDir('reports');
  cpSync(DEFAULT_CORPUS, join(dir, 'cambodia'), { recursive: true, filter: (p) => !p.endsWith('README.md') });
  cpSync(join(FIXTURES, 'library', 'laos-note'), join(dir, 'laos-note'), { recursive: true });
  const built = await buildGraph({ library: dir });
  if (!built.ok) throw new Error(built.errors.map((e) => e.message).join('\n'));
  [cambodia, laos] = built.value.reports as [GraphBundle, GraphBundle];
  // Reports combine in the order of their document ids.
  expect(laos.document.id < cambodia.document.id).toBe(true);
  const { uri, user, password } = inject('neo4j');
  store = Neo4jGraphStore.open({ uri, user, password, database: 'neo4j', queryTimeoutMs: 30_000 });
  // Whatever an earlier test file left, this one starts from the bundled report alone.
  await loadBundle(store.driver, reportBundle(), { reseed: true });
}, 300_000);
afterAll(async () => {
  await store?.close();
});

const docIds = async () => (await store.documents()).map((d) => d.id);

describe('loading reports into Neo4j', () => {
  it('adds a report to the graph and keeps the one there', async () => {
    const first = await loadReports(store.driver, [cambodia]);
    expect(first.status).toBe('loaded');
    const second = await loadReports(store.driver, [laos]);
    expect(second).toMatchObject({ status: 'loaded', kept: 1 });
    await store.prepare();
    expect(await docIds()).toEqual([laos.document.id, cambodia.document.id]);
    expect((await activeReports(store.driver)).map((b) => b.version)).toEqual([laos.version, cambodia.version]);
  });

  it('answers as the memory store does with the same reports: counts, shared entities, searches per report', async () => {
    const memory = new MemoryGraphStore(combineReports([cambodia, laos]).bundle);
    expect(await store.stats()).toEqual(await memory.stats());
    expect((await store.info()).version).toBe((await memory.info()).version);
    for (const doc of [cambodia.document.id, laos.document.id]) {
      expect((await store.listEntities(null, 1000, 0, doc)).map((e) => e.id)).toEqual((await memory.listEntities(null, 1000, 0, doc)).map((e) => e.id));
      for (const q of ['Thailand', 'Ministry of Labour', 'OECD']) {
        expect((await store.search(q, null, 10, { document: doc })).map((h) => h.entity.id)).toEqual((await memory.search(q, null, 10, { document: doc })).map((h) => h.entity.id));
      }
      expect((await store.searchPassages('recruitment', 10, doc)).map((p) => p.id)).toEqual((await memory.searchPassages('recruitment', 10, doc)).map((p) => p.id));
    }
    const thailand = await store.listEntities('Country', 1000, 0, laos.document.id);
    expect(thailand.map((e) => e.id)).toContain('country:thailand');
    expect((await store.listEntities('Country', 1000, 0, cambodia.document.id)).map((e) => e.id)).toContain('country:thailand');
  });

  it('changes nothing when the same report is loaded again, and replaces only that report when it changed', async () => {
    expect((await loadReports(store.driver, [laos])).status).toBe('unchanged');
    const cambodiaPassages = (await store.passages(cambodia.passages.map((p) => p.id))).map((p) => p?.text);
    const edited = structuredClone(laos);
    edited.passages[0]!.rawText += ' ';
    edited.version = `${laos.version}-edited`;
    const replaced = await loadReports(store.driver, [edited]);
    expect(replaced).toMatchObject({ status: 'loaded', kept: 1, documents: [laos.document.id, cambodia.document.id] });
    await store.prepare();
    expect((await store.passages(cambodia.passages.map((p) => p.id))).map((p) => p?.text)).toEqual(cambodiaPassages);
    expect((await activeReports(store.driver)).map((b) => b.version)).toEqual([edited.version, cambodia.version]);
  });

  it('keeps the printed page label of a passage ("ix" in front matter) as the memory store does', async () => {
    const labelled = structuredClone(laos);
    labelled.passages[0]!.page = 9;
    labelled.passages[0]!.pageLabel = 'ix';
    labelled.version = `${laos.version}-labelled`;
    expect((await loadReports(store.driver, [labelled])).status).toBe('loaded');
    await store.prepare();
    const memory = new MemoryGraphStore(combineReports([cambodia, labelled]).bundle);
    const ids = labelled.passages.slice(0, 3).map((p) => p.id);
    const [first] = await store.passages(ids);
    expect(first).toMatchObject({ page: 9, pageLabel: 'ix' });
    expect(await store.passages(ids)).toEqual(await memory.passages(ids));
  });
});
