/**
 * Which reports each entity appears in: through its mentions, its evidence, the evidence of its
 * relations and the citations of it. A report's Document entity belongs to that report. Used
 * by the stores to answer lists and searches for one report.
 */
import type { GraphBundle } from './bundle';

export function entityDocuments(bundle: Pick<GraphBundle, 'passages' | 'entities' | 'mentions' | 'relations' | 'citations'>): Map<string, string[]> {
  const docOf = new Map(bundle.passages.map((p) => [p.id, p.documentId]));
  const sets = new Map<string, Set<string>>();
  const add = (entityId: string, passageId: string) => {
    const d = docOf.get(passageId);
    if (!d) return;
    let s = sets.get(entityId);
    if (!s) sets.set(entityId, (s = new Set()));
    s.add(d);
  };
  for (const m of bundle.mentions) add(m.entityId, m.passageId);
  for (const e of bundle.entities) {
    for (const ev of e.evidence) add(e.id, ev.passageId);
    if (typeof e.properties.passageId === 'string') add(e.id, e.properties.passageId);
    if (e.type === 'Document') sets.set(e.id, new Set([...(sets.get(e.id) ?? []), e.id]));
  }
  for (const r of bundle.relations) for (const ev of r.evidence) (add(r.source, ev.passageId), add(r.target, ev.passageId));
  for (const c of bundle.citations) add(c.studyId, c.passageId);
  return new Map([...sets].map(([id, s]) => [id, [...s].sort()]));
}
