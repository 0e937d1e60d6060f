import { TABS, type Tab, type UrlState } from './types';

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
};

/** At most this many canvas nodes go into a URL; beyond it the view is not shareable whole. */
export const MAX_URL_NODES = 300;

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** The state as a query string, leaving out defaults so URLs stay short. Order is stable. */
export function encodeState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.tab !== 'details') p.set('tab', s.tab);
  if (s.entity) p.set('e', s.entity);
  if (s.relation) p.set('r', s.relation);
  if (s.nodes.length) p.set('n', [...s.nodes].sort().slice(0, MAX_URL_NODES).join(','));
  if (s.hiddenTypes.length) p.set('ht', [...s.hiddenTypes].sort().join(','));
  if (s.hiddenRelations.length) p.set('hr', [...s.hiddenRelations].sort().join(','));
  if (s.passage) p.set('p', s.passage);
  if (s.passage && s.span) p.set('s', `${s.span[0]}-${s.span[1]}`);
  if (s.path) p.set('path', `${s.path[0]},${s.path[1]}`);
  if (s.table) p.set('t', s.table);
  const q = p.toString();
  return q ? `?${q}` : '';
}

/** A query string back into state; anything malformed falls back to the default, never throws. */
export function decodeState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const tab = p.get('tab');
  const span = /^(\d+)-(\d+)$/.exec(p.get('s') ?? '');
  const path = list(p.get('path'));
  return {
    entity: p.get('e') || null,
    relation: p.get('r') || null,
    nodes: list(p.get('n')).slice(0, MAX_URL_NODES),
    hiddenTypes: list(p.get('ht')),
    hiddenRelations: list(p.get('hr')),
    passage: p.get('p') || null,
    span: span && Number(span[2]) > Number(span[1]) ? [Number(span[1]), Number(span[2])] : null,
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : 'details',
    path: path.length === 2 ? [path[0]!, path[1]!] : null,
    table: p.get('t') || null,
  };
}
