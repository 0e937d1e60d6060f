/** How an entity type looks on the canvas and in the legend. */
export interface TypeStyle {
  color: string;
  shape: string;
  label: string;
}
