/**
 * The explorer's view as state that the URL mirrors: the canvas (with undo history), the panels
 * and filters, the layout and the geometry (positions, zoom, pan). Reload, back/forward and a
 * shared link restore it; a change of geometry alone replaces the history entry instead of
 * adding one, and the first drawing of a bare URL replaces it too, so that Back never lands on an
 * empty canvas.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { commit, EMPTY_VIEW, mergeSubgraph, undo, type GraphHistory, type GraphView } from '../core/graph';
import { LAYOUTS, type LayoutName } from '../core/layout';
import { decodeState, EMPTY_GEOMETRY, opensBare, encodeState, withoutGeometry, type Geometry, type UrlState } from '../core/url';
import { neighborhood, toEdges, toNodes } from './useGraphActions';

export type UiState = Omit<UrlState, 'nodes' | 'geometry' | 'layout'> & { layout: LayoutName };

const LAYOUT_KEY = 'explorer.layout';
const rememberedLayout = (): LayoutName => {
  const v = window.localStorage.getItem(LAYOUT_KEY);
  return LAYOUTS.includes(v as LayoutName) ? (v as LayoutName) : 'force';
};

/** `onHistory`: told when Back or Forward draws another view (a notice about the last drawing no longer applies). */
export function useViewState(run: (what: string, task: () => Promise<void>) => Promise<void>, onHistory: () => void = () => {}) {
  const initial = useMemo(() => decodeState(window.location.search), []);
  const [history, setHistory] = useState<GraphHistory>({ current: EMPTY_VIEW, past: [] });
  const [ui, setUi] = useState<UiState>({ ...initial, layout: initial.layout ?? rememberedLayout() });
  // The URL's own geometry until the canvas reports where things sit, so that no write drops it.
  const [geometry, setGeometry] = useState<Geometry>(initial.geometry);
  const [hints, setHints] = useState<{ key: number; geometry: Geometry } | null>({ key: 1, geometry: initial.geometry });
  const restoring = useRef(false);
  /** Nothing written yet, and whether the page opened without a drawing (its first drawing replaces the entry). */
  const written = useRef(false);
  const bare = useRef(opensBare(initial));
  const uiRef = useRef(ui);
  uiRef.current = ui;
  const view = history.current;

  const apply = useCallback((change: (v: GraphView) => GraphView) => setHistory((h) => commit(h, change(h.current), uiRef.current.entity)), []);

  const restore = useCallback(
    async (s: UrlState) => {
      restoring.current = true;
      setUi({ ...s, layout: s.layout ?? rememberedLayout() });
      setHints((h) => ({ key: (h?.key ?? 0) + 1, geometry: s.geometry }));
      setGeometry(s.geometry);
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
      } else setHistory((h) => ({ current: EMPTY_VIEW, past: h.past }));
      restoring.current = false;
    },
    [run],
  );

  useEffect(() => {
    const onPop = () => {
      onHistory();
      void restore(decodeState(window.location.search));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [restore]);

  useEffect(() => {
    if (restoring.current) return;
    const nodes = Object.keys(view.nodes);
    const positions = Object.fromEntries(nodes.filter((id) => geometry.positions[id]).map((id) => [id, geometry.positions[id]!]));
    const search = encodeState({ ...ui, nodes, geometry: nodes.length ? { ...geometry, positions } : EMPTY_GEOMETRY });
    if (search === window.location.search) return;
    const url = `${window.location.pathname}${search}`;
    if (!written.current || bare.current || withoutGeometry(search) === withoutGeometry(window.location.search)) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    written.current = true;
    if (nodes.length) bare.current = false;
  }, [ui, view, geometry]);

  const chooseLayout = useCallback((layout: LayoutName) => {
    window.localStorage.setItem(LAYOUT_KEY, layout);
    setUi((u) => ({ ...u, layout }));
  }, []);

  /** Undo, selecting again what was selected before the step undone. */
  const undoStep = useCallback(() => {
    const previous = history.past[history.past.length - 1];
    setHistory(undo);
    if (previous?.focus && previous.nodes[previous.focus]) setUi((u) => ({ ...u, entity: previous.focus, relation: null, tab: 'details' }));
  }, [history]);

  return { initial, history, setHistory, view, ui, setUi, geometry, setGeometry, hints, setHints, apply, restore, chooseLayout, undoStep };
}
