/**
 * The automatic reading on a public-domain government text no rule was written from (six World
 * Factbook country profiles, tests/fixtures/factbook), against a gold written before the
 * extractor first ran on it. Prints the figures, kept apart from the bundled report's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { INSTITUTIONAL_ENTITIES, INSTITUTIONAL_RELATIONS, isAutomatic } from '../helpers/relation-score';
import { FIXTURES } from '../helpers/report';

interface Gold {
  entities: { name: string; type: string }[];
  relations: { source: string; type: string; target: string; quote: string }[];
}

const dir = join(FIXTURES, 'factbook');
const text = readFileSync(join(dir, 'profiles.txt'), 'utf8');
const gold = parse(readFileSync(join(dir, 'gold.yaml'), 'utf8')) as Gold;
const run = runPipeline([{ name: 'profiles.txt', text }]);
if (!run.ok) throw new Error(run.errors.map((e) => e.message).join('\n'));
const b = run.value.bundle;

const fold = (s: string) => s.normalize('NFKD').replace(/[’']/g, "'").toLowerCase().trim();
const byName = new Map<string, string>();
for (const e of b.entities) for (const n of [e.name, ...e.aliases]) if (!byName.has(fold(n))) byName.set(fold(n), e.id);
const entity = new Map(b.entities.map((e) => [e.id, e]));

const found = gold.entities.filter((g) => byName.has(fold(g.name)));
const typedRight = found.filter((g) => entity.get(byName.get(fold(g.name))!)!.type === g.type);
const goldNames = new Set(gold.entities.map((g) => fold(g.name)));
const institutional = b.entities.filter((e) => INSTITUTIONAL_ENTITIES.has(e.type));
const inGold = institutional.filter((e) => [e.name, ...e.aliases].some((n) => goldNames.has(fold(n))));

const automatic = b.relations.filter((r) => isAutomatic(r) && INSTITUTIONAL_RELATIONS.has(r.type));
const goldKeys = new Set(gold.relations.map((g) => `${byName.get(fold(g.source))}|${g.type}|${byName.get(fold(g.target))}`));
const relCorrect = automatic.filter((r) => goldKeys.has(`${r.source}|${r.type}|${r.target}`));

console.log(
  `unseen text: entities recall ${(found.length / gold.entities.length).toFixed(3)} (${found.length}/${gold.entities.length}, ${typedRight.length} typed right), ` +
    `precision ${(inGold.length / institutional.length).toFixed(3)} (${inGold.length}/${institutional.length}); ` +
    `relations recall ${(relCorrect.length / gold.relations.length).toFixed(3)} (${relCorrect.length}/${gold.relations.length}), ` +
    `precision ${automatic.length ? (relCorrect.length / automatic.length).toFixed(3) : 'n/a'} (${relCorrect.length}/${automatic.length})`,
);
console.log(`missed entities: ${gold.entities.filter((g) => !byName.has(fold(g.name))).map((g) => g.name).join('; ')}`);
console.log(`relations read: ${automatic.map((r) => `${entity.get(r.source)!.name} ${r.type} ${entity.get(r.target)!.name}`).join('; ')}`);

describe('an unseen government text', () => {
  it('yields at least 70% of its named institutions, typed right', () => {
    expect(found.length / gold.entities.length).toBeGreaterThanOrEqual(0.7);
    expect(typedRight.length).toBe(found.length);
  });
  it('names few institutions the gold does not hold', () => expect(inGold.length / institutional.length).toBeGreaterThanOrEqual(0.8));
  it('reads a gold relation, and two bodies of one name as two', () => {
    expect(relCorrect.length).toBeGreaterThanOrEqual(1);
    expect(b.entities.filter((e) => /^Judicial Commission/.test(e.name)).map((e) => e.name).sort()).toEqual([
      'Judicial Commission of the Administrative Courts',
      'Judicial Commission of the Courts of Justice',
    ]);
  });
  it('reads no relation without a rule and evidence', () => {
    for (const r of automatic) {
      expect(r.properties.rule).toBeTruthy();
      expect(r.evidence[0]!.quote.length).toBeGreaterThan(0);
    }
  });
});

describe('the short unseen report of tests/fixtures/unseen', () => {
  const small = runPipeline([{ name: 'report.txt', text: readFileSync(join(FIXTURES, 'unseen', 'report.txt'), 'utf8') }]);
  if (!small.ok) throw new Error(small.errors.map((e) => e.message).join('\n'));
  const rels = small.value.bundle.relations.filter((r) => isAutomatic(r) && INSTITUTIONAL_RELATIONS.has(r.type));
  const finding = small.value.bundle.entities.find((e) => e.type === 'Finding');
  console.log(`unseen report: ${rels.length} relation(s) read: ${rels.map((r) => r.id).join('; ')}`);
  it('reads the one institutional relation it states, in the active form', () => {
    expect(rels.map((r) => [r.id, r.properties.rule])).toEqual([['body:ib|ESTABLISHED_BY|subdecree:42-2016', 'creation.active']]);
  });
  it('reads the study result it reports as a finding supported by the study', () => {
    expect(finding?.name).toBe('Wages in Thailand were twice those at home');
    expect(small.value.bundle.relations.find((r) => r.source === finding!.id && r.type === 'SUPPORTED_BY')?.target).toBe('study:dara-2020');
  });
});
