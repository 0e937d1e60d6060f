/**
 * The explorer. useViewState holds the canvas (with undo history), the selection, the filters,
 * the layout and the geometry, mirrored in the URL; useGraphActions fetches what the canvas draws;
 * Cytoscape only draws what it is given. On a phone, search, canvas and details take the screen
 * in turn.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { gql } from './api/client';
import { ENTITY, SUBGRAPH_EVIDENCE, type EntityRef, type EntityResult, type RelationData, type SubgraphEvidenceData } from './api/queries';
import { NodeList } from './app/NodeList';
import { PhoneNav, type Screen } from './app/PhoneNav';
import { SelectionBar } from './app/SelectionBar';
import { SidePanel } from './app/SidePanel';
import { Toolbar } from './app/Toolbar';
import { neighborhood, PRESETS, toEdges, toNodes, useGraphActions } from './app/useGraphActions';
import { useViewState } from './app/useViewState';
import { Legend } from './components/Legend';
import { SavedViews } from './components/SavedViews';
import { SearchBox } from './components/SearchBox';
import { download, pictureLegend, readViewFile, viewFile } from './core/export';
import { collapse, commit, EMPTY_VIEW, mergeSubgraph, removeNodes, togglePin, visibleElements } from './core/graph';
import { evidenceFor, relationLabel } from './core/style';
import { counted } from './core/text';
import { decodeState, opensBare } from './core/url';
import { GraphCanvas, type CanvasHandle } from './graph/GraphCanvas';
import { DiscrepanciesView } from './views/Discrepancies';
import { EmptyCanvas } from './views/EmptyCanvas';
import { EntityPanel } from './views/EntityPanel';
import { FindingsView } from './views/Findings';
import { PathFinder } from './views/PathFinder';
import { Reader } from './views/Reader';
import { RelationPanel } from './views/RelationPanel';
import { TablesView } from './views/Tables';
import { TimelineView } from './views/Timeline';

export function App() {
  const [relation, setRelation] = useState<RelationData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [boxed, setBoxed] = useState<string[]>([]);
  const [screen, setScreen] = useState<Screen>(() => (/[?&](e|r|tab)=/.test(window.location.search) ? 'details' : 'canvas'));
  const canvas = useRef<CanvasHandle>(null);

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

  const { initial, history, setHistory, view, ui, setUi, setGeometry, hints, setHints, apply, restore, chooseLayout, undoStep } = useViewState(run, () => setNotice(null));
  const fit = useCallback(() => canvas.current?.fit(), []);
  const { expand, expandTwoHops, showPreset, trace, drawPath } = useGraphActions({ view, setHistory, apply, run, setNotice, fit });
  const filters = { hiddenTypes: ui.hiddenTypes, hiddenRelations: ui.hiddenRelations };
  const visible = useMemo(() => visibleElements(view, filters), [view, ui.hiddenTypes, ui.hiddenRelations]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    // A first visit with nothing in the URL opens on the institutional map.
    void restore(initial).then(() => {
      if (opensBare(initial)) void showPreset(PRESETS[0]!.types, false);
    });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // --- The selected relation is fetched through its source entity (ids read "source|TYPE|target").
  useEffect(() => {
    if (!ui.relation || relation?.id === ui.relation) return;
    gql<EntityResult>(ENTITY, { id: ui.relation.split('|')[0]! }).then(
      (d) => setRelation(d.entity?.relations.find((r) => r.id === ui.relation) ?? null),
      (e: Error) => setError(e.message),
    );
  }, [ui.relation, relation]);

  const selectEntity = useCallback(
    (e: EntityRef) => {
      setUi((u) => ({ ...u, entity: e.id, relation: null, tab: 'details' }));
      setRelation(null);
      setScreen('details');
      if (view.nodes[e.id]) return;
      void run('Adding the entity', async () => {
        // The entity and its relations to what is drawn already, in one request.
        const sub = await neighborhood([e.id, ...Object.keys(view.nodes).slice(0, 199)], 0, null, 5000);
        apply((v) => mergeSubgraph(v, toNodes(sub).filter((n) => n.id === e.id || v.nodes[n.id]), toEdges(sub)));
      });
    },
    [view, run, apply, setUi],
  );
  const selectNode = (id: string) => { const n = view.nodes[id]; if (n) selectEntity(n); };
  const selectRelation = useCallback((r: RelationData) => (setRelation(r), setUi((u) => ({ ...u, relation: r.id, entity: null, tab: 'details' }))), [setUi]);
  const openPassage = useCallback((id: string, span: [number, number] | null) => (setUi((u) => ({ ...u, passage: id, span, tab: 'report' })), setScreen('details')), [setUi]);
  const remove = (ids: string[]) => {
    apply((v) => removeNodes(v, ids));
    if (ui.entity && ids.includes(ui.entity)) setUi((u) => ({ ...u, entity: null }));
  };
  const toggle = (key: 'hiddenTypes' | 'hiddenRelations', type: string) => setUi((u) => ({ ...u, [key]: u[key].includes(type) ? u[key].filter((t) => t !== type) : [...u[key], type] }));

  const legend = useMemo(() => {
    const count = (xs: string[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].map(([type, c]) => ({ type, count: c })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
    return { entityTypes: count(Object.values(view.nodes).map((n) => n.type)), relationTypes: count(Object.values(view.edges).map((e) => e.type)) };
  }, [view]);

  const savePng = async () => {
    const png = await canvas.current?.png(pictureLegend(visible.nodes, visible.edges, view.pinned));
    if (png) download('graph.png', png, 'image/png');
  };
  const exportView = () =>
    run('Exporting the view', async () => {
      const ids = visible.nodes.map((n) => n.id);
      const ev = ids.length ? await gql<SubgraphEvidenceData>(SUBGRAPH_EVIDENCE, { ids: ids.slice(0, 1000), limit: Math.min(ids.length, 1000) }) : { neighborhood: { relations: [] } };
      const evidence = new Map(ev.neighborhood.relations.map((r) => [r.id, r.evidence.map((e) => ({ quote: e.quote, passage: e.passage.id, start: e.start, end: e.end }))]));
      const file = viewFile({ ...visible, positions: canvas.current?.geometry().positions ?? {}, evidence, ...filters, layout: ui.layout, selected: ui.entity });
      download('view.json', JSON.stringify(file, null, 2), 'application/json');
    });
  const openFile = async (f: File) => {
    const read = readViewFile(await f.text());
    if (!read.ok) return setError(`This file cannot be opened: ${read.error}`);
    const { nodes, relations, hiddenTypes, hiddenRelations, selected } = read.file;
    const positions = Object.fromEntries(nodes.filter((n) => n.x !== null && n.y !== null).map((n) => [n.id, { x: n.x!, y: n.y! }]));
    setHints((h) => ({ key: (h?.key ?? 0) + 1, geometry: { positions, zoom: null, pan: null } }));
    setHistory((h) => commit(h, mergeSubgraph({ ...EMPTY_VIEW }, nodes, relations)));
    setUi((u) => ({ ...u, hiddenTypes, hiddenRelations, entity: selected, relation: null, tab: 'details' }));
    setNotice(`Opened a saved view of ${counted(nodes.length, 'entity', 'entities')} and ${counted(relations.length, 'relation')}.`);
  };
  const selectEdge = (id: string) => (setUi((u) => ({ ...u, relation: id, entity: null, tab: 'details' })), setScreen('details'));
  const menu = (id: string) => view.edges[id] ? [
    { label: 'Evidence', run: () => selectEdge(id) },
    { label: `Hide every “${relationLabel(view.edges[id]!.type)}” relation`, run: () => toggle('hiddenRelations', view.edges[id]!.type) },
  ] : [
    { label: 'Details', run: () => selectNode(id) },
    { label: 'Expand all', run: () => void expand(id, null) },
    { label: 'Collapse', run: () => apply((v) => collapse(v, id, ui.entity ? [ui.entity] : [])) },
    { label: view.pinned.includes(id) ? 'Unpin' : 'Pin', run: () => apply((v) => togglePin(v, id)) },
    { label: 'Hide', run: () => remove([id]) },
  ];

  return (
    <div className="app" data-screen={screen}>
      <header className="top">
        <h1>Policy report graph</h1>
        <SearchBox label="Search entities" placeholder="Search ministries, laws, studies, countries…" onChoose={selectEntity} testId="search" />
        <nav className="presets" aria-label="Preset views">
          {PRESETS.map((p) => (
            <button key={p.key} onClick={() => (void showPreset(p.types), setUi((u) => ({ ...u, entity: null, relation: null })), setScreen('canvas'))}>{p.label}</button>
          ))}
        </nav>
        <SavedViews onOpen={(search) => { window.history.pushState(null, '', `${window.location.pathname}${search}`); void restore(decodeState(search)); }} />
        <a className="graphiql" href="/graphql" target="_blank" rel="noreferrer">GraphQL API</a>
      </header>
      <main className="stage" aria-label="Canvas">
        <Toolbar
          layout={ui.layout} canUndo={history.past.length > 0} empty={!visible.nodes.length} listOpen={listOpen}
          status={busy ? 'Loading…' : `${counted(visible.nodes.length, 'entity', 'entities')}, ${counted(visible.edges.length, 'relation')}`}
          onFit={fit} onZoom={(f) => canvas.current?.zoom(f)} onLayout={chooseLayout} onRelayout={() => canvas.current?.relayout()}
          onUndo={undoStep} onClear={() => (apply(() => EMPTY_VIEW), setNotice(null))} onToggleList={() => setListOpen((o) => !o)}
          onPng={() => void savePng()} onExport={() => void exportView()} onOpenFile={(f) => void openFile(f)}
        />
        {notice && <div className="notice" role="status" data-testid="notice">{notice} <button className="link" onClick={() => setNotice(null)}>Dismiss</button></div>}
        {error && <div className="error" role="alert">{error} <button className="link" onClick={() => setError(null)}>Dismiss</button></div>}
        <div className={`stage-body${listOpen ? ' with-list' : ''}`}>
          {boxed.length > 1 && (
            <SelectionBar count={boxed.length} onExpand={() => boxed.forEach((id) => void expand(id, null))} onPin={() => apply((v) => boxed.reduce((acc, id) => (acc.pinned.includes(id) ? acc : togglePin(acc, id)), v))} onHide={() => (remove(boxed), setBoxed([]))} onClear={() => setBoxed([])} />
          )}
          <GraphCanvas
            ref={canvas} nodes={visible.nodes} edges={visible.edges} selected={ui.entity ?? ui.relation} pinned={view.pinned} layout={ui.layout} hints={hints}
            onSelectNode={selectNode} onSelectEdge={selectEdge}
            onGeometry={setGeometry} boxed={boxed} onSelection={setBoxed} menu={menu}
          />
          {listOpen && <NodeList nodes={visible.nodes} edges={visible.edges} selected={ui.entity} onSelect={selectNode} />}
        </div>
        {!Object.keys(view.nodes).length && !busy && <EmptyCanvas onPreset={(types) => void showPreset(types)} />}
      </main>
      <SidePanel tab={ui.tab} onTab={(t) => setUi((u) => ({ ...u, tab: t }))}>
        {ui.tab === 'details' && ui.entity && (
          <EntityPanel
            id={ui.entity} onSelectEntity={selectEntity} onSelectRelation={selectRelation} onOpenPassage={openPassage}
            onExpand={(id, types) => void expand(id, types)} onExpandTwoHops={(id) => void expandTwoHops(id)}
            onCollapse={(id) => apply((v) => collapse(v, id, [id]))} onRemove={(id) => remove([id])}
            onTogglePin={(id) => apply((v) => togglePin(v, id))} pinned={view.pinned.includes(ui.entity)} onTrace={(f) => void trace(f)}
            onShowOnCanvas={() => setScreen('canvas')}
          />
        )}
        {ui.tab === 'details' && !ui.entity && ui.relation && (relation ? <RelationPanel relation={relation} onSelectEntity={selectEntity} onOpenPassage={openPassage} /> : <p className="status">Loading the relation…</p>)}
        {ui.tab === 'details' && !ui.entity && !ui.relation && <p className="status">Select an entity or a relation on the canvas, or search for one, to see what the report says about it.</p>}
        {ui.tab === 'report' && <Reader passage={ui.passage} span={ui.span} reason={evidenceFor(relation, ui)} onOpenPassage={openPassage} onSelectEntity={selectEntity} />}
        {ui.tab === 'findings' && <FindingsView sector={ui.sector} dimension={ui.dimension} onFilter={(sector, dimension) => setUi((u) => ({ ...u, sector, dimension }))} onSelectEntity={selectEntity} />}
        {ui.tab === 'path' && <PathFinder ends={ui.path} onEnds={(ends) => setUi((u) => ({ ...u, path: ends }))} onPath={drawPath} onSelectEntity={selectEntity} onOpenPassage={openPassage} />}
        {ui.tab === 'tables' && <TablesView selected={ui.table} onSelect={(n) => setUi((u) => ({ ...u, table: n }))} onOpenPassage={openPassage} />}
        {ui.tab === 'discrepancies' && <DiscrepanciesView onSelectEntity={selectEntity} onOpenPassage={openPassage} />}
        {ui.tab === 'timeline' && <TimelineView onSelectEntity={selectEntity} />}
      </SidePanel>
      <Legend
        entityTypes={legend.entityTypes} relationTypes={legend.relationTypes} hiddenTypes={ui.hiddenTypes} hiddenRelations={ui.hiddenRelations}
        onToggleType={(t) => toggle('hiddenTypes', t)} onToggleRelation={(t) => toggle('hiddenRelations', t)}
      />
      <PhoneNav screen={screen} onScreen={setScreen} />
    </div>
  );
}
