import { LAYOUTS, type LayoutName } from '../layout/types';
import { TABS, type Geometry, type Tab, type UrlState } from './types';

export const EMPTY_GEOMETRY: Geometry = { positions: {}, zoom: null, pan: null };

export const DEFAULT_STATE: UrlState = {
  entity: null,
  relation: null,
  nodes: [],
  hiddenTypes: [],
  hiddenRelations: [],
  passage: null,
  span: null,
  tab: 'details',
  path: null,
  table: null,
  sector: null,
  dimension: null,
  layout: null,
  geometry: EMPTY_GEOMETRY,
};

/** At most this many canvas nodes go into a URL; beyond it the view is not shareable whole. */
export const MAX_URL_NODES = 300;

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);
const int36 = (n: number) => Math.round(n).toString(36);
const parse36 = (s: string) => (/^-?[0-9a-z]+$/.test(s) ? parseInt(s, 36) : NaN);

/**
 * Positions as one parameter: for each node of the (sorted) node list, "x.y" in base 36, or "_"
 * for a node without a position. Whole model units: a restored node sits within half a unit.
 */
export function encodePositions(nodes: readonly string[], positions: Geometry['positions']): string {
  const cells = nodes.map((id) => {
    const p = positions[id];
    return p ? `${int36(p.x)}.${int36(p.y)}` : '_';
  });
  return cells.every((c) => c === '_') ? '' : cells.join(',');
}

export function decodePositions(nodes: readonly string[], text: string | null): Geometry['positions'] {
  const out: Geometry['positions'] = {};
  if (!text) return out;
  const cells = text.split(',');
  if (cells.length !== nodes.length) return out;
  cells.forEach((c, i) => {
    const [x, y] = c.split('.').map(parse36);
    if (Number.isFinite(x) && Number.isFinite(y)) out[nodes[i]!] = { x: x!, y: y! };
  });
  return out;
}

/** The state as a query string, leaving out defaults so URLs stay short. Order is stable. */
export function encodeState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.tab !== 'details') p.set('tab', s.tab);
  if (s.entity) p.set('e', s.entity);
  if (s.relation) p.set('r', s.relation);
  const nodes = [...s.nodes].sort().slice(0, MAX_URL_NODES);
  if (nodes.length) p.set('n', nodes.join(','));
  if (s.hiddenTypes.length) p.set('ht', [...s.hiddenTypes].sort().join(','));
  if (s.hiddenRelations.length) p.set('hr', [...s.hiddenRelations].sort().join(','));
  if (s.passage) p.set('p', s.passage);
  if (s.passage && s.span) p.set('s', `${s.span[0]}-${s.span[1]}`);
  if (s.path) p.set('path', `${s.path[0]},${s.path[1]}`);
  if (s.table) p.set('t', s.table);
  if (s.sector) p.set('fs', s.sector);
  if (s.dimension) p.set('fd', s.dimension);
  if (s.layout) p.set('l', s.layout);
  const pos = encodePositions(nodes, s.geometry.positions);
  if (pos) p.set('pos', pos);
  if (s.geometry.zoom !== null) p.set('z', String(Math.round(s.geometry.zoom * 1000) / 1000));
  if (s.geometry.pan) p.set('pan', `${Math.round(s.geometry.pan.x)},${Math.round(s.geometry.pan.y)}`);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/** Whether a URL's state draws nothing of its own (no entity, nodes or path): it opens on the first preset. */
export function opensBare(s: UrlState): boolean {
  return !s.entity && !s.nodes.length && !s.path;
}

/** A query string back into state; anything malformed falls back to the default, never throws. */
export function decodeState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const tab = p.get('tab');
  const span = /^(\d+)-(\d+)$/.exec(p.get('s') ?? '');
  const path = list(p.get('path'));
  const nodes = list(p.get('n')).slice(0, MAX_URL_NODES);
  const zoom = Number(p.get('z'));
  const pan = /^(-?\d+),(-?\d+)$/.exec(p.get('pan') ?? '');
  const layout = p.get('l');
  return {
    entity: p.get('e') || null,
    relation: p.get('r') || null,
    nodes,
    hiddenTypes: list(p.get('ht')),
    hiddenRelations: list(p.get('hr')),
    passage: p.get('p') || null,
    span: span && Number(span[2]) > Number(span[1]) ? [Number(span[1]), Number(span[2])] : null,
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : 'details',
    path: path.length === 2 ? [path[0]!, path[1]!] : null,
    table: p.get('t') || null,
    sector: p.get('fs') || null,
    dimension: p.get('fd') || null,
    layout: LAYOUTS.includes(layout as LayoutName) ? (layout as LayoutName) : null,
    geometry: {
      positions: decodePositions([...nodes].sort(), p.get('pos')),
      zoom: p.get('z') && zoom > 0 && zoom < 100 ? zoom : null,
      pan: pan ? { x: Number(pan[1]), y: Number(pan[2]) } : null,
    },
  };
}

/** The URL without its geometry: two states that differ only in where things sit are one history entry. */
export function withoutGeometry(search: string): string {
  const p = new URLSearchParams(search);
  for (const k of ['pos', 'z', 'pan']) p.delete(k);
  return p.toString();
}
