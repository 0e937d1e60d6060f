/** Every table of the report, rendered as a table, with bar charts of its shares, and CSV export. */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { TABLES, type TableData } from '../api/queries';
import { download } from '../core/export';
import { chartGroups, displayRows, tableCsv } from '../core/tables';

/** The table in a box that scrolls sideways when it is wider than the panel (the page never does). */
export function DataTable({ table }: { table: TableData }) {
  let group: string | null = null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Table ${table.number}`}>
      <table className="data" data-testid={`table-${table.number}`}>
        <caption>
          Table {table.number}. {table.title}
          {table.subtitle && <span className="table-subtitle">{table.subtitle}</span>}
        </caption>
        <thead>
          <tr>
            {table.labelHeader ? <th scope="col">{table.labelHeader}</th> : <th />}
            {table.columns.map((c) => (
              <th key={c} scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {displayRows(table).flatMap((r, i) => {
            const out = [];
            if (r.group && r.group !== group) out.push(<tr key={`g${i}`} className="group"><th scope="rowgroup" colSpan={table.columns.length + 1}>{r.group}</th></tr>);
            group = r.group;
            out.push(
              <tr key={i} className={r.group ? 'in-group' : undefined}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>,
            );
            return out;
          })}
        </tbody>
        {(table.source || table.notes.length > 0) && (
          <tfoot>
            {table.notes.map((n, i) => (
              <tr key={`n${i}`}>
                <td colSpan={table.columns.length + 1} className="small muted">Note: {n}</td>
              </tr>
            ))}
            {table.source && (
              <tr>
                <td colSpan={table.columns.length + 1} className="small muted">{table.source}</td>
              </tr>
            )}
          </tfoot>
        )}
      </table>
    </div>
  );
}

const COLOURS = ['#60a5fa', '#1d4ed8', '#f59e0b', '#10b981'];

/**
 * Horizontal bars of the rows that are shares (never means or totals on the same axis), one chart
 * per group, drawn to the panel's width: the SVG scales with its box.
 */
export function BarChart({ table }: { table: TableData }) {
  const chart = chartGroups(table);
  if (!chart) return null;
  const width = 400;
  const left = 130;
  const barH = 11;
  const rowH = barH * chart.columns.length + 8;
  return (
    <figure className="chart" data-testid={`chart-${table.number}`}>
      <figcaption className="small">
        Shares in per cent{' '}
        {chart.columns.map((j, k) => (
          <span key={j} className="chart-key">
            <span className="swatch" style={{ background: COLOURS[k % COLOURS.length], borderRadius: 0 }} /> {table.columns[j]}
          </span>
        ))}
      </figcaption>
      {chart.groups.map((g) => {
        const height = g.rows.length * rowH + 4;
        const scale = (width - left - 44) / Math.max(g.max, 1);
        return (
          <svg key={g.title ?? ''} viewBox={`0 0 ${width} ${height + (g.title ? 16 : 0)}`} width="100%" role="img" aria-label={`Bar chart of table ${table.number}${g.title ? `, ${g.title}` : ''}`}>
            {g.title && <text x={0} y={11} fontSize="11" fontWeight="600">{g.title}</text>}
            <g transform={`translate(0, ${g.title ? 16 : 0})`}>
              {g.rows.map((r, i) => (
                <g key={r.label} transform={`translate(0, ${i * rowH})`}>
                  <text x={left - 6} y={rowH / 2 + 3} textAnchor="end" fontSize="10">{r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}<title>{r.label}</title></text>
                  {r.values.map((v, k) => (
                    <g key={k}>
                      <rect x={left} y={4 + k * barH} width={(v ?? 0) * scale} height={barH - 2} fill={COLOURS[k % COLOURS.length]}>
                        <title>{`${r.label}, ${table.columns[chart.columns[k]!]}: ${v ?? 'no value'}%`}</title>
                      </rect>
                      <text x={left + (v ?? 0) * scale + 3} y={4 + k * barH + barH - 3} fontSize="9">{v ?? '–'}</text>
                    </g>
                  ))}
                </g>
              ))}
            </g>
          </svg>
        );
      })}
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
      <nav className="tabs-inline" aria-label="Tables">
        {tables.map((t) => (
          <button key={t.number} aria-pressed={t === table} onClick={() => onSelect(t.number)}>
            Table {t.number}
          </button>
        ))}
      </nav>
      <DataTable table={table} />
      <BarChart table={table} />
      <div className="actions">
        {table.passage && <button onClick={() => onOpenPassage(table.passage!.id, null)}>Open in the report</button>}
        <button onClick={() => download(`table-${table.number}.csv`, tableCsv(table), 'text/csv')}>Download CSV</button>
      </div>
    </section>
  );
}
