/** The explorer's graph state: merging, removing, collapsing, undo, filters and the element diff. */
import { describe, expect, it } from 'vitest';
import { collapse, commit, diffElements, EMPTY_VIEW, HISTORY_LIMIT, mergeSubgraph, removeNodes, subgraphJson, togglePin, undo, visibleElements, withoutIsolates } from '../../client/src/core/graph';

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

  it('collapse takes back exactly what an expansion drew, even after other expansions', () => {
    let v = mergeSubgraph(EMPTY_VIEW, [n('p'), n('q'), n('r'), n('s')], []);
    v = mergeSubgraph(v, [n('p'), n('p1'), n('p2'), n('shared')], [e('p1', 'p'), e('p2', 'p'), e('shared', 'p')], 'p');
    v = mergeSubgraph(v, [n('q'), n('q1'), n('shared')], [e('q1', 'q'), e('shared', 'q'), e('q1', 'p1')], 'q');
    v = mergeSubgraph(v, [n('r'), n('r1')], [e('r1', 'r')], 'r');
    v = mergeSubgraph(v, [n('s'), n('s1')], [e('s1', 's')], 's');
    v = mergeSubgraph(v, [n('p1'), n('p1a')], [e('p1a', 'p1')], 'p1');
    // What p's expansion drew goes, with what those drew in turn; what q's expansion also drew stays.
    expect(Object.keys(collapse(v, 'p').nodes).sort()).toEqual(['p', 'q', 'q1', 'r', 'r1', 's', 's1', 'shared']);
    expect(Object.keys(collapse(v, 'q').nodes)).not.toContain('q1');
    expect(Object.keys(collapse(v, 'q').nodes)).toContain('shared');
    // A pinned node, or one kept (the selection), stays.
    expect(Object.keys(collapse(togglePin(v, 'p2'), 'p').nodes)).toContain('p2');
    expect(Object.keys(collapse(v, 'p', ['p2']).nodes)).toContain('p2');
  });

  it('remembers the selection of the view it leaves, for undo', () => {
    const h = commit({ current: star, past: [] }, removeNodes(star, ['a']), 'a');
    expect(undo(h).current.focus).toBe('a');
    expect(withoutIsolates([n('a'), n('b'), n('lonely')], [e('a', 'b')])).toEqual({ nodes: [n('a'), n('b')], left: 1 });
  });

  it('undoes step by step and keeps a bounded history', () => {
    let h = { current: EMPTY_VIEW, past: [] as (typeof EMPTY_VIEW)[] };
    h = commit(h, star);
    h = commit(h, removeNodes(star, ['a']));
    expect(Object.keys(undo(h).current.nodes)).toHaveLength(4);
    expect(undo(undo(h)).current.nodes).toEqual({});
    expect(undo(undo(undo(h))).current).toBe(undo(undo(h)).current);
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
