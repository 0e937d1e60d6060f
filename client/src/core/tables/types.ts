/** A table as the report prints it: columns, and rows with a label, an optional group and printed values. */
export interface PrintedTable {
  columns: string[];
  rows: { label: string; group: string | null; values: string[] }[];
}

/** A printed value read as a number: "12 198" is 12198, "34%" is 34 with the unit "%". */
export interface ReadValue {
  value: number;
  percent: boolean;
}

/** Bars of one chart: rows of one unit (shares), each with its values by column. */
export interface ChartGroup {
  title: string | null;
  rows: { label: string; values: (number | null)[] }[];
  max: number;
}
