/** Views saved by name in this browser: the current URL under a name, opened again in one click. */
import { useEffect, useRef, useState } from 'react';
import { saveNamed } from '../core/export';

const KEY = 'explorer.saved-views';
type Saved = { name: string; search: string }[];
const load = (): Saved => {
  try {
    const v = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && typeof x?.search === 'string') : [];
  } catch {
    return [];
  }
};

export function SavedViews({ onOpen }: { onOpen(search: string): void }) {
  const [views, setViews] = useState<Saved>(load);
  const [name, setName] = useState('');
  const store = (v: Saved) => (window.localStorage.setItem(KEY, JSON.stringify(v)), setViews(v));
  const menu = useRef<HTMLDetailsElement>(null);
  const [shown, setShown] = useState(false);
  const close = () => void (menu.current && (menu.current.open = false));
  const open = (search: string) => {
    close();
    onOpen(search);
  };
  // Open, it closes as a menu does: on a press anywhere else (the canvas, the toolbar under it)
  // and on Escape, which gives the focus back to its summary.
  useEffect(() => {
    if (!shown) return;
    const outside = (e: PointerEvent) => !menu.current?.contains(e.target as Node) && close();
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && (close(), menu.current?.querySelector('summary')?.focus());
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('keydown', escape);
    return () => (document.removeEventListener('pointerdown', outside, true), document.removeEventListener('keydown', escape));
  }, [shown]);
  return (
    <details className="saved-views" ref={menu} onToggle={(e) => setShown(e.currentTarget.open)}>
      <summary>Saved views ({views.length})</summary>
      <div className="saved-menu">
        <form onSubmit={(e) => (e.preventDefault(), name.trim() && (store(saveNamed(views, name, window.location.search)), setName('')))}>
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Labour ministries" />
          </label>
          <button type="submit" disabled={!name.trim()}>Save this view</button>
        </form>
        {views.length === 0 ? (
          <p className="muted small">No view saved yet.</p>
        ) : (
          <ul>
            {views.map((v) => (
              <li key={v.name}>
                <button className="link" onClick={() => open(v.search)}>{v.name}</button>{' '}
                <button className="small" aria-label={`Delete the saved view ${v.name}`} onClick={() => store(views.filter((x) => x.name !== v.name))}>×</button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
