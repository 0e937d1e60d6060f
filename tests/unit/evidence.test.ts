/**
 * Every relation's evidence names both of its ends. Prints the share over the bundled report's
 * graph (overall and curated) with the relations that fail; at least 95% overall and all curated
 * relations must pass, and a curated relation that fails stops the build.
 */
import { describe, expect, it } from 'vitest';
import { readCuration } from '../../graph-seed/src/io/curation';
import type { Entity, Evidence, Relation } from '../../graph-seed/src/model/bundle';
import type { Curation } from '../../graph-seed/src/model/curation';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { checkRelationEnds, share } from '../../graph-seed/src/stages/evidence';
import { bundledCorpus } from '../helpers/report';

const corpus = bundledCorpus();
const curation = readCuration(DEFAULT_CURATION);
if (!corpus.ok || !curation.ok) throw new Error('the bundled report and its curation must read');

describe('the bundled report: evidence names both ends', () => {
  const result = runPipeline(corpus.value, curation.value);
  if (!result.ok) console.log(result.errors.map((e) => `${e.code} [${e.file} ${e.entry}]: ${e.message} (${e.quote})`).join('\n'));
  const evidence = result.ok ? result.value.evidence : null;
  if (evidence) {
    const { overall, curated } = evidence;
    console.log(`evidence names both ends: overall ${(share(overall) * 100).toFixed(1)}% (${overall.named}/${overall.checked}), curated ${(share(curated) * 100).toFixed(1)}% (${curated.named}/${curated.checked})`);
    for (const f of overall.failures) console.log(`  fails: ${f.relation.id} (missing ${f.missing.join(', ')}): ${f.relation.evidence.map((e) => e.quote).join(' | ')}`);
  }

  it('builds', () => expect(result.ok).toBe(true));
  it('names both ends in at least 95% of all relations', () => expect(share(evidence!.overall)).toBeGreaterThanOrEqual(0.95));
  it('names both ends in every curated relation', () => {
    expect(evidence!.curated.checked).toBeGreaterThan(200);
    expect(evidence!.curated.failures.map((f) => f.relation.id)).toEqual([]);
  });

  it('leaves no entity without a mention unless its own text stands for it', () => {
    const b = result.ok ? result.value.bundle : null;
    const mentioned = new Set(b!.mentions.map((m) => m.entityId));
    const selfEvident = new Set(['Finding', 'Recommendation', 'Statistic']);
    expect(b!.entities.filter((e) => !mentioned.has(e.id) && !(selfEvident.has(e.type) && e.evidence.length)).map((e) => e.id)).toEqual([]);
  });

  it('stops the build on a curated relation whose quote does not name an end, with file, entry and quote', () => {
    const wrong: Curation = {
      ...curation.value,
      relations: [...curation.value.relations, { source: 'ministry:moi', type: 'CHAIRS', target: 'committee:taskforce-migration', quote: 'MOI chairs this group', properties: {}, file: 'relations.yaml', index: 500 }],
    };
    const r = runPipeline(corpus.value, wrong);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        expect.objectContaining({
          code: 'EVIDENCE_END_NOT_NAMED',
          file: 'relations.yaml',
          entry: '#501 (ministry:moi CHAIRS committee:taskforce-migration)',
          quote: 'MOI chairs this group',
          message: expect.stringContaining('target committee:taskforce-migration'),
        }),
      ]);
    }
  });
});

describe('checkRelationEnds', () => {
  const ev = (passageId: string, start: number, quote: string): Evidence => ({ passageId, start, end: start + quote.length, quote });
  const entity = (id: string, type: Entity['type'], name: string, aliases: string[] = [], own: Evidence[] = []): Entity => ({ id, type, name, aliases, properties: {}, evidence: own });
  const rel = (source: string, target: string, evidence: Evidence[]): Relation => ({ id: `${source}|ABOUT|${target}`, type: 'ABOUT', source, target, properties: {}, evidence });
  const entities = [
    entity('ministry:moi', 'Ministry', 'Ministry of Interior', ['MOI']),
    entity('committee:wg', 'Committee', 'Migration Working Group'),
    entity('finding:f', 'Finding', 'A finding', [], [ev('p1', 100, 'Remittances rose.')]),
  ];

  it('counts an end named by its name or acronym, by a recorded mention, or by its own evidence', () => {
    const report = checkRelationEnds({
      entities,
      mentions: [{ entityId: 'committee:wg', passageId: 'p1', start: 12, end: 22, text: 'this group' }],
      citations: [],
      relations: [rel('ministry:moi', 'committee:wg', [ev('p1', 0, 'MOI chairs this group')]), rel('finding:f', 'ministry:moi', [ev('p1', 90, 'The Ministry of Interior says Remittances rose.')])],
    });
    expect(report).toMatchObject({ checked: 2, named: 2, failures: [] });
  });

  it('fails a relation whose spans leave an end unnamed, saying which', () => {
    const report = checkRelationEnds({ entities, mentions: [], citations: [], relations: [rel('ministry:moi', 'committee:wg', [ev('p1', 0, 'MOI chairs this group')])] });
    expect(report.named).toBe(0);
    expect(report.failures.map((f) => f.missing)).toEqual([['target']]);
    // An acronym matches with its own case only, and a name only as whole words.
    const loose = checkRelationEnds({ entities, mentions: [], citations: [], relations: [rel('ministry:moi', 'committee:wg', [ev('p2', 0, 'moi and the Migration Working Groups')])] });
    expect(loose.failures.map((f) => f.missing)).toEqual([['source', 'target']]);
  });

  it('finds a whole-word name past an earlier occurrence inside a word, with accents and case folded, at either edge of the quote', () => {
    const ends = [entity('ministry:moi', 'Ministry', 'Ministry of Interior', ['MOI']), entity('committee:cn', 'Committee', 'Comité Nacional')];
    const check = (quote: string) => checkRelationEnds({ entities: ends, mentions: [], citations: [], relations: [rel('ministry:moi', 'committee:cn', [ev('p3', 0, quote)])] }).failures.map((f) => f.missing);
    expect(check('MOIST soil; MOI chairs the comite nacional')).toEqual([]);
    expect(check('COMITÉ NACIONAL, chaired by MOI')).toEqual([]);
    expect(check('MOIST soil and the Comité Nacionales')).toEqual([['source', 'target']]);
    expect(check('ÉMOI in the xComité Nacional')).toEqual([['source', 'target']]);
  });
});
