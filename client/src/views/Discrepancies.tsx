/** Facts the report states in two ways, with the conflicting statements side by side. */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { DISCREPANCIES, type DiscrepancyData, type EntityRef } from '../api/queries';
import { citedAt } from '../core/text';

export function DiscrepanciesView({ onSelectEntity, onOpenPassage }: { onSelectEntity(e: EntityRef): void; onOpenPassage(id: string, span: [number, number]): void }) {
  const [items, setItems] = useState<DiscrepancyData[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<{ discrepancies: DiscrepancyData[] }>(DISCREPANCIES).then((d) => setItems(d.discrepancies), (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error" role="alert">The discrepancies could not be loaded: {error}</p>;
  if (!items) return <p className="status">Loading discrepancies…</p>;
  if (!items.length) return <p className="status">The report states nothing in two conflicting ways.</p>;
  return (
    <section className="panel" data-testid="discrepancies-view">
      {items.map((d) => (
        <article key={d.id} className="discrepancy">
          <h3>
            <button className="link" onClick={() => onSelectEntity(d.subject)}>{d.subject.name}</button>
          </h3>
          <p>{d.note}</p>
          <div className="side-by-side">
            {d.statements.map((s, i) => (
              <blockquote key={i} data-testid="discrepancy-statement">
                “{s.quote}”
                <div className="muted small">{citedAt(s.passage)}</div>
                <button className="link" onClick={() => onOpenPassage(s.passage.id, [s.start, s.end])}>Open in the report</button>
              </blockquote>
            ))}
          </div>
        </article>
      ))}
    </section>
  );
}
