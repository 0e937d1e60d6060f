/** The explorer's graph state: merging, removing, collapsing, undo, filters and the element diff. */
import { describe, expect, it } from 'vitest';
import { collapse, commit, diffElements, EMPTY_VIEW, HISTORY_LIMIT, mergeSubgraph, removeNodes, subgraphJson, togglePin, undo, visibleElements } from '../../client/src/core/graph';

const n = (id: string, type = 'Ministry') => ({ id, type, name: id.toUpperCase() });
const e = (source: string, target: string, type = 'CHAIRS') => ({ id: `${source}|${type}|${target}`, type, source, target });

const star = mergeSubgraph(EMPTY_VIEW, [n('hub', 'Committee'), n('a'), n('b'), n('c', 'Policy')], [e('a', 'hub'), e('b', 'hub', 'VICE_CHAIRS'), e('c', 'hub', 'ABOUT'), e('b', 'c', 'ISSUED_BY')]);

describe('graph state', () => {
  it('adds only edges whose ends are drawn, and returns the same view when nothing is new', () => {
    const v = mergeSubgraph(EMPTY_VIEW, [n('a')], [e('a', 'zzz')]);
    expect(Object.keys(v.edges)).toEqual([]);
    expect(mergeSubgraph(star, [n('a')], [e('a', 'hub')])).toBe(star);
  });

  it('removes nodes with their edges and pins', () => {
    const v = removeNodes(togglePin(star, 'b'), ['b']);
    expect(Object.keys(v.nodes).sort()).toEqual(['a', 'c', 'hub']);
    expect(Object.values(v.edges).some((x) => x.source === 'b' || x.target === 'b')).toBe(false);
    expect(v.pinned).toEqual([]);
  });

  it('collapses the neighbours that hang on a node alone, keeping pinned ones', () => {
    expect(Object.keys(collapse(star, 'hub').nodes).sort()).toEqual(['b', 'c', 'hub']);
    expect(Object.keys(collapse(togglePin(star, 'a'), 'hub').nodes).sort()).toEqual(['a', 'b', 'c', 'hub']);
  });

  it('undoes step by step and keeps a bounded history', () => {
    let h = { current: EMPTY_VIEW, past: [] as (typeof EMPTY_VIEW)[] };
    h = commit(h, star);
    h = commit(h, removeNodes(star, ['a']));
    expect(Object.keys(undo(h).current.nodes)).toHaveLength(4);
    expect(undo(undo(h)).current).toBe(EMPTY_VIEW);
    expect(undo(undo(undo(h))).current).toBe(EMPTY_VIEW);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = commit(h, mergeSubgraph(h.current, [n(`x${i}`)], []));
    expect(h.past.length).toBe(HISTORY_LIMIT);
  });

  it('filters by entity and relation type', () => {
    const v = visibleElements(star, { hiddenTypes: ['Policy'], hiddenRelations: ['VICE_CHAIRS'] });
    expect(v.nodes.map((x) => x.id).sort()).toEqual(['a', 'b', 'hub']);
    expect(v.edges.map((x) => x.type)).toEqual(['CHAIRS']);
    expect(JSON.parse(subgraphJson(star, { hiddenTypes: ['Policy'], hiddenRelations: [] })).nodes).toHaveLength(3);
  });

  it('diffs elements by id: additions, removals (edges first) and renamed nodes', () => {
    const prev = visibleElements(star, { hiddenTypes: [], hiddenRelations: [] });
    const next = visibleElements(mergeSubgraph(removeNodes(star, ['c']), [{ ...n('a'), name: 'renamed' }, n('d')], [e('d', 'hub')]), { hiddenTypes: [], hiddenRelations: [] });
    const d = diffElements(prev, next);
    expect(d.addNodes.map((x) => x.id)).toEqual(['d']);
    expect(d.addEdges.map((x) => x.id)).toEqual(['d|CHAIRS|hub']);
    expect(d.removeIds).toEqual(['c|ABOUT|hub', 'b|ISSUED_BY|c', 'c']);
    expect(d.updateNodes.map((x) => x.name)).toEqual(['renamed']);
    expect(diffElements(next, next)).toEqual({ addNodes: [], addEdges: [], removeIds: [], updateNodes: [] });
  });
});
