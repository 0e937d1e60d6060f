import type { TypeStyle } from './types';

/** One colour and shape per entity type of the ontology; unknown types get a neutral look. */
export const TYPE_STYLES: Record<string, TypeStyle> = {
  Document: { color: '#6b7280', shape: 'rectangle', label: 'Document' },
  // Government: a dark and a light blue with different shapes, a teal hexagon.
  Ministry: { color: '#1e3a8a', shape: 'round-rectangle', label: 'Ministry' },
  GovernmentBody: { color: '#60a5fa', shape: 'rectangle', label: 'Government body' },
  Committee: { color: '#0d9488', shape: 'hexagon', label: 'Committee' },
  // Organisations: violet, pink and lavender, each its own shape.
  InternationalOrganization: { color: '#7c3aed', shape: 'octagon', label: 'International organisation' },
  ResearchOrganization: { color: '#db2777', shape: 'concave-hexagon', label: 'Research organisation' },
  Organization: { color: '#c4b5fd', shape: 'octagon', label: 'Organisation' },
  LegalInstrument: { color: '#92400e', shape: 'tag', label: 'Legal instrument' },
  Agreement: { color: '#f59e0b', shape: 'diamond', label: 'Agreement' },
  Policy: { color: '#15803d', shape: 'pentagon', label: 'Policy' },
  Programme: { color: '#65a30d', shape: 'barrel', label: 'Programme' },
  Project: { color: '#a3e635', shape: 'barrel', label: 'Project' },
  Dataset: { color: '#06b6d4', shape: 'cut-rectangle', label: 'Dataset' },
  Study: { color: '#be123c', shape: 'rhomboid', label: 'Study' },
  Person: { color: '#fb7185', shape: 'ellipse', label: 'Person' },
  Country: { color: '#0369a1', shape: 'ellipse', label: 'Country' },
  Region: { color: '#38bdf8', shape: 'ellipse', label: 'Region' },
  Province: { color: '#bae6fd', shape: 'ellipse', label: 'Province' },
  // Topics: a yellow star and a fuchsia rounded diamond.
  Sector: { color: '#eab308', shape: 'star', label: 'Sector' },
  MigrationDimension: { color: '#c026d3', shape: 'round-diamond', label: 'Migration dimension' },
  Finding: { color: '#dc2626', shape: 'triangle', label: 'Finding' },
  Recommendation: { color: '#ea580c', shape: 'vee', label: 'Recommendation' },
  Statistic: { color: '#94a3b8', shape: 'round-tag', label: 'Statistic' },
  Table: { color: '#475569', shape: 'rectangle', label: 'Table' },
  Figure: { color: '#334155', shape: 'rectangle', label: 'Figure' },
};

/**
 * Each canvas shape as polygon points in [-1, 1] (Cytoscape's own outlines, simplified), so the
 * legend draws what the canvas draws. Round and curved shapes are drawn by the legend itself.
 */
const POLYGONS: Record<string, number[]> = {
  triangle: [0, -1, 1, 1, -1, 1],
  diamond: [0, -1, 1, 0, 0, 1, -1, 0],
  'round-diamond': [0, -1, 1, 0, 0, 1, -1, 0],
  pentagon: [0, -1, 0.95, -0.31, 0.59, 0.81, -0.59, 0.81, -0.95, -0.31],
  hexagon: [-1, 0, -0.5, -0.87, 0.5, -0.87, 1, 0, 0.5, 0.87, -0.5, 0.87],
  'concave-hexagon': [-1, -0.95, -0.75, 0, -1, 0.95, 1, 0.95, 0.75, 0, 1, -0.95],
  octagon: [-0.41, -1, 0.41, -1, 1, -0.41, 1, 0.41, 0.41, 1, -0.41, 1, -1, 0.41, -1, -0.41],
  star: [0, -1, 0.22, -0.31, 0.95, -0.31, 0.36, 0.12, 0.59, 0.81, 0, 0.38, -0.59, 0.81, -0.36, 0.12, -0.95, -0.31, -0.22, -0.31],
  tag: [-1, -1, 0.5, -1, 1, 0, 0.5, 1, -1, 1],
  'round-tag': [-1, -1, 0.5, -1, 1, 0, 0.5, 1, -1, 1],
  rhomboid: [-0.33, -1, 1, -1, 0.33, 1, -1, 1],
  'cut-rectangle': [-0.6, -1, 0.6, -1, 1, -0.6, 1, 0.6, 0.6, 1, -0.6, 1, -1, 0.6, -1, -0.6],
  vee: [-1, -1, 0, -0.33, 1, -1, 0, 1],
  rectangle: [-1, -1, 1, -1, 1, 1, -1, 1],
};

/** An SVG element description for a shape in a box of `size` pixels: a polygon, a rounded rect or an ellipse. */
export function shapeOutline(shape: string, size: number): { kind: 'polygon'; points: string } | { kind: 'rect'; rx: number } | { kind: 'ellipse' } {
  if (shape === 'ellipse') return { kind: 'ellipse' };
  if (shape === 'round-rectangle' || shape === 'barrel') return { kind: 'rect', rx: shape === 'barrel' ? size * 0.35 : size * 0.2 };
  const pts = POLYGONS[shape] ?? POLYGONS.rectangle!;
  const half = size / 2;
  const out: string[] = [];
  for (let i = 0; i < pts.length; i += 2) out.push(`${(half + pts[i]! * (half - 0.5)).toFixed(1)},${(half + pts[i + 1]! * (half - 0.5)).toFixed(1)}`);
  return { kind: 'polygon', points: out.join(' ') };
}

export function typeStyle(type: string): TypeStyle {
  return TYPE_STYLES[type] ?? { color: '#94a3b8', shape: 'ellipse', label: type };
}

/** "VICE_CHAIRS" -> "vice chairs", for labels and sentences. */
export const relationLabel = (type: string) => type.toLowerCase().replace(/_/g, ' ');

/**
 * What a passage opened from a relation's evidence shows: the relation spelled out ("Ministry of
 * Interior chairs Migration Working Group"), when the relation is the one selected and the span
 * open is one of its quotes; null otherwise (a passage opened from a mention or the outline).
 */
export function evidenceFor(
  relation: { id: string; type: string; source: { name: string }; target: { name: string }; evidence: { passage: { id: string }; start: number; end: number }[] } | null,
  ui: { relation: string | null; passage: string | null; span: [number, number] | null },
): string | null {
  if (!relation || relation.id !== ui.relation || !ui.span) return null;
  const quoted = relation.evidence.some((e) => e.passage.id === ui.passage && e.start === ui.span![0] && e.end === ui.span![1]);
  return quoted ? `${relation.source.name} ${relationLabel(relation.type)} ${relation.target.name}` : null;
}
