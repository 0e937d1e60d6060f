/** A relation: the sentence it makes and the evidence quotes, each opening the report at its span. */
import type { EntityRef, RelationData } from '../api/queries';
import { relationLabel } from '../core/style';
import { citedAt } from '../core/text';

interface Props {
  relation: RelationData;
  onSelectEntity(e: EntityRef): void;
  onOpenPassage(passageId: string, span: [number, number] | null): void;
}

/** Properties other than provenance, which is said in words above them. */
const shownProperties = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'origin' && k !== 'rule' && k !== 'confidence'));

/** Where the relation comes from, in words. */
export function provenance(r: Pick<RelationData, 'origin' | 'rule' | 'confidence'>): string {
  if (r.origin === 'CURATED') return 'Curated: checked by hand against the quotes below.';
  if (r.origin === 'AUTOMATIC') return `Read from the text by the rule ${r.rule ?? '(unnamed)'}${r.confidence !== null ? `, confidence ${r.confidence.toFixed(2)}` : ''}.`;
  if (r.origin === 'EXTRACTED') return 'Read from figures, tables or citations in the text.';
  return 'Origin not recorded.';
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
      <p className="muted small" data-testid="relation-origin">{provenance(r)}</p>
      <h3>Evidence</h3>
      {r.evidence.map((ev, i) => (
        <blockquote key={i} data-testid="evidence-quote">
          “{ev.quote}”
          <div className="muted small">{citedAt(ev.passage)}</div>
          <button className="link" onClick={() => onOpenPassage(ev.passage.id, [ev.start, ev.end])}>Open in the report</button>
        </blockquote>
      ))}
      {Object.keys(shownProperties(r.properties)).length > 0 && <pre className="small">{JSON.stringify(shownProperties(r.properties), null, 2)}</pre>}
    </section>
  );
}
