/** Legend of entity and relation types on the canvas; each entry toggles that type's visibility. */
import { useEffect, useState } from 'react';
import { relationLabel, shapeOutline, typeStyle } from '../core/style';

/** The canvas shape of a type, drawn in SVG from the same outline the canvas uses. */
export function ShapeIcon({ shape, color, size = 14 }: { shape: string; color: string; size?: number }) {
  const o = shapeOutline(shape, size);
  return (
    <svg className="shape" width={size} height={size} aria-hidden="true" data-shape={shape}>
      {o.kind === 'ellipse' ? <ellipse cx={size / 2} cy={size / 2} rx={size / 2 - 0.5} ry={size / 2 - 0.5} fill={color} /> : o.kind === 'rect' ? <rect x={0.5} y={0.5} width={size - 1} height={size - 1} rx={o.rx} fill={color} /> : <polygon points={o.points} fill={color} />}
    </svg>
  );
}

interface Props {
  entityTypes: { type: string; count: number }[];
  relationTypes: { type: string; count: number }[];
  hiddenTypes: string[];
  hiddenRelations: string[];
  onToggleType(type: string): void;
  onToggleRelation(type: string): void;
}

const PHONE = '(max-width: 700px)';

export function Legend(p: Props) {
  // Folded on a phone, where the canvas needs the room; folded or unfolded again when the window
  // crosses that width (a phone turned, a window narrowed).
  const [open, setOpen] = useState(() => !window.matchMedia(PHONE).matches);
  useEffect(() => {
    const phone = window.matchMedia(PHONE);
    const follow = () => setOpen(!phone.matches);
    phone.addEventListener('change', follow);
    return () => phone.removeEventListener('change', follow);
  }, []);
  return (
    <aside className="legend" aria-label="Legend and filters">
      <details className="legend-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Legend and filters</summary>
      <h2>Entity types</h2>
      {p.entityTypes.length === 0 && <p className="muted">Nothing on the canvas yet.</p>}
      <ul>
        {p.entityTypes.map(({ type, count }) => {
          const s = typeStyle(type);
          const hidden = p.hiddenTypes.includes(type);
          return (
            <li key={type}>
              <label className={hidden ? 'off' : ''}>
                <input type="checkbox" checked={!hidden} onChange={() => p.onToggleType(type)} aria-label={`Show ${s.label}`} />
                <ShapeIcon shape={s.shape} color={s.color} />
                {s.label} <span className="muted">{count}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <h2>Relation types</h2>
      <ul>
        {p.relationTypes.map(({ type, count }) => {
          const hidden = p.hiddenRelations.includes(type);
          return (
            <li key={type}>
              <label className={hidden ? 'off' : ''}>
                <input type="checkbox" checked={!hidden} onChange={() => p.onToggleRelation(type)} aria-label={`Show ${relationLabel(type)}`} />
                {relationLabel(type)} <span className="muted">{count}</span>
              </label>
            </li>
          );
        })}
      </ul>
      </details>
      {/* The canvas's overview (graph/Minimap) is drawn here, beside the canvas rather than over it. */}
      <div id="minimap-slot" />
    </aside>
  );
}
