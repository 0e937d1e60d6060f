/** What floats over the canvas: the hover card (full name, type, relations) and the context menu. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { placeMenu, type Rect } from '../core/overlay';
import { typeStyle } from '../core/style';

export interface HoverCard {
  name: string;
  type: string;
  degree: number;
  x: number;
  y: number;
  /** Open to the left of (above) the point rather than to its right (below). */
  flipX?: boolean;
  flipY?: boolean;
}

export interface MenuItem {
  label: string;
  run(): void;
}

export function HoverCardView({ card }: { card: HoverCard }) {
  const s = typeStyle(card.type);
  return (
    <div
      className="hover-card"
      role="tooltip"
      data-testid="hover-card"
      style={{ left: card.x + (card.flipX ? -12 : 12), top: card.y + (card.flipY ? -12 : 12), transform: `translate(${card.flipX ? '-100%' : '0'}, ${card.flipY ? '-100%' : '0'})` }}
    >
      <strong>{card.name}</strong>
      <div>
        <span className="swatch" style={{ background: s.color }} /> {s.label} · {card.degree} relation{card.degree === 1 ? '' : 's'} drawn
      </div>
    </div>
  );
}

/**
 * A menu of actions on one node or relation; arrow keys move, Enter runs, Escape closes. It opens
 * beside `avoid` (the node with its name, or the point pressed on a relation), never over it, and
 * inside `bounds` (the canvas): it is measured and placed before it is first painted.
 */
export function ContextMenu({ title, items, avoid, bounds, onClose }: { title: string; items: MenuItem[]; avoid: Rect; bounds: Rect; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const key = [avoid.x1, avoid.y1, avoid.x2, avoid.y2, bounds.x2, bounds.y2].map(Math.round).join();
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) setAt(placeMenu(avoid, el.offsetWidth, el.offsetHeight, bounds));
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const move = (e: React.KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={`Actions on ${title}`} style={{ left: at?.x ?? avoid.x2, top: at?.y ?? avoid.y1 }} onKeyDown={move} data-testid="context-menu">
      <div className="menu-title" aria-hidden="true">{title}</div>
      {items.map((it) => (
        <button key={it.label} role="menuitem" tabIndex={-1} onClick={() => { onClose(); it.run(); }}>
          {it.label}
        </button>
      ))}
    </div>
  );
}
