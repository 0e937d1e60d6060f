/**
 * The canvas as a list: every drawn entity with its type and relations drawn, in name order. One
 * tab stop; arrow keys, Home and End move, Enter or Space selects (the canvas follows). This is the
 * keyboard and screen-reader path to every node.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GraphEdge, GraphNode } from '../core/graph';
import { degrees } from '../core/layout';
import { typeStyle } from '../core/style';

export function NodeList({ nodes, edges, selected, onSelect }: { nodes: GraphNode[]; edges: GraphEdge[]; selected: string | null; onSelect(id: string): void }) {
  const deg = useMemo(() => degrees(edges), [edges]);
  const sorted = useMemo(() => [...nodes].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)), [nodes]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const i = sorted.findIndex((n) => n.id === selected);
    if (i >= 0) setActive(i);
  }, [selected, sorted]);
  // A block, not an expression: browsers where scrollIntoView returns a promise would hand it
  // to React as the effect's clean-up.
  useEffect(() => {
    document.getElementById(`node-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const onKey = (e: React.KeyboardEvent) => {
    const last = sorted.length - 1;
    const next = e.key === 'ArrowDown' ? Math.min(active + 1, last) : e.key === 'ArrowUp' ? Math.max(active - 1, 0) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next !== null) {
      e.preventDefault();
      setActive(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && sorted[active]) {
      e.preventDefault();
      onSelect(sorted[active]!.id);
    }
  };
  if (!sorted.length) return <p className="node-list muted">Nothing is drawn.</p>;
  return (
    <ul className="node-list" role="listbox" aria-label="Entities on the canvas" tabIndex={0} aria-activedescendant={`node-option-${active}`} onKeyDown={onKey} data-testid="node-list">
      {sorted.map((n, i) => {
        const s = typeStyle(n.type);
        return (
          <li key={n.id} id={`node-option-${i}`} role="option" aria-selected={n.id === selected} className={i === active ? 'active' : undefined} onClick={() => (setActive(i), onSelect(n.id))}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            <span className="hit-name">{n.name}</span>
            <span className="hit-type">
              {s.label}, {deg.get(n.id) ?? 0} {(deg.get(n.id) ?? 0) === 1 ? 'relation' : 'relations'} drawn
            </span>
          </li>
        );
      })}
    </ul>
  );
}
