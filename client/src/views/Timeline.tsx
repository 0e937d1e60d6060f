/**
 * Dated entities on a time axis: laws, agreements and bodies at their year, plans and policies
 * as bars over their period. Each opens its entity.
 */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { TIMELINE, type EntityRef, type TimelineData } from '../api/queries';
import { typeStyle } from '../core/style';
import { byTime, timeSpanOf, type TimeSpan } from '../core/timeline';

type Item = { span: TimeSpan; name: string; entity: EntityRef };

export function TimelineView({ onSelectEntity }: { onSelectEntity(e: EntityRef): void }) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<TimelineData>(TIMELINE).then(
      (d) => {
        const all = Object.values(d).flat();
        const dated = all.flatMap((e) => {
          const span = timeSpanOf(e.name, e.properties);
          return span ? [{ span, name: e.name, entity: { id: e.id, type: e.type, name: e.name } }] : [];
        });
        setItems(byTime(dated));
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  if (error) return <p className="error" role="alert">The timeline could not be loaded: {error}</p>;
  if (!items) return <p className="status">Loading the timeline…</p>;
  if (!items.length) return <p className="status">No entity in this report carries a date.</p>;
  const first = Math.min(...items.map((i) => i.span.start));
  const last = Math.max(...items.map((i) => i.span.end ?? i.span.start));
  const at = (y: number) => `${((y - first) / Math.max(1, last - first + 1)) * 100}%`;
  const width = (s: TimeSpan) => `max(6px, ${(((s.end ?? s.start) - s.start + 1) / Math.max(1, last - first + 1)) * 100}%)`;
  return (
    <section className="panel" data-testid="timeline-view">
      <p className="muted small">
        {items.length} dated entities, {first} to {last}. Bars show the period a plan or policy covers.
      </p>
      <ol className="timeline">
        {items.map(({ span, entity }) => {
          const s = typeStyle(entity.type);
          return (
            <li key={entity.id}>
              <span className="year">{span.end ? `${span.start}–${span.end}` : span.start}</span>
              <span className="what">
                <button className="link" onClick={() => onSelectEntity(entity)}>{entity.name}</button>
                <span className="muted small"> {s.label}</span>
                <span className="axis" aria-hidden="true">
                  <span className="mark" style={{ left: at(span.start), width: width(span), background: s.color }} />
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
