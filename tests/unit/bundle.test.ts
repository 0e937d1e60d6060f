/** The bundle: versioned, schema-validated on write and read, byte-identical for identical input. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp';
import { describe, expect, it } from 'vitest';
import { BundleReadError, readBundle, writeBundle } from '../../graph-seed/src/io/bundle';
import { readCuration } from '../../graph-seed/src/io/curation';
import { DEFAULT_CORPUS, DEFAULT_CURATION } from '../../graph-seed/src/paths';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { createHash } from 'node:crypto';
import { canonicalHash, canonicalJson } from '../../graph-seed/src/stages/emit';
import { bundledCorpus } from '../helpers/report';

function build() {
  const corpus = bundledCorpus();
  const curation = readCuration(DEFAULT_CURATION);
  if (!corpus.ok || !curation.ok) throw new Error('inputs');
  const r = runPipeline(corpus.value, curation.value);
  if (!r.ok) throw new Error('pipeline');
  return r.value.bundle;
}

describe('graph bundle', () => {
  it('is byte-identical for identical input, and its version hashes the content', () => {
    const a = build();
    const b = build();
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(a.version).toMatch(/^1\.0\.0\+[0-9a-f]{16}$/);
    const c = readCuration(DEFAULT_CURATION);
    const corpus = bundledCorpus();
    if (!c.ok || !corpus.ok) throw new Error('inputs');
    // One finding fewer: one that no recommendation is based on, so the pipeline still succeeds.
    const referenced = JSON.stringify(c.value.recommendations);
    const spare = c.value.findings.find((f) => !referenced.includes(`"${f.id}"`));
    expect(spare, 'a finding no recommendation refers to').toBeDefined();
    const changed = runPipeline(corpus.value, { ...c.value, findings: c.value.findings.filter((f) => f !== spare) });
    // The modified pipeline must succeed for the comparison to mean anything.
    if (!changed.ok) throw new Error(changed.errors.map((e) => e.message).join('\n'));
    expect(changed.value.bundle.version).toMatch(/^1\.0\.0\+[0-9a-f]{16}$/);
    expect(changed.value.bundle.version).not.toBe(a.version);
  });

  it('hashes record by record exactly the canonical text: key order, omitted undefined values and null array holes included', () => {
    const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');
    const { format: _format, version, ...content } = build();
    expect(version).toBe(`1.0.0+${canonicalHash(content).slice(0, 16)}`);
    expect(canonicalHash(content)).toBe(sha(content));
    const odd = { z: [1, undefined, { y: 1, b: undefined, a: [null] }], a: undefined, m: { q: 'é’', c: 2 }, e: [] };
    expect(canonicalHash(odd)).toBe(sha(odd));
    expect(canonicalHash({ ...odd, e: [0] })).not.toBe(sha(odd));
  });

  it('round-trips through the file and rejects a file that breaks the schema', () => {
    const dir = tempDir('bundle');
    const file = join(dir, 'bundle.json');
    const bundle = build();
    writeBundle(file, bundle);
    expect(readBundle(file)).toEqual(bundle);
    const broken = JSON.parse(readFileSync(file, 'utf8'));
    delete broken.relations[0].evidence;
    writeFileSync(file, JSON.stringify(broken));
    expect(() => readBundle(file)).toThrow(BundleReadError);
    expect(() => readBundle(file)).toThrow(/relations\.0\.evidence/);
    writeFileSync(file, '{"format": ');
    expect(() => readBundle(file)).toThrow(/cannot read the graph bundle/);
  });
});
