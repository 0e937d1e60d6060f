/**
 * An overview of the whole drawing, beside the canvas (under the legend): every node a dot in its type's
 * colour, the part the canvas shows as a frame. Clicking or dragging in it moves the view there.
 * Redrawn at most once a frame, when the view, the nodes or their positions change.
 */
import type { Core } from 'cytoscape';
import { useEffect, useRef } from 'react';
import { fromMinimap, minimapFrame, toMinimap, type MinimapFrame } from '../core/minimap';

const WIDTH = 180;
const HEIGHT = 120;

export function Minimap({ cy }: { cy: Core | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<MinimapFrame | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!cy || !el) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = WIDTH * ratio;
    el.height = HEIGHT * ratio;
    let queued = 0;
    const draw = () => {
      queued = 0;
      const ctx = el.getContext('2d');
      if (!ctx || cy.destroyed()) return;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const nodes = cy.nodes(':visible');
      el.parentElement!.hidden = nodes.empty();
      if (nodes.empty()) return;
      const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false } as never);
      const view = cy.extent();
      const f = minimapFrame(bb, view, WIDTH, HEIGHT);
      frame.current = f;
      ctx.globalAlpha = 0.35;
      ctx.strokeStyle = '#9ca3af';
      ctx.lineWidth = 0.5;
      ctx.beginPath();
      if (cy.edges().length <= 3000) {
        cy.edges(':visible').forEach((e) => {
          const [a, b] = [toMinimap(f, e.source().position()), toMinimap(f, e.target().position())];
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        });
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
      const r = nodes.length > 500 ? 1 : 2;
      nodes.forEach((n) => {
        const p = toMinimap(f, n.position());
        ctx.fillStyle = n.data('color') as string;
        ctx.fillRect(p.x - r, p.y - r, 2 * r, 2 * r);
      });
      const a = toMinimap(f, { x: view.x1, y: view.y1 });
      const b = toMinimap(f, { x: view.x2, y: view.y2 });
      ctx.strokeStyle = '#1d4ed8';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(a.x, a.y, b.x - a.x, b.y - a.y);
      // What the frame shows, for tests and assistive technology.
      el.dataset.view = [a.x, a.y, b.x - a.x, b.y - a.y].map((v) => v.toFixed(1)).join(',');
      el.dataset.frame = [f.scale, f.dx, f.dy].join(',');
    };
    const later = () => {
      if (!queued) queued = requestAnimationFrame(draw);
    };
    cy.on('viewport add remove position resize', later);
    later();
    return () => {
      cy.removeListener('viewport add remove position resize', later);
      if (queued) cancelAnimationFrame(queued);
    };
  }, [cy]);

  /** Centres the view on the point of the map under the pointer. */
  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const f = frame.current;
    if (!cy || !f) return;
    const box = e.currentTarget.getBoundingClientRect();
    const p = fromMinimap(f, { x: e.clientX - box.left, y: e.clientY - box.top });
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - z * p.x, y: cy.height() / 2 - z * p.y });
  };

  return (
    <figure className="minimap">
      <figcaption>Overview</figcaption>
      <canvas
      ref={canvas}
      style={{ width: WIDTH, height: HEIGHT }}
      role="img"
      aria-label="Overview of the whole drawing; the frame is what the canvas shows. Click or drag in it to move the view."
      data-testid="minimap"
      onPointerDown={(e) => (e.currentTarget.setPointerCapture(e.pointerId), moveTo(e))}
      onPointerMove={(e) => e.buttons === 1 && moveTo(e)}
      />
    </figure>
  );
}
