/** Acting on nodes chosen together (shift-drag a box on the canvas): expand, pin or hide them all. */
export function SelectionBar(p: { count: number; onExpand(): void; onPin(): void; onHide(): void; onClear(): void }) {
  return (
    <div className="selection-bar" role="region" aria-label="Selected entities" data-testid="selection-bar">
      <span>{p.count} entities selected</span>
      <button onClick={p.onExpand}>Expand all of them</button>
      <button onClick={p.onPin}>Pin them</button>
      <button onClick={p.onHide}>Hide them</button>
      <button onClick={p.onClear}>Clear the selection</button>
    </div>
  );
}
