/** Curation as an override by id on top of the automatic reading of the bundled report. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOverrides } from '../../graph-seed/src/io/overrides';
import { EMPTY_CURATION } from '../../graph-seed/src/model/curation';
import { DEFAULT_CORPUS } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import type { Override } from '../../graph-seed/src/stages/override';
import { bundledCorpus } from '../helpers/report';

const corpus = bundledCorpus();
if (!corpus.ok) throw new Error('corpus');
const run = (overrides: Override[]) => runPipeline(corpus.value, EMPTY_CURATION, () => {}, overrides);

describe('overrides', () => {
  const accepted = 'body:mtosb|ESTABLISHED_BY|subdecree:70-2006';
  const rejected = 'project:crump|CONDUCTED_BY|body:national-institute-of-statistics';
  const result = run([
    { op: 'accept', relation: accepted },
    { op: 'reject', relation: rejected },
    { op: 'retype', entity: 'org:mop', type: 'Ministry' },
    { op: 'rename', entity: 'body:mtosb', name: 'Manpower Training and Overseas Sending Board of Cambodia' },
    { op: 'add', source: 'body:mtosb', type: 'SUBORDINATE_TO', target: 'ministry:molvt', quote: 'It also comprises a special unit within the MOLVT' },
    { op: 'retype', relation: 'org:cdri|PARTICIPATES_IN|project:ippmd', type: 'MEMBER_OF' },
  ]);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const b = result.value.bundle;
  const relation = (id: string) => b.relations.find((r) => r.id === id);

  it('accepts, rejects, retypes and renames by id', () => {
    expect(relation(accepted)!.properties).toEqual({ origin: 'curated', readBy: 'creation.passive' });
    expect(relation(rejected)).toBeUndefined();
    expect(relation('org:cdri|PARTICIPATES_IN|project:ippmd')).toBeUndefined();
    expect(relation('org:cdri|MEMBER_OF|project:ippmd')!.properties).toMatchObject({ origin: 'curated', rule: 'work.partner' });
    expect(b.entities.find((e) => e.id === 'org:mop')!.type).toBe('Ministry');
    const mtosb = b.entities.find((e) => e.id === 'body:mtosb')!;
    expect(mtosb.name).toBe('Manpower Training and Overseas Sending Board of Cambodia');
    expect(mtosb.aliases).toContain('Manpower Training and Overseas Sending Board');
  });
  it('adds a relation with its quote as evidence', () => {
    expect(relation('body:mtosb|SUBORDINATE_TO|ministry:molvt')).toMatchObject({ properties: { origin: 'curated' }, evidence: [{ quote: 'It also comprises a special unit within the MOLVT' }] });
  });
  it('names the entry at fault', () => {
    const bad = run([{ op: 'reject', relation: 'no|SUCH|relation' }, { op: 'add', source: 'body:mtosb', type: 'CHAIRS', target: 'ministry:moi', quote: 'a sentence the report does not hold' }]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.code, e.entry])).toEqual([['UNKNOWN_RELATION', '#1 (reject)'], ['QUOTE_NOT_FOUND', '#2 (add)']]);
  });
  it('reads an override file and rejects a malformed entry with its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overrides-'));
    writeFileSync(join(dir, 'good.yaml'), '- { op: accept, relation: "a|CHAIRS|b" }\n- { op: retype, entity: x, type: Ministry }\n');
    writeFileSync(join(dir, 'bad.yaml'), '- { op: retype, entity: x, type: Planet }\n');
    expect(readOverrides(join(dir, 'good.yaml'))).toMatchObject({ ok: true, value: [{ op: 'accept' }, { op: 'retype', type: 'Ministry' }] });
    const bad = readOverrides(join(dir, 'bad.yaml'));
    expect(bad).toMatchObject({ ok: false, errors: [{ code: 'OVERRIDES_INVALID', entry: '#1' }] });
    expect(readOverrides(join(dir, 'none.yaml'))).toMatchObject({ ok: false, errors: [{ code: 'OVERRIDES_MISSING' }] });
  });
});
