import type { TypeStyle } from './types';

/** One colour and shape per entity type of the ontology; unknown types get a neutral look. */
export const TYPE_STYLES: Record<string, TypeStyle> = {
  Document: { color: '#6b7280', shape: 'rectangle', label: 'Document' },
  Ministry: { color: '#1d4ed8', shape: 'round-rectangle', label: 'Ministry' },
  GovernmentBody: { color: '#2563eb', shape: 'round-rectangle', label: 'Government body' },
  Committee: { color: '#0891b2', shape: 'hexagon', label: 'Committee' },
  InternationalOrganization: { color: '#7c3aed', shape: 'octagon', label: 'International organisation' },
  ResearchOrganization: { color: '#9333ea', shape: 'octagon', label: 'Research organisation' },
  Organization: { color: '#a855f7', shape: 'octagon', label: 'Organisation' },
  LegalInstrument: { color: '#b45309', shape: 'tag', label: 'Legal instrument' },
  Agreement: { color: '#d97706', shape: 'diamond', label: 'Agreement' },
  Policy: { color: '#15803d', shape: 'pentagon', label: 'Policy' },
  Programme: { color: '#16a34a', shape: 'barrel', label: 'Programme' },
  Project: { color: '#4d7c0f', shape: 'barrel', label: 'Project' },
  Dataset: { color: '#0f766e', shape: 'cut-rectangle', label: 'Dataset' },
  Study: { color: '#be123c', shape: 'rhomboid', label: 'Study' },
  Person: { color: '#e11d48', shape: 'ellipse', label: 'Person' },
  Country: { color: '#0369a1', shape: 'ellipse', label: 'Country' },
  Region: { color: '#0284c7', shape: 'ellipse', label: 'Region' },
  Province: { color: '#38bdf8', shape: 'ellipse', label: 'Province' },
  Sector: { color: '#ca8a04', shape: 'star', label: 'Sector' },
  MigrationDimension: { color: '#eab308', shape: 'star', label: 'Migration dimension' },
  Finding: { color: '#dc2626', shape: 'triangle', label: 'Finding' },
  Recommendation: { color: '#ea580c', shape: 'vee', label: 'Recommendation' },
  Statistic: { color: '#64748b', shape: 'round-tag', label: 'Statistic' },
  Table: { color: '#475569', shape: 'rectangle', label: 'Table' },
  Figure: { color: '#334155', shape: 'rectangle', label: 'Figure' },
};

export function typeStyle(type: string): TypeStyle {
  return TYPE_STYLES[type] ?? { color: '#94a3b8', shape: 'ellipse', label: type };
}

/** "VICE_CHAIRS" -> "vice chairs", for labels and sentences. */
export const relationLabel = (type: string) => type.toLowerCase().replace(/_/g, ' ');
