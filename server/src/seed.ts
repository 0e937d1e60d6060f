/** The bundled report through the seeding pipeline, in process; problems are logged, not thrown. */
import { readCorpus } from '../../graph-seed/src/io/corpus';
import { readCuration } from '../../graph-seed/src/io/curation';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { formatProblem } from '../../graph-seed/src/model/result';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { Logger } from './log';

export function seedReport(log: Logger): GraphBundle | null {
  const corpus = readCorpus([DEFAULT_CORPUS]);
  const curation = corpus.ok ? readCuration(DEFAULT_CURATION) : corpus;
  const seeded = corpus.ok && curation.ok ? runPipeline(corpus.value, curation.value) : null;
  if (!corpus.ok || !curation.ok || !seeded || !seeded.ok) {
    const problems = !corpus.ok ? corpus.errors : !curation.ok ? curation.errors : seeded && !seeded.ok ? seeded.errors : [];
    for (const p of problems) log.error(formatProblem(p));
    return null;
  }
  return seeded.value.bundle;
}
