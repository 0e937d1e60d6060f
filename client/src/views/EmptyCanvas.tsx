/**
 * What an empty canvas says: how to fill it, with the preset views at hand (on a phone the
 * header's preset buttons are on the search screen, not beside the canvas).
 */
import { PRESETS } from '../app/useGraphActions';

export function EmptyCanvas({ onPreset }: { onPreset: (types: string[]) => void }) {
  return (
    <div className="empty" data-testid="empty-canvas">
      <p>The canvas is empty. Search for an entity, or open a view:</p>
      <div className="empty-presets">
        {PRESETS.map((p) => (
          <button key={p.key} onClick={() => onPreset(p.types)}>{p.label}</button>
        ))}
      </div>
    </div>
  );
}
