/**
 * The side panel: tabs as a WAI-ARIA tab list (one tab stop, arrow keys, Home and End move
 * between tabs and open them) over one tab panel labelled by its tab.
 */
import { useRef, type ReactNode } from 'react';
import { TABS, type Tab } from '../core/url';

export const TAB_LABELS: Record<Tab, string> = { details: 'Details', report: 'Report', findings: 'Findings', path: 'Path', tables: 'Tables', discrepancies: 'Discrepancies', timeline: 'Timeline' };

export function SidePanel({ tab, onTab, children }: { tab: Tab; onTab(t: Tab): void; children: ReactNode }) {
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    onTab(TABS[next]!);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${TABS[next]}`)?.focus();
  };
  return (
    <aside className="side" aria-label="Details and report">
      <div className="tabs" role="tablist" aria-label="Panels" ref={list} onKeyDown={onKey}>
        {TABS.map((t) => (
          <button key={t} id={`tab-${t}`} role="tab" aria-selected={tab === t} aria-controls="side-panel" tabIndex={tab === t ? 0 : -1} onClick={() => onTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div className="tab-body" id="side-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        {children}
      </div>
    </aside>
  );
}
