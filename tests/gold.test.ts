/**
 * Precision and recall against facts read from the report. Recall must be at least 0.9, and
 * among the pairs of entities the gold file relates, the graph must hold no relation the gold
 * file does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { GraphBundle } from '../graph-seed/src/model/bundle';
import { reportBundle } from './helpers/report';

interface Gold {
  entities: { name: string; type: string }[];
  relations: { source: string; type: string; target: string; passage: string }[];
  citations: { passage: string; study: string }[];
  cells: { table: string; row: string; group?: string; column: string; value: string }[];
  /** Relations the report does not state (wrong readings once made); none may be in the graph. */
  absent: { source: string; type: string; target: string }[];
}

const gold = parse(readFileSync(join(import.meta.dirname, 'gold', 'gold.yaml'), 'utf8')) as Gold;
const norm = (s: string) => s.normalize('NFKC').replace(/[’']/g, "'").replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();

function resolver(b: GraphBundle) {
  const byName = new Map<string, string[]>();
  for (const e of b.entities) for (const n of [e.name, ...e.aliases]) byName.set(norm(n), [...(byName.get(norm(n)) ?? []), e.id]);
  return (name: string) => byName.get(norm(name)) ?? [];
}

describe('gold facts', () => {
  const b = reportBundle();
  const resolve = resolver(b);
  const entity = new Map(b.entities.map((e) => [e.id, e]));
  const passage = new Map(b.passages.map((p) => [p.id, p]));
  const misses: string[] = [];
  let found = 0;
  let total = 0;
  const check = (ok: boolean, what: string) => {
    total++;
    if (ok) found++;
    else misses.push(what);
  };

  for (const g of gold.entities) check(resolve(g.name).some((id) => entity.get(id)?.type === g.type), `entity ${g.type} "${g.name}"`);

  const goldPairs = new Set<string>();
  let relationsAmongPairs = 0;
  let correctAmongPairs = 0;
  for (const g of gold.relations) {
    const sources = resolve(g.source);
    const targets = resolve(g.target);
    for (const s of sources) for (const t of targets) goldPairs.add(`${s}|${t}`).add(`${t}|${s}`);
    const hit = b.relations.some(
      (r) => r.type === g.type && sources.includes(r.source) && targets.includes(r.target) && r.evidence.some((ev) => passage.get(ev.passageId)?.text.includes(g.passage)),
    );
    check(hit, `relation ${g.source} ${g.type} ${g.target} (in "${g.passage}")`);
  }
  const falseRelations: string[] = [];
  for (const r of b.relations) {
    if (!goldPairs.has(`${r.source}|${r.target}`)) continue;
    relationsAmongPairs++;
    const ok = gold.relations.some((g) => g.type === r.type && resolve(g.source).includes(r.source) && resolve(g.target).includes(r.target));
    if (ok) correctAmongPairs++;
    else falseRelations.push(r.id);
  }

  for (const g of gold.citations) {
    const studies = resolve(g.study);
    check(
      b.citations.some((c) => studies.includes(c.studyId) && passage.get(c.passageId)?.text.includes(g.passage)),
      `citation of ${g.study} in "${g.passage}"`,
    );
  }
  for (const g of gold.cells) {
    const t = b.tables.find((x) => x.number === g.table);
    const col = t?.columns.indexOf(g.column) ?? -1;
    const row = t?.rows.find((r) => r.label === g.row && (g.group === undefined || r.group === g.group));
    check(!!row && col >= 0 && norm(row.values[col] ?? '') === norm(g.value), `cell ${g.table} / ${g.row} / ${g.column} = ${g.value}`);
  }

  const recall = found / total;
  const precision = relationsAmongPairs ? correctAmongPairs / relationsAmongPairs : 1;
  console.log(`gold: ${total} facts, recall ${recall.toFixed(3)} (${found}/${total}); relation precision among gold pairs ${precision.toFixed(3)} (${correctAmongPairs}/${relationsAmongPairs})`);
  if (misses.length) console.log(`missed:\n  ${misses.join('\n  ')}`);

  it('holds at least 60 facts', () => expect(total).toBeGreaterThanOrEqual(60));
  it('recalls at least 90% of them', () => expect(recall).toBeGreaterThanOrEqual(0.9));
  it('has no false relation among the gold pairs', () => expect(falseRelations).toEqual([]));
  it('holds none of the relations the report does not state', () => {
    expect(gold.absent.length).toBeGreaterThanOrEqual(7);
    const present = gold.absent.filter((g) => {
      const sources = resolve(g.source);
      const targets = resolve(g.target);
      expect(sources.length && targets.length, `${g.source} / ${g.target} must both name entities of the graph`).toBeGreaterThan(0);
      return b.relations.some((r) => r.type === g.type && sources.includes(r.source) && targets.includes(r.target));
    });
    expect(present).toEqual([]);
  });
});
