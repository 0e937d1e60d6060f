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
