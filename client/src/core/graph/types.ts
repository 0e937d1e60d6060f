/** What the canvas shows: entities and relations by id, and which nodes the user pinned. */
export interface GraphNode {
  id: string;
  type: string;
  name: string;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface GraphView {
  nodes: Record<string, GraphNode>;
  edges: Record<string, GraphEdge>;
  pinned: string[];
  /** For nodes an expansion drew: the nodes whose expansion brought them (collapse takes them back). */
  anchors: Record<string, string[]>;
  /** The entity selected when this view was left (undo selects it again). */
  focus: string | null;
}

/** Views the user can go back to (undo), newest last. */
export interface GraphHistory {
  current: GraphView;
  past: GraphView[];
}

/** What changes on the canvas between two views, applied to Cytoscape in one batch. */
export interface ElementDiff {
  addNodes: GraphNode[];
  addEdges: GraphEdge[];
  removeIds: string[];
  updateNodes: GraphNode[];
}

export interface Filters {
  hiddenTypes: string[];
  hiddenRelations: string[];
}
