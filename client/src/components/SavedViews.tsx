/** Views saved by name in this browser: the current URL under a name, opened again in one click. */
import { useRef, useState } from 'react';
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
  const open = (search: string) => {
    if (menu.current) menu.current.open = false;
    onOpen(search);
  };
  return (
    <details className="saved-views" ref={menu}>
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
