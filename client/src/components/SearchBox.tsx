/**
 * Entity search with autocomplete, as an ARIA combobox: type to search names and aliases, arrow
 * keys to move, Enter to choose, Escape to close. Results show each entity's type.
 */
import { useEffect, useId, useState } from 'react';
import { gql } from '../api/client';
import { SEARCH, type EntityRef, type SearchData } from '../api/queries';
import { typeStyle } from '../core/style';

interface Props {
  label: string;
  placeholder?: string;
  onChoose(entity: EntityRef): void;
  testId?: string;
}

export function SearchBox({ label, placeholder, onChoose, testId }: Props) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchData['search']>([]);
  const [open, setOpen] = useState(false);
  // -1: no option highlighted yet; the first ArrowDown highlights the top hit, Enter alone chooses it.
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits([]);
      setError(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      gql<SearchData>(SEARCH, { q, limit: 8 }, ctrl.signal).then(
        (d) => {
          setHits(d.search);
          setActive(-1);
          setOpen(true);
          setError(null);
        },
        (e: Error) => e.name !== 'AbortError' && setError(e.message),
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text]);

  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    onChoose(hit.entity);
    setText('');
    setOpen(false);
  };

  return (
    <div className="search" data-testid={testId}>
      <label className="sr-only" htmlFor={`${listId}-input`}>
        {label}
      </label>
      <input
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={placeholder ?? label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onFocus={() => hits.length && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(Math.max(active, 0));
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && text.trim() && (
        <ul id={listId} role="listbox" className="search-results">
          {hits.length === 0 && !error && <li className="muted">No entity matches “{text.trim()}”.</li>}
          {hits.map((h, i) => (
            <li
              key={h.entity.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
            >
              <span className="swatch" style={{ background: typeStyle(h.entity.type).color }} />
              <span className="hit-name">{h.entity.name}</span>
              <span className="hit-type">{typeStyle(h.entity.type).label}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <div className="error" role="alert">{error}</div>}
    </div>
  );
}
