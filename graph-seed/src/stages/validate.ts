/**
 * Stage 8 (validate): the graph's invariants. No dangling reference, every relation with
 * evidence, every offset pointing at the text it claims, ids unique.
 */
import type { GraphBundle } from '../model/bundle';
import type { Problem } from '../model/result';

export function validateGraph(b: Omit<GraphBundle, 'format' | 'version'>): Problem[] {
  const problems: Problem[] = [];
  const err = (code: string, message: string, passageId?: string) => problems.push({ severity: 'error', code, message, ...(passageId ? { passageId } : {}) });
  const passages = new Map(b.passages.map((p) => [p.id, p]));
  const entities = new Set<string>();
  for (const e of b.entities) {
    if (entities.has(e.id)) err('DUPLICATE_ID', `entity id ${e.id} is used twice`);
    entities.add(e.id);
  }
  if (passages.size !== b.passages.length) err('DUPLICATE_ID', 'two passages share an id');
  if (new Set(b.tables.map((t) => t.id)).size !== b.tables.length) err('DUPLICATE_ID', 'two tables share an id');
  if (new Set(b.figures.map((f) => f.id)).size !== b.figures.length) err('DUPLICATE_ID', 'two figures share an id');
  const span = (where: string, ev: { passageId: string; start: number; end: number }, expected: string) => {
    const p = passages.get(ev.passageId);
    if (!p) return err('DANGLING_PASSAGE', `${where} points at unknown passage ${ev.passageId}`);
    if (ev.end > p.text.length || ev.start >= ev.end) return err('BAD_OFFSETS', `${where} has offsets ${ev.start}-${ev.end} outside its passage`, p.id);
    if (p.text.slice(ev.start, ev.end) !== expected) err('OFFSET_MISMATCH', `${where}: "${p.text.slice(ev.start, ev.end)}" is not "${expected}"`, p.id);
  };
  for (const e of b.entities) for (const ev of e.evidence) span(`evidence of ${e.id}`, ev, ev.quote);
  for (const m of b.mentions) {
    if (!entities.has(m.entityId)) err('DANGLING_ENTITY', `a mention points at unknown entity ${m.entityId}`, m.passageId);
    span(`mention of ${m.entityId}`, m, m.text);
  }
  for (const r of b.relations) {
    if (!entities.has(r.source)) err('DANGLING_ENTITY', `relation ${r.id} has unknown source ${r.source}`);
    if (!entities.has(r.target)) err('DANGLING_ENTITY', `relation ${r.id} has unknown target ${r.target}`);
    if (!r.evidence.length) err('NO_EVIDENCE', `relation ${r.id} has no evidence`);
    for (const ev of r.evidence) span(`evidence of ${r.id}`, ev, ev.quote);
  }
  for (const c of b.citations) {
    if (!passages.has(c.passageId)) err('DANGLING_PASSAGE', `a citation points at unknown passage ${c.passageId}`);
    if (!entities.has(c.studyId)) err('DANGLING_ENTITY', `a citation points at unknown study ${c.studyId}`);
    span(`citation of ${c.studyId}`, c.evidence, c.evidence.quote);
  }
  for (const d of b.discrepancies) {
    if (!entities.has(d.subjectId)) err('DANGLING_ENTITY', `discrepancy ${d.id} has unknown subject ${d.subjectId}`);
    for (const ev of d.statements) span(`statement of ${d.id}`, ev, ev.quote);
  }
  for (const t of [...b.tables, ...b.figures]) if (!passages.has(t.passageId)) err('DANGLING_PASSAGE', `${t.id} points at unknown passage ${t.passageId}`);
  for (const p of b.passages) {
    if (p.leadInId && !passages.has(p.leadInId)) err('DANGLING_PASSAGE', `lead-in ${p.leadInId} is unknown`, p.id);
    for (const n of p.noteIds) if (!passages.has(n)) err('DANGLING_PASSAGE', `note ${n} is unknown`, p.id);
  }
  return problems;
}
