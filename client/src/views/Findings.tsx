/** Findings, filterable by sector and migration dimension; each opens its trace. */
import { useEffect, useMemo, useState } from 'react';
import { gql } from '../api/client';
import { FINDINGS, type EntityRef, type FindingsData } from '../api/queries';

interface Props {
  sector: string | null;
  dimension: string | null;
  /** The filters live in the URL, so a shared link shows the same findings. */
  onFilter(sector: string | null, dimension: string | null): void;
  onSelectEntity(e: EntityRef): void;
}

export function FindingsView({ sector: sectorId, dimension: dimensionId, onFilter, onSelectEntity }: Props) {
  const [findings, setFindings] = useState<FindingsData['findings'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sector = sectorId ?? '';
  const dimension = dimensionId ?? '';
  useEffect(() => {
    gql<FindingsData>(FINDINGS).then((d) => setFindings(d.findings), (e: Error) => setError(e.message));
  }, []);
  const topics = useMemo(() => {
    const all = new Map<string, EntityRef>();
    for (const f of findings ?? []) for (const a of f.about) all.set(a.id, a);
    const list = [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { sectors: list.filter((a) => a.type === 'Sector'), dimensions: list.filter((a) => a.type === 'MigrationDimension') };
  }, [findings]);
  if (error) return <p className="error" role="alert">The findings could not be loaded: {error}</p>;
  if (!findings) return <p className="status">Loading findings…</p>;
  const shown = findings.filter((f) => (!sector || f.about.some((a) => a.id === sector)) && (!dimension || f.about.some((a) => a.id === dimension)));
  return (
    <section className="panel" data-testid="findings-view">
      <div className="filters">
        <label>
          Sector{' '}
          <select value={sector} onChange={(e) => onFilter(e.target.value || null, dimensionId)} aria-label="Filter by sector">
            <option value="">all</option>
            {topics.sectors.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <label>
          Migration dimension{' '}
          <select value={dimension} onChange={(e) => onFilter(sectorId, e.target.value || null)} aria-label="Filter by migration dimension">
            <option value="">all</option>
            {topics.dimensions.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{shown.length} of {findings.length} findings</p>
      {shown.length === 0 && <p className="status">No finding is about both of these. Clear a filter to see more.</p>}
      <ul className="finding-list">
        {shown.map((f) => (
          <li key={f.id}>
            <button className="link" onClick={() => onSelectEntity(f)}>{f.name}</button>
            <p className="small">{f.statement}</p>
            {f.citations.length > 0 && <p className="muted small">Rests on {f.citations.map((c) => c.name).join(', ')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
