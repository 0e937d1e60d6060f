/** The part of the explorer's state that the URL carries: enough to restore the view on reload. */
import type { LayoutName } from '../layout/types';

export type Tab = 'details' | 'report' | 'findings' | 'path' | 'tables' | 'discrepancies' | 'timeline';

export const TABS: readonly Tab[] = ['details', 'report', 'findings', 'path', 'tables', 'discrepancies', 'timeline'];

/** Where the drawing sits: node positions (model units, rounded) and the viewport. */
export interface Geometry {
  positions: Record<string, { x: number; y: number }>;
  zoom: number | null;
  pan: { x: number; y: number } | null;
}

export interface UrlState {
  /** Selected entity id. */
  entity: string | null;
  /** Selected relation id (with its source entity, which answers for it). */
  relation: string | null;
  /** Entities on the canvas. */
  nodes: string[];
  hiddenTypes: string[];
  hiddenRelations: string[];
  /** Passage open in the reader, and the highlighted span in it. */
  passage: string | null;
  span: [number, number] | null;
  tab: Tab;
  /** Path finder ends. */
  path: [string, string] | null;
  /** Table shown in the tables tab. */
  table: string | null;
  /** Findings filters: a sector and a migration dimension id. */
  sector: string | null;
  dimension: string | null;
  /** The layout the drawing was made with (null: the user's remembered choice). */
  layout: LayoutName | null;
  geometry: Geometry;
}
