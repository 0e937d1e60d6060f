/** Legend of entity and relation types on the canvas; each entry toggles that type's visibility. */
import { relationLabel, typeStyle } from '../core/style';

interface Props {
  entityTypes: { type: string; count: number }[];
  relationTypes: { type: string; count: number }[];
  hiddenTypes: string[];
  hiddenRelations: string[];
  onToggleType(type: string): void;
  onToggleRelation(type: string): void;
}

export function Legend(p: Props) {
  return (
    <aside className="legend" aria-label="Legend and filters">
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
                <span className={`shape shape-${s.shape}`} style={{ background: s.color }} />
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
    </aside>
  );
}
