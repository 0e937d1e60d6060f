/** The selected entity: name, type, aliases, properties, relations by type, every mention. */
import { useEffect, useMemo, useState } from 'react';
import { gql } from '../api/client';
import { ENTITY, type EntityData, type EntityRef, type EntityResult, type RelationData } from '../api/queries';
import { relationLabel, typeStyle } from '../core/style';
import { citedAt, snippet } from '../core/text';

interface Props {
  id: string;
  onSelectEntity(e: EntityRef): void;
  onSelectRelation(r: RelationData): void;
  onOpenPassage(passageId: string, span: [number, number] | null): void;
  onExpand(id: string, relationTypes: string[] | null): void;
  /** Draws everything within two hops, up to the neighbourhood cap. */
  onExpandTwoHops(id: string): void;
  onCollapse(id: string): void;
  onRemove(id: string): void;
  onTogglePin(id: string): void;
  pinned: boolean;
  onTrace(finding: EntityData): void;
  /** On a phone: back to the canvas, where the entity is drawn. */
  onShowOnCanvas(): void;
}

export function EntityPanel(p: Props) {
  const [data, setData] = useState<EntityData | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [error, setError] = useState('');
  const [expandType, setExpandType] = useState('');

  useEffect(() => {
    const ctrl = new AbortController();
    setState('loading');
    gql<EntityResult>(ENTITY, { id: p.id }, ctrl.signal).then(
      (d) => {
        setData(d.entity);
        setState(d.entity ? 'ready' : 'missing');
      },
      (e: Error) => {
        if (e.name === 'AbortError') return;
        setError(e.message);
        setState('error');
      },
    );
    return () => ctrl.abort();
  }, [p.id]);

  const groups = useMemo(() => {
    const out = new Map<string, RelationData[]>();
    for (const r of data?.relations ?? []) out.set(r.type, [...(out.get(r.type) ?? []), r]);
    return [...out].sort((a, b) => a[0].localeCompare(b[0]));
  }, [data]);

  if (state === 'loading') return <p className="status">Loading {p.id}…</p>;
  if (state === 'error') return <p className="error" role="alert">Could not load this entity: {error}</p>;
  if (state === 'missing' || !data) return <p className="status">No entity has the id “{p.id}”. It may have been renamed in a newer version of the graph.</p>;

  const style = typeStyle(data.type);
  // A finding's statement is shown under "Finding" already: not again among the properties.
  const props = Object.entries(data.properties).filter(([k]) => !(k === 'statement' && data.statement));
  return (
    <section className="panel" aria-label={`Entity ${data.name}`} data-testid="entity-panel">
      <header>
        <span className="type-badge" style={{ background: style.color }}>{style.label}</span>
        <h2>{data.name}</h2>
        {data.aliases.length > 0 && <p className="aliases">Also: {data.aliases.join(' · ')}</p>}
      </header>
      <div className="actions">
        <button onClick={() => p.onExpand(data.id, null)}>Expand all</button>
        <button onClick={() => p.onExpandTwoHops(data.id)} title="Everything within two hops, up to 2,000 entities">Two hops</button>
        <select aria-label="Expand by relation type" value={expandType} onChange={(e) => setExpandType(e.target.value)}>
          <option value="">by relation…</option>
          {groups.map(([t]) => (
            <option key={t} value={t}>{relationLabel(t)}</option>
          ))}
        </select>
        <button disabled={!expandType} onClick={() => p.onExpand(data.id, [expandType])}>Expand</button>
        <button onClick={() => p.onCollapse(data.id)}>Collapse</button>
        <button onClick={() => p.onTogglePin(data.id)} aria-pressed={p.pinned}>{p.pinned ? 'Unpin' : 'Pin'}</button>
        <button onClick={() => p.onRemove(data.id)}>Remove</button>
        <button className="phone-only" onClick={p.onShowOnCanvas}>Show on canvas</button>
      </div>
      {data.statement && (
        <div className="finding">
          <h3>Finding</h3>
          <p>{data.statement}</p>
          {data.evidence?.map((ev, i) => (
            <blockquote key={i}>
              “{ev.quote}” <button className="link" onClick={() => p.onOpenPassage(ev.passage.id, [ev.start, ev.end])}>Open in the report</button>
            </blockquote>
          ))}
          {!!data.citations?.length && (
            <>
              <h4>Rests on</h4>
              <ul>
                {data.citations.map((c) => (
                  <li key={c.id}>
                    <button className="link" onClick={() => p.onSelectEntity(c)}>{c.name}</button>
                    {!!c.usesData?.length && <span className="muted"> using {c.usesData.map((d) => d.name).join(', ')}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button onClick={() => p.onTrace(data)}>Draw the trace</button>
        </div>
      )}
      {props.length > 0 && (
        <table className="props">
          <tbody>
            {props.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Relations ({data.relations.length})</h3>
      {groups.length === 0 && <p className="muted">The report states no relation for this entity.</p>}
      {groups.map(([type, rels]) => (
        <details key={type} open={rels.length <= 8}>
          <summary>{relationLabel(type)} ({rels.length})</summary>
          <ul className="relations">
            {rels.map((r) => {
              const other = r.source.id === data.id ? r.target : r.source;
              const outgoing = r.source.id === data.id;
              return (
                <li key={r.id}>
                  <span className="muted">{outgoing ? '→' : '←'}</span>{' '}
                  <button className="link" onClick={() => p.onSelectEntity(other)}>{other.name}</button>{' '}
                  <button className="link small" onClick={() => p.onSelectRelation(r)} aria-label={`Evidence for ${relationLabel(r.type)} ${other.name}`}>evidence</button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
      <h3>Mentions ({data.mentionCount})</h3>
      {data.mentions.length === 0 && <p className="muted">No passage names this entity directly.</p>}
      <ol className="mentions">
        {data.mentions.map((m, i) => {
          const s = snippet(m.passage.text, m.start, m.end);
          return (
            <li key={i}>
              <div className="muted small">{citedAt(m.passage, true)}</div>
              <span>{s.before}</span>
              <mark>{s.match}</mark>
              <span>{s.after}</span>{' '}
              <button className="link" onClick={() => p.onOpenPassage(m.passage.id, [m.start, m.end])}>Open in the report</button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
