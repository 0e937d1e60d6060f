/** Shortest connection between two entities, drawn on the canvas and spelled out step by step with evidence. */
import { useEffect, useState } from 'react';
import { gql } from '../api/client';
import { ENTITY_REF, PATH, type EntityRef, type PathData } from '../api/queries';
import { SearchBox } from '../components/SearchBox';
import { relationLabel } from '../core/style';

interface Props {
  ends: [string, string] | null;
  onEnds(ends: [string, string] | null): void;
  onPath(path: NonNullable<PathData['path']>): void;
  onSelectEntity(e: EntityRef): void;
  onOpenPassage(id: string, span: [number, number] | null): void;
}

export function PathFinder({ ends, onEnds, onPath, onSelectEntity, onOpenPassage }: Props) {
  const [from, setFrom] = useState<EntityRef | null>(null);
  const [to, setTo] = useState<EntityRef | null>(null);
  const [path, setPath] = useState<PathData['path'] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!ends) return;
    const load = (id: string) => gql<{ entity: EntityRef | null }>(ENTITY_REF, { id }).then((d) => d.entity);
    Promise.all([load(ends[0]), load(ends[1])]).then(([a, b]) => {
      setFrom(a);
      setTo(b);
    });
    setError(null);
    gql<PathData>(PATH, { from: ends[0], to: ends[1], maxLength: 8 }).then(
      (d) => {
        setPath(d.path);
        if (d.path) onPath(d.path);
      },
      (e: Error) => setError(e.message),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ends?.[0], ends?.[1]]);

  return (
    <section className="panel" data-testid="path-finder">
      <div className="path-ends">
        <div>
          <div className="small muted">From</div>
          {from ? <strong>{from.name}</strong> : <span className="muted">choose an entity</span>}
          <SearchBox label="Path from" placeholder="From…" testId="path-from" onChoose={(e) => { setFrom(e); if (to) onEnds([e.id, to.id]); }} />
        </div>
        <div>
          <div className="small muted">To</div>
          {to ? <strong>{to.name}</strong> : <span className="muted">choose an entity</span>}
          <SearchBox label="Path to" placeholder="To…" testId="path-to" onChoose={(e) => { setTo(e); if (from) onEnds([from.id, e.id]); }} />
        </div>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {ends && path === null && <p className="status">No connection of up to 8 steps links these two.</p>}
      {path && (
        <ol className="path-steps" data-testid="path-steps">
          {path.relations.map((r, i) => {
            const a = path.nodes[i]!;
            const b = path.nodes[i + 1]!;
            const forward = r.source.id === a.id;
            const ev = r.evidence[0];
            return (
              <li key={r.id}>
                <p className="sentence">
                  <button className="link" onClick={() => onSelectEntity(a)}>{a.name}</button> {forward ? relationLabel(r.type) : `is the target of “${relationLabel(r.type)}” from`}{' '}
                  <button className="link" onClick={() => onSelectEntity(b)}>{b.name}</button>.
                </p>
                {ev && (
                  <blockquote className="small">
                    “{ev.quote}” <button className="link" onClick={() => onOpenPassage(ev.passage.id, [ev.start, ev.end])}>Open in the report</button>
                  </blockquote>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
