/**
 * The canvas toolbar: one tab stop (arrow keys move between its buttons, as in a WAI-ARIA
 * toolbar), so that the keyboard path from search to the details panel stays short.
 */
import { useRef, useState, type ReactNode } from 'react';
import { LAYOUTS, type LayoutName } from '../core/layout';

const LAYOUT_LABELS: Record<LayoutName, string> = { force: 'Force', hierarchy: 'Hierarchy', rings: 'Rings' };

interface Props {
  layout: LayoutName;
  canUndo: boolean;
  empty: boolean;
  listOpen: boolean;
  status: ReactNode;
  onFit(): void;
  onZoom(factor: number): void;
  onLayout(l: LayoutName): void;
  onRelayout(): void;
  onUndo(): void;
  onClear(): void;
  onToggleList(): void;
  onPng(): void;
  onExport(): void;
  onOpenFile(file: File): void;
}

export function Toolbar(p: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState(0);
  const buttons: { label: string; aria?: string; title?: string; pressed?: boolean; disabled?: boolean; run(): void }[] = [
    { label: 'Fit', title: 'Fit the drawing to the canvas (0)', run: p.onFit },
    { label: '+', aria: 'Zoom in', title: 'Zoom in (+)', run: () => p.onZoom(1.25) },
    { label: '−', aria: 'Zoom out', title: 'Zoom out (−)', run: () => p.onZoom(0.8) },
    ...LAYOUTS.map((l) => ({ label: LAYOUT_LABELS[l], aria: `${LAYOUT_LABELS[l]} layout`, pressed: p.layout === l, run: () => p.onLayout(l) })),
    { label: 'Re-layout', title: 'Lay the whole drawing out again with the chosen layout', disabled: p.empty, run: p.onRelayout },
    { label: 'Undo', disabled: !p.canUndo, run: p.onUndo },
    { label: 'Clear', disabled: p.empty, run: p.onClear },
    { label: 'List', aria: 'List of entities on the canvas', pressed: p.listOpen, run: p.onToggleList },
    { label: 'PNG', title: 'The picture with its legend', run: p.onPng },
    { label: 'Export', aria: 'Export the view with its evidence', title: 'A file with the drawing, its positions, filters and the evidence of every relation; Open loads it back', run: p.onExport },
    { label: 'Open', aria: 'Open a saved view', run: () => file.current?.click() },
  ];
  // The tab stop: the button last focused, or the first one that can be used.
  const stop = buttons[current] && !buttons[current]!.disabled ? current : buttons.findIndex((b) => !b.disabled);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const all = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length;
    all[next]?.focus();
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Canvas" ref={bar} onKeyDown={onKey}>
      {buttons.map((b, i) => (
        <button
          key={b.label}
          tabIndex={i === stop ? 0 : -1}
          aria-label={b.aria}
          title={b.title}
          aria-pressed={b.pressed}
          disabled={b.disabled}
          className={b.pressed !== undefined && i >= 3 && i < 3 + LAYOUTS.length ? 'layout-choice' : undefined}
          onFocus={() => setCurrent(i)}
          onClick={b.run}
        >
          {b.label}
        </button>
      ))}
      <input ref={file} type="file" accept="application/json,.json" className="sr-only" tabIndex={-1} aria-label="Saved view file" onChange={(e) => { const f = e.target.files?.[0]; if (f) p.onOpenFile(f); e.target.value = ''; }} />
      <span className="status-line" aria-live="polite" data-testid="status">{p.status}</span>
    </div>
  );
}
