/**
 * The minimap's geometry: the whole drawing fitted in a small box, the part the canvas shows as
 * a frame in it, and a point of the box back in the drawing (a click there moves the view).
 */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface MinimapFrame {
  /** Box pixels per model unit. */
  scale: number;
  /** Where the model's origin lands in the box. */
  dx: number;
  dy: number;
}

/**
 * Fits `drawing` together with `view` (what the canvas shows: the frame stays inside the map
 * when the view reaches past the drawing) into a box `width` by `height` with `pad` pixels
 * around, centred.
 */
export function minimapFrame(drawing: Box, view: Box, width: number, height: number, pad = 4): MinimapFrame {
  const all = { x1: Math.min(drawing.x1, view.x1), y1: Math.min(drawing.y1, view.y1), x2: Math.max(drawing.x2, view.x2), y2: Math.max(drawing.y2, view.y2) };
  const w = Math.max(all.x2 - all.x1, 1e-9);
  const h = Math.max(all.y2 - all.y1, 1e-9);
  const scale = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
  return { scale, dx: (width - scale * (all.x1 + all.x2)) / 2, dy: (height - scale * (all.y1 + all.y2)) / 2 };
}

/** A model point in the box. */
export const toMinimap = (f: MinimapFrame, p: { x: number; y: number }) => ({ x: f.dx + f.scale * p.x, y: f.dy + f.scale * p.y });

/** A point of the box in the model. */
export const fromMinimap = (f: MinimapFrame, p: { x: number; y: number }) => ({ x: (p.x - f.dx) / f.scale, y: (p.y - f.dy) / f.scale });
