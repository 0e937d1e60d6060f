/**
 * Findings and recommendations in a text worded unlike the bundled report: a list under a
 * recommendations heading, sentences that say they recommend, results reported "according to"
 * a cited study, dash bullets in plain text, and a reference list under its title.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../graph-seed/src/pipeline';

function read(text: string) {
  const run = runPipeline([{ name: 'r.txt', text }]);
  if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
  return run.value.bundle;
}

const REPORT = [
  'Water and sanitation',
  '',
  'Piped water reached more villages after 2010. Okafor and Mensah (2016) estimate that piped water cut diarrhoea by a third. According to Haddad (2019), latrine use doubled where subsidies were paid. The Water Agency estimates that most wells are unsafe.',
  '',
  'Policy recommendations',
  '- Extend piped water to the remaining districts.',
  '- Pay latrine subsidies through local councils.',
  '',
  'We recommend that the Water Agency publish well test results every year. The agency should also train village volunteers.',
  '',
  'References',
  'Haddad, L. (2019), Latrines and health, Journal of Sanitation, Vol. 4.',
  'Okafor, C. and K. Mensah (2016), Piped water and child health, Water Policy Review.',
  '',
].join('\n');

describe('recommendations', () => {
  const b = read(REPORT);
  const recs = b.entities.filter((e) => e.type === 'Recommendation');
  it('reads the items of a list under a recommendations heading, and a sentence that says it recommends', () => {
    expect(recs.map((r) => [r.name, r.properties.rule]).sort()).toEqual([
      ['Extend piped water to the remaining districts', 'recommendation.section'],
      ['Pay latrine subsidies through local councils', 'recommendation.section'],
      ['The Water Agency publish well test results every year', 'recommendation.cue'],
    ]);
  });
  it('gives each its own sentence as evidence', () => {
    const cue = recs.find((r) => r.properties.rule === 'recommendation.cue')!;
    expect(cue.evidence?.[0]?.quote ?? b.passages.length).toBe('We recommend that the Water Agency publish well test results every year.');
  });
});

describe('findings reported by a cited study', () => {
  const b = read(REPORT);
  const findings = b.entities.filter((e) => e.type === 'Finding');
  const supported = (name: string) => {
    const f = findings.find((x) => x.name === name);
    return b.relations.filter((r) => r.source === f?.id && r.type === 'SUPPORTED_BY').map((r) => r.target);
  };
  it('reads "X (year) estimates that" and "According to X (year), ..." as findings of the study cited', () => {
    expect(supported('Piped water cut diarrhoea by a third')).toEqual(['study:okafor-mensah-2016']);
    expect(supported('Latrine use doubled where subsidies were paid')).toEqual(['study:haddad-2019']);
  });
  it('reads no finding from a body that "estimates" without a study cited', () => {
    expect(findings.map((f) => f.name)).not.toContain('Most wells are unsafe');
  });
  it('keeps the reference list title out of the study names', () => {
    expect(b.entities.filter((e) => e.type === 'Study').map((e) => e.name).sort()).toEqual(['Haddad (2019)', 'Okafor and Mensah (2016)']);
  });
});

describe('dash bullets in plain text', () => {
  it('reads a dash after a title or a sentence as a bullet, and a dash carrying a sentence on as prose', () => {
    const b = read('Costs\n\nThe scheme was run by a training programme\n– mainly on farming themes. It ended.\n\nSteps:\n- hire staff;\n- train them.\n');
    expect(b.passages.map((p) => [p.kind, p.text])).toEqual([
      ['heading', 'Costs'],
      ['paragraph', 'The scheme was run by a training programme – mainly on farming themes. It ended.'],
      ['paragraph', 'Steps:'],
      ['list-item', 'hire staff;'],
      ['list-item', 'train them.'],
    ]);
  });
});
