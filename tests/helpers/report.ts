/** The bundled report run through the pipeline once per test file. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readText, reportFilesAt } from '../../graph-seed/src/ingest/read-files';
import { readCuration } from '../../graph-seed/src/io/curation';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { ok, type Result } from '../../graph-seed/src/model/result';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { CorpusFile } from '../../graph-seed/src/stages/read';

let cached: GraphBundle | undefined;

/**
 * The bundled report's files, read as npm start and npm run seed read them (the files the corpus
 * folder holds for a report, each through the text reader), but synchronously, for tests that
 * build at load time. A unit test checks this is what the product's reader gives.
 */
export function bundledCorpus(): Result<CorpusFile[]> {
  return ok(reportFilesAt(DEFAULT_CORPUS).map((path) => readText(basename(path), readFileSync(path, 'utf8'))));
}

export function reportBundle(): GraphBundle {
  if (cached) return cached;
  const corpus = bundledCorpus();
  if (!corpus.ok) throw new Error(JSON.stringify(corpus.errors));
  const curation = readCuration(DEFAULT_CURATION);
  if (!curation.ok) throw new Error(JSON.stringify(curation.errors));
  const result = runPipeline(corpus.value, curation.value);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  cached = result.value.bundle;
  return cached;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function passageContaining(b: GraphBundle, text: string) {
  const p = b.passages.find((x) => x.text.includes(text));
  if (!p) throw new Error(`no passage contains "${text}"`);
  return p;
}

/**
 * The entities the benchmark's filtered page asks for (ministries, committees and government
 * bodies that take part in, are responsible for, chair, vice-chair or are members of something),
 * in the order the API gives them: most mentioned first, then by id.
 */
export function filteredBodies(bundle: GraphBundle): string[] {
  const types = ['Ministry', 'Committee', 'GovernmentBody'];
  const relTypes = ['PARTICIPATES_IN', 'RESPONSIBLE_FOR', 'CHAIRS', 'VICE_CHAIRS', 'MEMBER_OF'];
  const count = (id: string) => bundle.mentions.filter((m) => m.entityId === id).length;
  return bundle.entities
    .filter((e) => types.includes(e.type) && bundle.relations.some((r) => r.source === e.id && relTypes.includes(r.type)))
    .map((e) => e.id)
    .sort()
    .sort((a, b) => count(b) - count(a));
}
