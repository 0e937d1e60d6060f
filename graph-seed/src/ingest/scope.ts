/**
 * A report's own ids (passages, tables, figures, findings, statistics, recommendations,
 * discrepancies) carry the report's key when reports are combined, so that two reports never
 * share them and adding a report leaves the others' ids as they were: `p:1-001` becomes
 * `p:cambodia/1-001`. Ids of things the reports talk about (countries, organisations, studies)
 * stay as they are: that is how reports meet in one graph.
 */
import type { GraphBundle } from '../model/bundle';
import type { EntityType } from '../model/ontology';
import { emitBundle } from '../stages/emit';

/** Entity types that belong to one report. */
export const REPORT_LOCAL_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['Document', 'Finding', 'Recommendation', 'Statistic', 'Table', 'Figure']);

const scoped = (id: string, key: string) => {
  const colon = id.indexOf(':');
  return colon < 0 ? `${key}/${id}` : `${id.slice(0, colon)}:${key}/${id.slice(colon + 1)}`;
};

/** Replaces every string equal to a key of `ids` anywhere in `value`, and recomputes relation ids. */
export function renameIds<T>(value: T, ids: Map<string, string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return ids.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export function scopeReport(bundle: GraphBundle, key: string): GraphBundle {
  const ids = new Map<string, string>();
  for (const p of bundle.passages) ids.set(p.id, scoped(p.id, key));
  for (const e of bundle.entities) if (REPORT_LOCAL_TYPES.has(e.type) && e.type !== 'Document') ids.set(e.id, scoped(e.id, key));
  for (const t of bundle.tables) ids.set(t.id, scoped(t.id, key));
  for (const f of bundle.figures) ids.set(f.id, scoped(f.id, key));
  for (const d of bundle.discrepancies) ids.set(d.id, scoped(d.id, key));
  const { format: _f, version: _v, ...content } = bundle;
  const renamed = renameIds(content, ids);
  renamed.relations = renamed.relations.map((r) => ({ ...r, id: `${r.source}|${r.type}|${r.target}` }));
  return emitBundle(renamed);
}
