/** Geometry of the canvas in model units (Cytoscape's coordinates, independent of zoom). */
export interface Point {
  x: number;
  y: number;
}

/** The layouts a user can choose: force-directed, layered (hierarchical) and rings by degree. */
export type LayoutName = 'force' | 'hierarchy' | 'rings';

export const LAYOUTS: readonly LayoutName[] = ['force', 'hierarchy', 'rings'];

export type Direction = 'left' | 'right' | 'up' | 'down';

/** A node's footprint with its label: a box around its position (offsets in model units). */
export interface Footprint {
  id: string;
  x: number;
  y: number;
  /** Box edges relative to (x, y). */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Fixed footprints push others away and never move themselves. */
  fixed: boolean;
}
