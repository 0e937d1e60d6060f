/**
 * Overrides reach the graph from the command line (--overrides FILE, for npm run seed and npm
 * start) and from a curation folder's overrides.yaml (a library's reports too); a bad file stops
 * the build with its name and entry, and loses nothing.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph-seed/src/ingest/build';
import { parseSeedArgs, UsageError } from '../../server/src/seed';
import { FIXTURES } from '../helpers/report';
import { tempDir } from '../helpers/tmp';

const REPORT = join(FIXTURES, 'unseen');
const READ = 'body:ib|ESTABLISHED_BY|subdecree:42-2016';

function overridesFile(text: string): string {
  const file = join(tempDir('overrides'), 'overrides.yaml');
  writeFileSync(file, text);
  return file;
}

describe('overrides on the command line and in a curation folder', () => {
  it('are applied to the report read with no curation', async () => {
    const plain = await buildGraph({ corpus: [REPORT], curation: 'none' });
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(plain.value.bundle.relations.map((r) => r.id)).toContain(READ);
    const file = overridesFile(`- { op: reject, relation: "${READ}" }\n- { op: rename, entity: body:ib, name: Irrigation Board of the Province }\n`);
    const built = await buildGraph({ corpus: [REPORT], curation: 'none', overrides: file });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const b = built.value.bundle;
    expect(b.relations.map((r) => r.id)).not.toContain(READ);
    expect(b.entities.find((e) => e.id === 'body:ib')?.name).toBe('Irrigation Board of the Province');
  });

  it('stop the build when the file is malformed or names what the graph does not hold, saying where', async () => {
    const malformed = overridesFile('- { op: retype, entity: body:ib, type: Planet }\n');
    const bad = await buildGraph({ corpus: [REPORT], curation: 'none', overrides: malformed });
    expect(bad).toMatchObject({ ok: false, errors: [{ code: 'OVERRIDES_INVALID', file: malformed, entry: '#1' }] });
    const unknown = overridesFile('- { op: reject, relation: "no|SUCH|relation" }\n');
    expect(await buildGraph({ corpus: [REPORT], curation: 'none', overrides: unknown })).toMatchObject({ ok: false, errors: [{ code: 'UNKNOWN_RELATION' }] });
    expect(await buildGraph({ corpus: [REPORT], curation: 'none', overrides: join(tempDir('overrides'), 'missing.yaml') })).toMatchObject({ ok: false, errors: [{ code: 'OVERRIDES_MISSING' }] });
  });

  it('come from each report\'s curation folder in a library, and a bad one leaves only that report out', async () => {
    const dir = tempDir('library');
    for (const name of ['first', 'second']) {
      cpSync(REPORT, join(dir, name), { recursive: true });
      mkdirSync(join(dir, name, 'curation'));
    }
    writeFileSync(join(dir, 'first', 'curation', 'overrides.yaml'), `- { op: reject, relation: "${READ}" }\n`);
    const built = await buildGraph({ library: dir });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const ids = built.value.reports.map((r) => r.relations.map((x) => x.id));
    expect(ids[0]!.some((id) => id.includes('|ESTABLISHED_BY|'))).toBe(false);
    expect(ids[1]!.some((id) => id.includes('|ESTABLISHED_BY|'))).toBe(true);

    writeFileSync(join(dir, 'first', 'curation', 'overrides.yaml'), '- { op: nonsense }\n');
    const partly = await buildGraph({ library: dir });
    if (!partly.ok) throw new Error(JSON.stringify(partly.errors));
    expect(partly.value.skipped).toMatchObject([{ report: 'first', problems: [{ code: 'OVERRIDES_INVALID' }] }]);
    expect(partly.value.reports).toHaveLength(1);
    expect(await buildGraph({ library: dir, overrides: overridesFile('[]\n') })).toMatchObject({ ok: false, errors: [{ code: 'OPTIONS' }] });
  });

  it('are an option of npm start, and not with a built bundle', () => {
    expect(parseSeedArgs(['--corpus', 'a.pdf', '--overrides', 'o.yaml'])).toMatchObject({ corpus: ['a.pdf'], overrides: 'o.yaml' });
    expect(() => parseSeedArgs(['--bundle', 'b.json', '--overrides', 'o.yaml'])).toThrow(UsageError);
  });
});
