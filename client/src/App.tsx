/**
 * The explorer. React state holds the canvas (with undo history), the selection, the filters and
 * the open passage; the URL mirrors them (reload and back/forward restore the view); Cytoscape
 * only draws what it is given.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { gql } from './api/client';
import { ENTITY, NEIGHBORHOOD, type EntityData, type EntityRef, type EntityResult, type NeighborhoodData, type PathData, type RelationData } from './api/queries';
import { Legend } from './components/Legend';
import { SearchBox } from './components/SearchBox';
import { download } from './core/export';
import { EMPTY_VIEW, collapse, commit, mergeSubgraph, removeNodes, subgraphJson, togglePin, undo, visibleElements, type GraphEdge, type GraphHistory, type GraphNode, type GraphView } from './core/graph';
import { decodeState, encodeState, TABS, type Tab, type UrlState } from './core/url';
import { GraphCanvas, type CanvasHandle } from './graph/GraphCanvas';
import { DiscrepanciesView } from './views/Discrepancies';
import { EntityPanel } from './views/EntityPanel';
import { FindingsView } from './views/Findings';
import { PathFinder } from './views/PathFinder';
import { Reader } from './views/Reader';
import { RelationPanel } from './views/RelationPanel';
import { TablesView } from './views/Tables';
import { TimelineView } from './views/Timeline';

/** Neighbours drawn by one expansion; more are reported as capped. */
export const EXPAND_LIMIT = 200;
/** Entities drawn by a two-hop expansion; a larger neighbourhood is reported as capped. */
export const NEIGHBOURHOOD_LIMIT = 2000;

const PRESETS: { key: string; label: string; types: string[] }[] = [
  { key: 'institutions', label: 'Institutional map', types: ['Ministry', 'GovernmentBody', 'Committee', 'LegalInstrument', 'Agreement', 'Policy'] },
  { key: 'evidence', label: 'Evidence map', types: ['Finding', 'Study', 'Dataset'] },
  { key: 'destinations', label: 'Destinations', types: ['Country', 'Agreement'] },
];

const TAB_LABELS: Record<Tab, string> = { details: 'Details', report: 'Report', findings: 'Findings', path: 'Path', tables: 'Tables', discrepancies: 'Discrepancies', timeline: 'Timeline' };

type Subgraph = NeighborhoodData['neighborhood'];
const toNodes = (s: Subgraph): GraphNode[] => s.nodes.map((n) => ({ id: n.id, type: n.type, name: n.name }));
const toEdges = (s: Subgraph): GraphEdge[] => s.relations.map((r) => ({ id: r.id, type: r.type, source: r.source.id, target: r.target.id }));

async function neighborhood(ids: string[], depth: number, relationTypes: string[] | null = null, limit = EXPAND_LIMIT): Promise<Subgraph> {
  return (await gql<NeighborhoodData>(NEIGHBORHOOD, { ids, depth, relationTypes, limit })).neighborhood;
}

export function App() {
  const initial = useMemo(() => decodeState(window.location.search), []);
  const [history, setHistory] = useState<GraphHistory>({ current: EMPTY_VIEW, past: [] });
  const [ui, setUi] = useState<Omit<UrlState, 'nodes'>>(initial);
  const [relation, setRelation] = useState<RelationData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canvas = useRef<CanvasHandle>(null);
  const restoring = useRef(false);
  const view = history.current;

  const filters = { hiddenTypes: ui.hiddenTypes, hiddenRelations: ui.hiddenRelations };
  const visible = useMemo(() => visibleElements(view, filters), [view, ui.hiddenTypes, ui.hiddenRelations]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = useCallback(async (what: string, task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(`${what} failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }, []);

  const apply = useCallback((change: (v: GraphView) => GraphView) => setHistory((h) => commit(h, change(h.current))), []);

  // --- URL: restore on load and on back/forward; mirror every change.
  const restore = useCallback(
    async (s: UrlState) => {
      restoring.current = true;
      setUi(s);
      if (s.nodes.length) {
        await run('Restoring the view', async () => {
          const sub = await neighborhood(s.nodes, 0, null, 5000);
          setHistory((h) => ({ current: mergeSubgraph({ ...EMPTY_VIEW }, toNodes(sub), toEdges(sub)), past: h.past }));
        });
      } else if (s.entity) {
        await run('Loading the neighbourhood', async () => {
          const sub = await neighborhood([s.entity!], 1);
          setHistory((h) => ({ current: mergeSubgraph({ ...EMPTY_VIEW }, toNodes(sub), toEdges(sub)), past: h.past }));
        });
      } else {
        setHistory((h) => ({ current: EMPTY_VIEW, past: h.past }));
      }
      restoring.current = false;
    },
    [run],
  );

  useEffect(() => {
    void restore(initial).then(() => {
      // A first visit with nothing in the URL opens on the institutional map.
      if (!window.location.search) void showPreset(PRESETS[0]!.types, false);
    });
    const onPop = () => void restore(decodeState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (restoring.current) return;
    const search = encodeState({ ...ui, nodes: Object.keys(view.nodes) });
    if (search !== window.location.search) window.history.pushState(null, '', `${window.location.pathname}${search}`);
  }, [ui, view]);

  // --- The selected relation is fetched through its source entity (ids read "source|TYPE|target").
  useEffect(() => {
    if (!ui.relation || relation?.id === ui.relation) return;
    const source = ui.relation.split('|')[0]!;
    gql<EntityResult>(ENTITY, { id: source }).then(
      (d) => setRelation(d.entity?.relations.find((r) => r.id === ui.relation) ?? null),
      (e: Error) => setError(e.message),
    );
  }, [ui.relation, relation]);

  // --- Actions
  const selectEntity = useCallback(
    (e: EntityRef) => {
      setUi((u) => ({ ...u, entity: e.id, relation: null, tab: 'details' }));
      setRelation(null);
      if (!view.nodes[e.id]) {
        void run('Adding the entity', async () => {
          // The entity and its relations to what is drawn already, in one request.
          const sub = await neighborhood([e.id, ...Object.keys(view.nodes).slice(0, 199)], 0, null, 5000);
          apply((v) => mergeSubgraph(v, toNodes(sub).filter((n) => n.id === e.id || v.nodes[n.id]), toEdges(sub)));
        });
      }
    },
    [view, run, apply],
  );

  const selectRelation = useCallback((r: RelationData) => {
    setRelation(r);
    setUi((u) => ({ ...u, relation: r.id, entity: null, tab: 'details' }));
  }, []);

  const openPassage = useCallback((id: string, span: [number, number] | null) => setUi((u) => ({ ...u, passage: id, span, tab: 'report' })), []);

  const expand = useCallback(
    (id: string, relationTypes: string[] | null) =>
      run('Expanding', async () => {
        const sub = await neighborhood([id], 1, relationTypes);
        apply((v) => mergeSubgraph(v, toNodes(sub), toEdges(sub)));
        const around = await neighborhood([...new Set([...Object.keys(view.nodes), ...sub.nodes.map((n) => n.id)])].slice(0, 200), 0, null, 5000);
        apply((v) => mergeSubgraph(v, [], toEdges(around)));
        setNotice(sub.truncated ? `Showing the first ${EXPAND_LIMIT - 1} neighbours; the rest were capped. Expand by relation type to see others.` : null);
      }),
    [run, apply, view],
  );

  const expandTwoHops = useCallback(
    (id: string) =>
      run('Expanding two hops', async () => {
        const sub = await neighborhood([id], 2, null, NEIGHBOURHOOD_LIMIT);
        apply((v) => mergeSubgraph(v, toNodes(sub), toEdges(sub)));
        setNotice(
          sub.truncated
            ? `The two-hop neighbourhood is larger than ${NEIGHBOURHOOD_LIMIT.toLocaleString('en')} entities; showing the first ${sub.nodes.length.toLocaleString('en')} (capped). Expand by relation type to see others.`
            : null,
        );
      }),
    [run, apply],
  );

  const showPreset = useCallback(
    (types: string[], record = true) =>
      run('Loading the view', async () => {
        const query = `query Preset { ${types.map((t, i) => `t${i}: entities(type: ${JSON.stringify(t)}, limit: 1000) { id }`).join(' ')} }`;
        const lists = await gql<Record<string, { id: string }[]>>(query);
        const ids = Object.values(lists).flat().map((e) => e.id);
        const sub = ids.length ? await neighborhood(ids.slice(0, 200), 0, null, 5000) : { nodes: [], relations: [], truncated: false };
        const next = mergeSubgraph({ ...EMPTY_VIEW }, toNodes(sub), toEdges(sub));
        setHistory((h) => (record ? commit(h, next) : { current: next, past: h.past }));
        setNotice(ids.length > 200 ? 'Showing the first 200 entities of this view.' : null);
        setTimeout(() => canvas.current?.fit(), 400);
      }),
    [run],
  );

  const trace = useCallback(
    (finding: EntityData) =>
      run('Drawing the trace', async () => {
        const support = await neighborhood([finding.id], 2, ['SUPPORTED_BY', 'USES_DATA', 'CITES']);
        const about = await neighborhood([finding.id], 1, ['ABOUT']);
        const next = mergeSubgraph(mergeSubgraph({ ...EMPTY_VIEW }, toNodes(support), toEdges(support)), toNodes(about), toEdges(about));
        setHistory((h) => commit(h, next));
        setTimeout(() => canvas.current?.fit(), 400);
      }),
    [run],
  );

  const drawPath = useCallback((path: NonNullable<PathData['path']>) => {
    const next = mergeSubgraph(
      { ...EMPTY_VIEW },
      path.nodes,
      path.relations.map((r) => ({ id: r.id, type: r.type, source: r.source.id, target: r.target.id })),
    );
    setHistory((h) => commit(h, next));
    setTimeout(() => canvas.current?.fit(), 400);
  }, []);

  // --- Legend counts: what is on the canvas.
  const legend = useMemo(() => {
    const count = (xs: string[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].map(([type, c]) => ({ type, count: c })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
    return { entityTypes: count(Object.values(view.nodes).map((n) => n.type)), relationTypes: count(Object.values(view.edges).map((e) => e.type)) };
  }, [view]);

  const toggle = (key: 'hiddenTypes' | 'hiddenRelations', type: string) => setUi((u) => ({ ...u, [key]: u[key].includes(type) ? u[key].filter((t) => t !== type) : [...u[key], type] }));
  const selected = ui.entity ?? ui.relation;

  return (
    <div className="app">
      <header className="top">
        <h1>Policy report graph</h1>
        <SearchBox label="Search entities" placeholder="Search ministries, laws, studies, countries…" onChoose={selectEntity} testId="search" />
        <nav className="presets" aria-label="Preset views">
          {PRESETS.map((p) => (
            <button key={p.key} onClick={() => void showPreset(p.types)}>{p.label}</button>
          ))}
        </nav>
        <a className="graphiql" href="/graphql" target="_blank" rel="noreferrer">GraphQL API</a>
      </header>
      <Legend
        entityTypes={legend.entityTypes}
        relationTypes={legend.relationTypes}
        hiddenTypes={ui.hiddenTypes}
        hiddenRelations={ui.hiddenRelations}
        onToggleType={(t) => toggle('hiddenTypes', t)}
        onToggleRelation={(t) => toggle('hiddenRelations', t)}
      />
      <main className="stage">
        <div className="toolbar" role="toolbar" aria-label="Canvas">
          <button onClick={() => canvas.current?.fit()}>Fit</button>
          <button onClick={() => canvas.current?.zoom(1.25)} aria-label="Zoom in">+</button>
          <button onClick={() => canvas.current?.zoom(0.8)} aria-label="Zoom out">−</button>
          <button onClick={() => setHistory(undo)} disabled={!history.past.length}>Undo</button>
          <button onClick={() => apply(() => EMPTY_VIEW)} disabled={!Object.keys(view.nodes).length}>Clear</button>
          <button onClick={() => { const png = canvas.current?.png(); if (png) download('graph.png', png, 'image/png'); }}>PNG</button>
          <button onClick={() => download('subgraph.json', subgraphJson(view, filters), 'application/json')}>JSON</button>
          <span className="status-line" aria-live="polite" data-testid="status">
            {busy ? 'Loading…' : `${visible.nodes.length} entities, ${visible.edges.length} relations`}
          </span>
        </div>
        {notice && <div className="notice" role="status" data-testid="notice">{notice}</div>}
        {error && <div className="error" role="alert">{error} <button className="link" onClick={() => setError(null)}>Dismiss</button></div>}
        <GraphCanvas
          ref={canvas}
          nodes={visible.nodes}
          edges={visible.edges}
          selected={selected}
          pinned={view.pinned}
          onSelectNode={(id) => { const n = view.nodes[id]; if (n) selectEntity(n); }}
          onSelectEdge={(id) => setUi((u) => ({ ...u, relation: id, entity: null, tab: 'details' }))}
          onBackground={() => undefined}
        />
        {!Object.keys(view.nodes).length && !busy && <p className="empty">The canvas is empty. Search for an entity or pick a preset view above.</p>}
      </main>
      <aside className="side">
        <div className="tabs" role="tablist" aria-label="Panels">
          {TABS.map((t) => (
            <button key={t} role="tab" aria-selected={ui.tab === t} onClick={() => setUi((u) => ({ ...u, tab: t }))}>{TAB_LABELS[t]}</button>
          ))}
        </div>
        <div className="tab-body">
          {ui.tab === 'details' && ui.entity && (
            <EntityPanel
              id={ui.entity}
              onSelectEntity={selectEntity}
              onSelectRelation={selectRelation}
              onOpenPassage={openPassage}
              onExpand={(id, types) => void expand(id, types)}
              onExpandTwoHops={(id) => void expandTwoHops(id)}
              onCollapse={(id) => apply((v) => collapse(v, id))}
              onRemove={(id) => { apply((v) => removeNodes(v, [id])); setUi((u) => ({ ...u, entity: null })); }}
              onTogglePin={(id) => apply((v) => togglePin(v, id))}
              pinned={view.pinned.includes(ui.entity)}
              onTrace={(f) => void trace(f)}
            />
          )}
          {ui.tab === 'details' && !ui.entity && ui.relation && (relation ? <RelationPanel relation={relation} onSelectEntity={selectEntity} onOpenPassage={openPassage} /> : <p className="status">Loading the relation…</p>)}
          {ui.tab === 'details' && !ui.entity && !ui.relation && <p className="status">Select an entity or a relation on the canvas, or search for one, to see what the report says about it.</p>}
          {ui.tab === 'report' && <Reader passage={ui.passage} span={ui.span} onOpenPassage={openPassage} onSelectEntity={selectEntity} />}
          {ui.tab === 'findings' && <FindingsView onSelectEntity={selectEntity} />}
          {ui.tab === 'path' && <PathFinder ends={ui.path} onEnds={(ends) => setUi((u) => ({ ...u, path: ends }))} onPath={drawPath} onSelectEntity={selectEntity} onOpenPassage={openPassage} />}
          {ui.tab === 'tables' && <TablesView selected={ui.table} onSelect={(n) => setUi((u) => ({ ...u, table: n }))} onOpenPassage={openPassage} />}
          {ui.tab === 'discrepancies' && <DiscrepanciesView onSelectEntity={selectEntity} onOpenPassage={openPassage} />}
          {ui.tab === 'timeline' && <TimelineView onSelectEntity={selectEntity} />}
        </div>
      </aside>
    </div>
  );
}
