/** Dated entities (sub-decrees, prakas, MoUs, policies, bodies and committees created) by year. */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { TIMELINE, type EntityRef, type TimelineData } from '../api/queries';
import { typeStyle } from '../core/style';
import { yearOf } from '../core/text';

export function TimelineView({ onSelectEntity }: { onSelectEntity(e: EntityRef): void }) {
  const [items, setItems] = useState<{ year: number; entity: EntityRef }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<TimelineData>(TIMELINE).then(
      (d) => {
        const all = Object.values(d).flat();
        setItems(
          all
            .map((e) => ({ year: yearOf(e.properties), entity: { id: e.id, type: e.type, name: e.name } }))
            .filter((x): x is { year: number; entity: EntityRef } => x.year !== null)
            .sort((a, b) => a.year - b.year || a.entity.name.localeCompare(b.entity.name)),
        );
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  if (error) return <p className="error" role="alert">The timeline could not be loaded: {error}</p>;
  if (!items) return <p className="status">Loading the timeline…</p>;
  if (!items.length) return <p className="status">No entity in this report carries a date.</p>;
  return (
    <section className="panel" data-testid="timeline-view">
      <ol className="timeline">
        {items.map(({ year, entity }) => (
          <li key={entity.id}>
            <span className="year">{year}</span>
            <span className="swatch" style={{ background: typeStyle(entity.type).color }} />
            <button className="link" onClick={() => onSelectEntity(entity)}>{entity.name}</button>
            <span className="muted small"> {typeStyle(entity.type).label}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
