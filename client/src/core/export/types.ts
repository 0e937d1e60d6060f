/** A table as the CSV export sees it. */
export interface CsvTable {
  columns: string[];
  rows: { label: string; group: string | null; values: string[] }[];
}
