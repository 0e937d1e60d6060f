/**
 * The bundled report read with no curation, against its curated graph: precision of the
 * relations the rules read, recall of the curated institutional relations (creation, leadership,
 * structure, funding, work, agreements, law, between institutions). Prints the figures.
 */
import { describe, expect, it } from 'vitest';
import type { GraphBundle } from '../../graph-seed/src/model/bundle';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { isAutomatic, scoreRelations } from '../helpers/relation-score';
import { bundledCorpus, reportBundle } from '../helpers/report';

const corpus = bundledCorpus();
if (!corpus.ok) throw new Error('corpus');
const run = runPipeline(corpus.value);
if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
const uncurated = run.value.bundle;
const curated = reportBundle();
const score = scoreRelations(uncurated, curated);

console.log(
  `automatic relations, no curation: precision ${score.precision.toFixed(3)} (${score.correct}/${score.automatic} in the curated graph), ` +
    `recall ${score.recall.toFixed(3)} (${score.found}/${score.reference} curated institutional relations)`,
);
if (score.wrong.length) console.log(`not in the curated graph:\n  ${score.wrong.join('\n  ')}`);
console.log(`missed:\n  ${score.missed.join('\n  ')}`);

/** Every automatic relation's evidence holds a recorded mention of each end (a finding is its own sentence). */
function unnamedEnds(b: GraphBundle): string[] {
  const out: string[] = [];
  for (const r of b.relations.filter(isAutomatic)) {
    for (const end of [r.source, r.target]) {
      // A finding or recommendation is named by its own sentence, the evidence.
      if (/^(?:finding|recommendation):/.test(end)) continue;
      const named = r.evidence.some((ev) => b.mentions.some((m) => m.entityId === end && m.passageId === ev.passageId && m.start >= ev.start && m.end <= ev.end));
      if (!named) out.push(`${r.id}: ${end} not mentioned in "${r.evidence[0]!.quote}"`);
    }
  }
  return out;
}

describe('relations read with no curation', () => {
  it('are mostly relations the curation also states', () => expect(score.precision).toBeGreaterThanOrEqual(0.85));
  it('recall at least 0.6 of the curated institutional relations', () => expect(score.recall).toBeGreaterThanOrEqual(0.6));
  it('each carry rule, confidence and evidence naming both ends', () => {
    const auto = uncurated.relations.filter(isAutomatic);
    expect(auto.length).toBeGreaterThanOrEqual(15);
    for (const r of auto) {
      expect(r.properties.rule).toMatch(/^[a-z]+\.[a-z-]+$/);
      expect(r.properties.confidence).toBeGreaterThan(0);
      expect(r.properties.confidence).toBeLessThanOrEqual(1);
    }
    expect(unnamedEnds(uncurated)).toEqual([]);
    expect(unnamedEnds(curated)).toEqual([]);
  });
  it('type what the text names by head noun', () => {
    const named = (n: string) => uncurated.entities.find((e) => e.name === n || e.aliases.includes(n));
    expect(named('MTOSB')?.type).toBe('GovernmentBody');
    expect(named('Human Development Index')?.type).toBe('Dataset');
    expect(named('Migration Working Group')?.type).toBe('Committee');
  });
});

/** A curated finding or recommendation is found when an automatic one rests on an overlapping span. */
function overlapRecall(type: 'Finding' | 'Recommendation'): { found: number; total: number; automatic: number; matched: number } {
  const auto = uncurated.entities.filter((e) => e.type === type);
  const ref = curated.entities.filter((e) => e.type === type);
  const overlaps = (a: { evidence: { passageId: string; start: number; end: number }[] }, b: typeof a) =>
    a.evidence.some((x) => b.evidence.some((y) => x.passageId === y.passageId && x.start < y.end && y.start < x.end));
  return {
    found: ref.filter((r) => auto.some((a) => overlaps(a, r))).length,
    total: ref.length,
    automatic: auto.length,
    matched: auto.filter((a) => ref.some((r) => overlaps(a, r))).length,
  };
}

describe('findings and recommendations read by cue, with no curation', () => {
  const f = overlapRecall('Finding');
  const r = overlapRecall('Recommendation');
  console.log(
    `findings: ${f.automatic} read, ${f.matched} on a curated finding's sentence; ${f.found} of ${f.total} curated findings found. ` +
      `Recommendations: ${r.automatic} read, ${r.matched} curated; ${r.found} of ${r.total} curated found`,
  );
  it('find every curated recommendation and none that is not', () => {
    expect(r.found).toBe(r.total);
    expect(r.matched).toBe(r.automatic);
  });
  it('find at least a third of the curated findings', () => expect(f.found / f.total).toBeGreaterThanOrEqual(0.33));
  it('link findings to the studies cited in their sentence, with a rule and a confidence', () => {
    const tong = uncurated.entities.find((e) => e.type === 'Finding' && /20% of households’ total income/.test(String(e.properties.statement)))!;
    const support = uncurated.relations.find((x) => x.source === tong.id && x.type === 'SUPPORTED_BY');
    expect(support).toMatchObject({ target: 'study:tong-2012', properties: { origin: 'automatic', rule: 'finding.cited' } });
  });
});

describe('acronyms of datasets', () => {
  it('reads "(HDI, 2015)" as a study using the Human Development Index, not as an organisation', () => {
    expect(uncurated.entities.find((e) => e.id === 'org:hdi')).toBeUndefined();
    const hdi = uncurated.entities.find((e) => e.name === 'Human Development Index')!;
    expect(hdi).toMatchObject({ type: 'Dataset', aliases: expect.arrayContaining(['HDI']) });
    expect(uncurated.relations.find((r) => r.type === 'USES_DATA' && r.target === hdi.id)?.source).toBe('study:hdi-2015');
    expect(uncurated.relations.filter((r) => r.source === 'study:hdi-2015' && r.type === 'PUBLISHED_BY')).toEqual([]);
  });
});

describe('names made from sentences', () => {
  it('are never cut short, curated or not', () => {
    const cut = (b: GraphBundle) => b.entities.filter((e) => /(?:…|\.\.\.)$/.test(e.name)).map((e) => `${e.id}: ${e.name}`);
    expect(cut(uncurated)).toEqual([]);
    expect(cut(curated)).toEqual([]);
    // A statistic is named by a phrase that holds its figure, not by the bare figure.
    const stats = uncurated.entities.filter((e) => e.type === 'Statistic');
    expect(stats.length).toBeGreaterThan(50);
    expect(stats.filter((e) => !e.name.includes(String(e.properties.printed).replace(/\u00a0/g, ' ')) || e.name.split(' ').length < 3).map((e) => e.name)).toEqual([]);
  });
});
