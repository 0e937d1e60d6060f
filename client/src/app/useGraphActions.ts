/**
 * What the explorer does to the canvas: expansions, presets, traces, paths, each fetched from the
 * API and merged into the view history. Messages say what happened when it is not visible
 * (capped results, an expansion that adds nothing, entities left out of a preset).
 */
import { useCallback, type Dispatch, type SetStateAction } from 'react';
import { gql } from '../api/client';
import { NEIGHBORHOOD, type EntityData, type NeighborhoodData, type PathData } from '../api/queries';
import { commit, EMPTY_VIEW, mergeSubgraph, withoutIsolates, type GraphEdge, type GraphHistory, type GraphNode, type GraphView } from '../core/graph';
import { relationLabel } from '../core/style';

/** Neighbours drawn by one expansion; more are reported as capped. */
export const EXPAND_LIMIT = 200;
/** Entities drawn by a two-hop expansion; a larger neighbourhood is reported as capped. */
export const NEIGHBOURHOOD_LIMIT = 2000;

export const PRESETS: { key: string; label: string; types: string[] }[] = [
  { key: 'institutions', label: 'Institutional map', types: ['Ministry', 'GovernmentBody', 'Committee', 'LegalInstrument', 'Agreement', 'Policy'] },
  { key: 'evidence', label: 'Evidence map', types: ['Finding', 'Study', 'Dataset'] },
  { key: 'destinations', label: 'Destinations', types: ['Country', 'Agreement'] },
];

type Subgraph = NeighborhoodData['neighborhood'];
export const toNodes = (s: Subgraph): GraphNode[] => s.nodes.map((n) => ({ id: n.id, type: n.type, name: n.name }));
export const toEdges = (s: Subgraph): GraphEdge[] => s.relations.map((r) => ({ id: r.id, type: r.type, source: r.source.id, target: r.target.id }));

export async function neighborhood(ids: string[], depth: number, relationTypes: string[] | null = null, limit = EXPAND_LIMIT): Promise<Subgraph> {
  return (await gql<NeighborhoodData>(NEIGHBORHOOD, { ids, depth, relationTypes, limit })).neighborhood;
}

/** A preset's entities (all of them, by type) and the relations among the first 200. */
async function fetchPreset(types: string[]): Promise<{ ids: string[]; sub: Subgraph }> {
  const query = `query Preset { ${types.map((t, i) => `t${i}: entities(type: ${JSON.stringify(t)}, limit: 1000) { id }`).join(' ')} }`;
  const lists = await gql<Record<string, { id: string }[]>>(query);
  const ids = Object.values(lists).flat().map((e) => e.id);
  const sub = ids.length ? await neighborhood(ids.slice(0, 200), 0, null, 5000) : { nodes: [], relations: [], truncated: false };
  return { ids, sub };
}

const prefetched = new Map<string, Promise<{ ids: string[]; sub: Subgraph }>>();

/**
 * Starts fetching a preset before the interface is up (the first view of a bare URL), so that
 * its two round trips overlap the page's start. The next showPreset of the same types takes it.
 */
export function prefetchPreset(types: string[]): void {
  const p = fetchPreset(types);
  // Its failure is reported by the showPreset that takes it; none is lost unseen otherwise.
  p.catch(() => {});
  prefetched.set(types.join(), p);
}

/** A preset's data: the one fetched early when there is one (taken once), or fetched now. */
export function presetData(types: string[]): Promise<{ ids: string[]; sub: Subgraph }> {
  const key = types.join();
  const early = prefetched.get(key);
  prefetched.delete(key);
  return early ?? fetchPreset(types);
}

interface Deps {
  view: GraphView;
  setHistory: Dispatch<SetStateAction<GraphHistory>>;
  apply(change: (v: GraphView) => GraphView): void;
  run(what: string, task: () => Promise<void>): Promise<void>;
  setNotice(n: string | null): void;
  fit(): void;
}

export function useGraphActions({ view, setHistory, apply, run, setNotice, fit }: Deps) {
  const expand = useCallback(
    (id: string, relationTypes: string[] | null) =>
      run('Expanding', async () => {
        const sub = await neighborhood([id], 1, relationTypes);
        const added = sub.nodes.filter((n) => n.id !== id && !view.nodes[n.id]).length;
        apply((v) => mergeSubgraph(v, toNodes(sub), toEdges(sub), id));
        const around = await neighborhood([...new Set([...Object.keys(view.nodes), ...sub.nodes.map((n) => n.id)])].slice(0, 200), 0, null, 5000);
        apply((v) => mergeSubgraph(v, [], toEdges(around)));
        const by = relationTypes ? ` by “${relationTypes.map(relationLabel).join(', ')}”` : '';
        if (sub.truncated) setNotice(`Showing the first ${EXPAND_LIMIT - 1} neighbours; the rest were capped. Expand by relation type to see others.`);
        else if (sub.nodes.length <= 1) setNotice(`Expanding${by} adds nothing: this entity has no neighbour${by}.`);
        else if (!added) setNotice(`Expanding${by} adds nothing: all ${sub.nodes.length - 1} neighbours are drawn already.`);
        else setNotice(`Added ${added} neighbour${added === 1 ? '' : 's'}${by}.`);
      }),
    [run, apply, view, setNotice],
  );

  const expandTwoHops = useCallback(
    (id: string) =>
      run('Expanding two hops', async () => {
        const sub = await neighborhood([id], 2, null, NEIGHBOURHOOD_LIMIT);
        apply((v) => mergeSubgraph(v, toNodes(sub), toEdges(sub), id));
        setNotice(
          sub.truncated
            ? `The two-hop neighbourhood is larger than ${NEIGHBOURHOOD_LIMIT.toLocaleString('en')} entities; showing the first ${sub.nodes.length.toLocaleString('en')} (capped). Expand by relation type to see others.`
            : null,
        );
      }),
    [run, apply, setNotice],
  );

  const showPreset = useCallback(
    (types: string[], record = true) =>
      run('Loading the view', async () => {
        const { ids, sub } = await presetData(types);
        // Entities that relate to nothing else in the view say nothing in a map of relations.
        const edges = toEdges(sub);
        const { nodes, left } = withoutIsolates(toNodes(sub), edges);
        const next = mergeSubgraph({ ...EMPTY_VIEW }, nodes, edges);
        setHistory((h) => (record ? commit(h, next) : { current: next, past: h.past }));
        const notes = [ids.length > 200 ? 'Showing the first 200 entities of this view.' : '', left ? `${left} entities without a relation to the rest are left out; search for them to draw them.` : ''].filter(Boolean);
        setNotice(notes.length ? notes.join(' ') : null);
      }),
    [run, setHistory, setNotice],
  );

  const trace = useCallback(
    (finding: EntityData) =>
      run('Drawing the trace', async () => {
        const support = await neighborhood([finding.id], 2, ['SUPPORTED_BY', 'USES_DATA', 'CITES']);
        const about = await neighborhood([finding.id], 1, ['ABOUT']);
        const next = mergeSubgraph(mergeSubgraph({ ...EMPTY_VIEW }, toNodes(support), toEdges(support)), toNodes(about), toEdges(about));
        setHistory((h) => commit(h, next));
        setTimeout(fit, 400);
      }),
    [run, setHistory, fit],
  );

  const drawPath = useCallback(
    (path: NonNullable<PathData['path']>) => {
      const next = mergeSubgraph({ ...EMPTY_VIEW }, path.nodes, path.relations.map((r) => ({ id: r.id, type: r.type, source: r.source.id, target: r.target.id })));
      setHistory((h) => commit(h, next));
    },
    [setHistory],
  );

  return { expand, expandTwoHops, showPreset, trace, drawPath };
}
