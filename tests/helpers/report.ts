/** The bundled report run through the pipeline once per test file. */
import { join } from 'node:path';
import { readCorpus } from '../../graph-seed/src/io/corpus';
import { readCuration } from '../../graph-seed/src/io/curation';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';

let cached: GraphBundle | undefined;

export function reportBundle(): GraphBundle {
  if (cached) return cached;
  const corpus = readCorpus([DEFAULT_CORPUS]);
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
