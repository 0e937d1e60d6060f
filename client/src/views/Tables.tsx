/** Every table of the report, rendered as a table, with a bar chart where one reads better, and CSV export. */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { TABLES, type TableData } from '../api/queries';
import { download, tableCsv } from '../core/export';

export function DataTable({ table }: { table: TableData }) {
  let group: string | null = null;
  return (
    <table className="data" data-testid={`table-${table.number}`}>
      <caption>
        Table {table.number}. {table.title}
      </caption>
      <thead>
        <tr>
          <th />
          {table.columns.map((c) => (
            <th key={c} scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.flatMap((r, i) => {
          const out = [];
          if (r.group && r.group !== group) out.push(<tr key={`g${i}`} className="group"><th scope="rowgroup" colSpan={table.columns.length + 1}>{r.group}</th></tr>);
          group = r.group;
          out.push(
            <tr key={i}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, j) => (
                <td key={j}>{v}</td>
              ))}
            </tr>,
          );
          return out;
        })}
      </tbody>
      {table.source && (
        <tfoot>
          <tr>
            <td colSpan={table.columns.length + 1} className="small muted">{table.source}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Horizontal bars for the rows whose values are percentages, one bar per column. */
export function BarChart({ table }: { table: TableData }) {
  const rows = table.rows.filter((r) => r.values.every((v) => /^\s*[\d.]+\s*%?\s*$/.test(v)) && r.values.some((v) => v.includes('%') || Number(v) <= 100));
  const shareRows = rows.filter((r) => !/total|stock|population/i.test(r.label));
  if (!shareRows.length) return null;
  const num = (v: string) => Number(v.replace(/[%\s]/g, ''));
  const max = Math.max(...shareRows.flatMap((r) => r.values.map(num)));
  const colours = ['#60a5fa', '#1d4ed8', '#f59e0b', '#10b981'];
  const rowH = 14 * table.columns.length + 10;
  const width = 520;
  const left = 170;
  return (
    <figure className="chart" data-testid={`chart-${table.number}`}>
      <svg width={width} height={shareRows.length * rowH + 30} role="img" aria-label={`Bar chart of table ${table.number}`}>
        {shareRows.map((r, i) => (
          <g key={r.label} transform={`translate(0, ${i * rowH})`}>
            <text x={left - 6} y={rowH / 2} textAnchor="end" fontSize="11">{r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}</text>
            {r.values.map((v, j) => (
              <g key={j}>
                <rect x={left} y={4 + j * 14} width={((width - left - 50) * num(v)) / max} height={12} fill={colours[j % colours.length]}>
                  <title>{`${r.label}, ${table.columns[j]}: ${v}`}</title>
                </rect>
                <text x={left + ((width - left - 50) * num(v)) / max + 4} y={14 + j * 14} fontSize="10">{v}</text>
              </g>
            ))}
          </g>
        ))}
        <g transform={`translate(${left}, ${shareRows.length * rowH + 10})`}>
          {table.columns.map((c, j) => (
            <g key={c} transform={`translate(${j * 90}, 0)`}>
              <rect width={10} height={10} fill={colours[j % colours.length]} />
              <text x={14} y={9} fontSize="11">{c}</text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}

export function TablesView({ selected, onSelect, onOpenPassage }: { selected: string | null; onSelect(n: string): void; onOpenPassage(id: string, span: null): void }) {
  const [tables, setTables] = useState<TableData[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<{ tables: TableData[] }>(TABLES).then((d) => setTables(d.tables), (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error" role="alert">The tables could not be loaded: {error}</p>;
  if (!tables) return <p className="status">Loading tables…</p>;
  if (!tables.length) return <p className="status">This report has no tables.</p>;
  const table = tables.find((t) => t.number === selected) ?? tables[0]!;
  return (
    <section className="panel" data-testid="tables-view">
      <div className="tabs-inline" role="tablist" aria-label="Tables">
        {tables.map((t) => (
          <button key={t.number} role="tab" aria-selected={t === table} onClick={() => onSelect(t.number)}>
            Table {t.number}
          </button>
        ))}
      </div>
      <DataTable table={table} />
      <BarChart table={table} />
      <div className="actions">
        {table.passage && <button onClick={() => onOpenPassage(table.passage!.id, null)}>Open in the report</button>}
        <button onClick={() => download(`table-${table.number}.csv`, tableCsv(table), 'text/csv')}>Download CSV</button>
      </div>
    </section>
  );
}
