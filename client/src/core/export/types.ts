import type { GraphEdge, GraphNode } from '../graph/types';

/** A relation's evidence as exported: the quote and where it stands in the report. */
export interface ExportedEvidence {
  quote: string;
  passage: string;
  start: number;
  end: number;
}

/**
 * A drawing saved to a file: what is drawn, where, under which filters and layout, with the
 * evidence of each relation. The explorer opens it again ("Open a saved view").
 */
export interface ViewFile {
  format: 'policy-graph-view';
  version: 1;
  nodes: (GraphNode & { x: number | null; y: number | null })[];
  relations: (GraphEdge & { evidence: ExportedEvidence[] })[];
  hiddenTypes: string[];
  hiddenRelations: string[];
  layout: string | null;
  selected: string | null;
}

/**
 * A section of the legend drawn beside an exported picture. An entry with a shape is an entity
 * type (drawn in its shape and colour), one with `line` a relation type (drawn as an arrow), one
 * with neither a note.
 */
export interface LegendSection {
  title: string;
  items: { label: string; color?: string; shape?: string; line?: boolean }[];
}
