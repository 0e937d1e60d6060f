import type { GraphEdge, GraphNode } from '../graph/types';
import { relationLabel, typeStyle } from '../style';
import type { ExportedEvidence, LegendSection, ViewFile } from './types';

/** Saves text or a data URL as a file through the browser. */
export function download(name: string, content: string, type: string): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A drawing as a view file (sorted by id, so the same drawing gives the same file). */
export function viewFile(o: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  positions: Record<string, { x: number; y: number }>;
  evidence: ReadonlyMap<string, ExportedEvidence[]>;
  hiddenTypes: string[];
  hiddenRelations: string[];
  layout: string | null;
  selected: string | null;
}): ViewFile {
  return {
    format: 'policy-graph-view',
    version: 1,
    nodes: [...o.nodes].sort(byId).map((n) => ({ id: n.id, type: n.type, name: n.name, x: o.positions[n.id]?.x ?? null, y: o.positions[n.id]?.y ?? null })),
    relations: [...o.edges].sort(byId).map((e) => ({ id: e.id, type: e.type, source: e.source, target: e.target, evidence: o.evidence.get(e.id) ?? [] })),
    hiddenTypes: [...o.hiddenTypes].sort(),
    hiddenRelations: [...o.hiddenRelations].sort(),
    layout: o.layout,
    selected: o.selected,
  };
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A view file read back, or the reason it cannot be: what is wrong and where. */
export function readViewFile(text: string): { ok: true; file: ViewFile } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not JSON: ${(e as Error).message}` };
  }
  const f = raw as Partial<ViewFile>;
  if (!f || typeof f !== 'object' || f.format !== 'policy-graph-view') return { ok: false, error: 'The file is not a saved view of this explorer (its "format" is not "policy-graph-view").' };
  if (f.version !== 1) return { ok: false, error: `Saved views of version ${String(f.version)} cannot be read; this explorer reads version 1.` };
  if (!Array.isArray(f.nodes) || !Array.isArray(f.relations)) return { ok: false, error: 'The saved view has no "nodes" or "relations" list.' };
  const bad = f.nodes.findIndex((n) => !n || !isStr(n.id) || !isStr(n.type) || typeof n.name !== 'string');
  if (bad >= 0) return { ok: false, error: `Node ${bad + 1} of the saved view has no id, type or name.` };
  const badRel = f.relations.findIndex((r) => !r || !isStr(r.id) || !isStr(r.type) || !isStr(r.source) || !isStr(r.target));
  if (badRel >= 0) return { ok: false, error: `Relation ${badRel + 1} of the saved view has no id, type, source or target.` };
  return {
    ok: true,
    file: {
      format: 'policy-graph-view',
      version: 1,
      nodes: f.nodes.map((n) => ({ id: n.id, type: n.type, name: n.name, x: typeof n.x === 'number' ? n.x : null, y: typeof n.y === 'number' ? n.y : null })),
      relations: f.relations.map((r) => ({ id: r.id, type: r.type, source: r.source, target: r.target, evidence: Array.isArray(r.evidence) ? r.evidence : [] })),
      hiddenTypes: Array.isArray(f.hiddenTypes) ? f.hiddenTypes.filter(isStr) : [],
      hiddenRelations: Array.isArray(f.hiddenRelations) ? f.hiddenRelations.filter(isStr) : [],
      layout: isStr(f.layout) ? f.layout : null,
      selected: isStr(f.selected) ? f.selected : null,
    },
  };
}

/** Saved views by name (kept in the browser): the list with `name` set to `search`, newest first. */
export function saveNamed(list: readonly { name: string; search: string }[], name: string, search: string): { name: string; search: string }[] {
  const n = name.trim();
  if (!n) return [...list];
  return [{ name: n, search }, ...list.filter((v) => v.name !== n)].slice(0, 50);
}

/** Counts by type, most frequent first (then by name). */
const byType = (types: string[]) =>
  [...types.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/**
 * The legend of an exported picture, from what it draws: its entity types and its relation types
 * with their counts, and how to read arrows and pinned entities. A picture pasted into a report
 * explains itself; one that listed the entity types alone left every line unexplained.
 */
export function pictureLegend(nodes: readonly GraphNode[], edges: readonly GraphEdge[], pinned: readonly string[] = []): LegendSection[] {
  const sections: LegendSection[] = [
    { title: 'Entity types', items: byType(nodes.map((n) => n.type)).map(([type, count]) => ({ ...typeStyle(type), label: `${typeStyle(type).label} (${count})` })) },
  ];
  if (edges.length) sections.push({ title: 'Relation types', items: byType(edges.map((e) => e.type)).map(([type, count]) => ({ label: `${relationLabel(type)} (${count})`, line: true })) });
  const notes = edges.length ? ['An arrow reads from subject to object: A → B is “A chairs B”.'] : [];
  if (nodes.some((n) => pinned.includes(n.id))) notes.push('A double black border marks a pinned entity.');
  if (notes.length) sections.push({ title: 'Reading it', items: notes.map((label) => ({ label })) });
  return sections;
}
