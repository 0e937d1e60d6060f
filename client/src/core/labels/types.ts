/** A label's box on screen (rendered pixels) and how much it matters when labels compete for room. */
export interface LabelBox {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Higher is placed first: the selection, then pinned and hovered nodes, then by degree. */
  priority: number;
}

/** Where a label stands against its node. */
export type LabelSide = 'bottom' | 'top' | 'right' | 'left';

/** A label's box at each place it may stand, in order of preference (the first is its own). */
export interface LabelChoices {
  id: string;
  priority: number;
  at: readonly (Omit<LabelBox, 'id' | 'priority'> & { side: LabelSide })[];
}
