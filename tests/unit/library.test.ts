/**
 * Several reports in one graph, from a library folder: reports/NAME/ with its files and an
 * optional curation/. Shared entities are one entity; each report's own ids carry its key and
 * do not change when another report is added; a bad report is named and left out.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, type Built } from '../../graph-seed/src/ingest/build';
import { entityDocuments } from '../../graph-seed/src/model/documents';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { MemoryGraphStore } from '../../server/src/store/memory/MemoryGraphStore';
import { FIXTURES } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

let both: Built;
let alone: Built;
let lines: string[];

function library(withNote: boolean): string {
  const dir = tempDir('library');
  // The corpus folder's README.md comes along: a README describes its folder and is not read.
  cpSync(DEFAULT_CORPUS, join(dir, 'cambodia'), { recursive: true });
  cpSync(DEFAULT_CURATION, join(dir, 'cambodia', 'curation'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# Our reports\n\nOne folder per report, each with its own curation.\n');
  if (withNote) {
    cpSync(join(FIXTURES, 'library', 'laos-note'), join(dir, 'laos-note'), { recursive: true });
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'scan.pdf'), '%PDF-1.4\nnot really a PDF\n');
  }
  return dir;
}

beforeAll(async () => {
  lines = [];
  const b = await buildGraph({ library: library(true), progress: (l) => lines.push(l) });
  const a = await buildGraph({ library: library(false) });
  if (!b.ok || !a.ok) throw new Error(JSON.stringify(!b.ok ? b.errors : !a.ok ? a.errors : null));
  both = b.value;
  alone = a.value;
}, 120_000);

describe('a library of reports', () => {
  it('builds one graph with a document per report, and names the report it could not read', () => {
    const docs = both.bundle.documents!;
    expect(docs.map((d) => d.title)).toEqual(['Interrelations between Public Policies, Migration and Development in Cambodia', 'Labour migration from Lao PDR: a policy note']);
    expect(docs[0]).toMatchObject({ publisher: 'OECD / Cambodia Development Resource Institute', year: 2017 });
    expect(docs[1]!.sources).toEqual([{ file: 'note.md', format: 'markdown' }]);
    expect(both.skipped).toHaveLength(1);
    expect(both.skipped[0]!.report).toBe('broken');
    expect(both.skipped[0]!.problems[0]!.file).toMatch(/broken[/\\]scan\.pdf$/);
    // Progress: per report, per file and per stage.
    expect(lines).toContain('report 2/3: cambodia');
    expect(lines.some((l) => /read .*note\.md \(markdown/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}segment/.test(l))).toBe(true);
    // Neither the library's README nor the one in a report's folder is read as a report.
    expect(both.bundle.documents!.some((d) => /Our reports|report text/i.test(d.title))).toBe(false);
    expect(lines.some((l) => /README/.test(l))).toBe(false);
    expect(both.bundle.passages.filter((p) => /Plain text extracted from the PDF|One folder per report/.test(p.text))).toEqual([]);
  });

  it('keeps passages and mentions per report', () => {
    const docOf = new Map(both.bundle.passages.map((p) => [p.id, p.documentId]));
    const [cambodia, laos] = both.bundle.documents!.map((d) => d.id) as [string, string];
    expect(both.bundle.passages.filter((p) => p.documentId === laos).length).toBeGreaterThan(5);
    expect(both.bundle.passages.every((p) => p.id.startsWith(p.documentId === cambodia ? 'p:cambodia/' : 'p:laos-note/'))).toBe(true);
    expect(both.bundle.mentions.filter((m) => docOf.get(m.passageId) === laos).length).toBeGreaterThan(5);
  });

  it('resolves the entities both reports name to one, and keeps report-specific ones apart', () => {
    const docs = entityDocuments(both.bundle);
    const [cambodia, laos] = both.bundle.documents!.map((d) => d.id) as [string, string];
    // Named the same, or one by the other's alias (the curation of the Cambodian report makes
    // OECD an alias of the OECD Development Centre): one entity, in both reports.
    for (const name of ['Thailand', 'OECD', 'IOM', 'International Organization for Migration', 'OECD (2017)', 'World Bank (2016)']) {
      const named = both.bundle.entities.filter((e) => e.type !== 'Statistic' && (e.name === name || e.aliases.includes(name)));
      expect([name, named.length]).toEqual([name, 1]);
      expect([name, docs.get(named[0]!.id)]).toEqual([name, [cambodia, laos].sort()]);
    }
    const lao = both.bundle.entities.filter((e) => (docs.get(e.id) ?? []).includes(laos));
    const sum = alone.bundle.entities.length + lao.length;
    const shared = lao.filter((e) => (docs.get(e.id) ?? []).includes(cambodia)).length;
    expect(shared).toBeGreaterThanOrEqual(5);
    expect(both.bundle.entities.length).toBe(sum - shared);
    // Each report's Document entity is its own.
    expect(both.bundle.entities.filter((e) => e.type === 'Document')).toHaveLength(2);
  });

  it('keeps every id of a report when another report is added', () => {
    const ids = new Set(both.bundle.passages.map((p) => p.id));
    expect(alone.bundle.passages.every((p) => ids.has(p.id))).toBe(true);
    const entityIds = new Set(both.bundle.entities.map((e) => e.id));
    expect(alone.bundle.entities.filter((e) => !entityIds.has(e.id))).toEqual([]);
    const passage = alone.bundle.passages.find((p) => p.text.startsWith('Cambodia is missing opportunities'))!;
    expect(both.bundle.passages.find((p) => p.id === passage.id)!.text).toBe(passage.text);
  });

  it('answers lists and searches per report, and across all', async () => {
    const store = new MemoryGraphStore(both.bundle);
    const [cambodia, laos] = both.bundle.documents!.map((d) => d.id) as [string, string];
    expect((await store.documents()).map((d) => d.id)).toEqual([cambodia, laos]);
    const hits = async (q: string, document?: string) => (await store.search(q, null, 10, { document })).map((h) => h.entity.id);
    expect(await hits('Ministry of Labour and Social Welfare', laos)).toContain('ministry:mlsw');
    expect(await hits('Ministry of Labour and Social Welfare', cambodia)).not.toContain('ministry:mlsw');
    expect(await hits('MOLVT', laos)).not.toContain('ministry:molvt');
    expect(await hits('MOLVT', cambodia)).toContain('ministry:molvt');
    expect(await hits('Thailand', laos)).toContain('country:thailand');
    const listed = await store.listEntities('Country', 100, 0, laos);
    expect(listed.map((e) => e.id).sort()).toEqual(expect.arrayContaining(['country:malaysia', 'country:thailand']));
    expect(listed.length).toBeLessThan((await store.listEntities('Country', 100, 0)).length);
    const passages = await store.searchPassages('recruitment fees', 10, laos);
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((p) => p.documentId === laos)).toBe(true);
    const all = await store.searchPassages('Thailand', 50);
    expect(new Set(all.map((p) => p.documentId))).toEqual(new Set([cambodia, laos]));
  });
});
