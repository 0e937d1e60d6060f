/** A relation: the sentence it makes and the evidence quotes, each opening the report at its span. */
import type { EntityRef, RelationData } from '../api/queries';
import { relationLabel } from '../core/style';

interface Props {
  relation: RelationData;
  onSelectEntity(e: EntityRef): void;
  onOpenPassage(passageId: string, span: [number, number] | null): void;
}

export function RelationPanel({ relation: r, onSelectEntity, onOpenPassage }: Props) {
  return (
    <section className="panel" aria-label="Relation" data-testid="relation-panel">
      <header>
        <span className="type-badge relation">{relationLabel(r.type)}</span>
        <h2>
          <button className="link" onClick={() => onSelectEntity(r.source)}>{r.source.name}</button> {relationLabel(r.type)}{' '}
          <button className="link" onClick={() => onSelectEntity(r.target)}>{r.target.name}</button>
        </h2>
      </header>
      <h3>Evidence</h3>
      {r.evidence.map((ev, i) => (
        <blockquote key={i} data-testid="evidence-quote">
          “{ev.quote}”
          <div className="muted small">{ev.passage.section ?? ev.passage.id}</div>
          <button className="link" onClick={() => onOpenPassage(ev.passage.id, [ev.start, ev.end])}>Open in the report</button>
        </blockquote>
      ))}
      {Object.keys(r.properties).length > 0 && <pre className="small">{JSON.stringify(r.properties, null, 2)}</pre>}
    </section>
  );
}
