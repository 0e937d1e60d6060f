/** The canvas as a PNG with its legend drawn beside it, so that a saved picture explains itself. */
import type { Core } from 'cytoscape';
import type { LegendSection } from '../core/export';
import { LABEL_PX } from '../core/labels';
import { shapeOutline } from '../core/style';
import { applyLabelScale, dropBoxes, getLabelScale, setLabelScale } from './canvasStyle';
import { LABEL_CANDIDATES, nameEveryNode } from './labels';

/** Size of a name in the picture, in its pixels: about the size of the legend's text. */
const PICTURE_LABEL_PX = 22;
/** At most this many pixels a side: a zoomed-out drawing at twice its size would take seconds to encode. */
const MAX_SIDE = 3000;
/** Element data the picture's label size changes (canvasStyle's scaledData and edgeData). */
const SIZE_KEYS = ['ns', 'fs', 'tmw', 'tmy', 'tmn', 'tbp', 'mb', 'mh', 'ew', 'ehl', 'esel'];

/** Pixels of the picture per model unit, for a drawing whose box is `bb` (Cytoscape's maxWidth is not applied to a full drawing). */
const scaleFor = (bb: { w: number; h: number }) => Math.min(2, MAX_SIDE / Math.max(1, bb.w, bb.h));

/**
 * The drawing as a PNG data URL with every node named. The canvas shows names by priority where
 * they fit at the zoom it is seen at, and hides the rest; a picture has room for every name at
 * its own resolution. So, for the picture only, labels are sized for it (PICTURE_LABEL_PX), every
 * one is shown at the side of its node that keeps it clearest, and afterwards each element's
 * classes and size data and the label scale are put back exactly as they were.
 */
function drawingWithNames(cy: Core): string {
  const big = cy.nodes().length > LABEL_CANDIDATES;
  const saved = cy.elements().map((el) => ({ el, classes: el.classes(), data: Object.fromEntries(SIZE_KEYS.filter((k) => el.data(k) !== undefined).map((k) => [k, el.data(k)])) }));
  const scaleBefore = getLabelScale();
  try {
    if (!big) {
      // The label scale whose names come out at PICTURE_LABEL_PX in a picture of the drawing's size.
      setLabelScale((LABEL_PX * scaleFor(cy.nodes().boundingBox({ includeLabels: false } as never))) / PICTURE_LABEL_PX);
      applyLabelScale(cy);
      nameEveryNode(cy);
    }
    const bb = cy.elements().boundingBox({});
    return cy.png({ full: true, scale: scaleFor(bb), bg: '#ffffff', output: 'base64uri' }) as string;
  } finally {
    if (!big) {
      setLabelScale(1 / scaleBefore);
      cy.batch(() => saved.forEach(({ el, classes, data }) => (el.classes(classes), el.data(data))));
      dropBoxes(cy.nodes());
    }
  }
}

/** Draws one legend entry's mark (a shape, or an arrow for a relation) in a 24-pixel box at x, y. */
function mark(g: CanvasRenderingContext2D, item: LegendSection['items'][number], x: number, y: number): void {
  if (item.line) {
    g.strokeStyle = '#9ca3af';
    g.fillStyle = '#9ca3af';
    g.lineWidth = 3;
    g.beginPath();
    g.moveTo(x, y + 12);
    g.lineTo(x + 16, y + 12);
    g.stroke();
    g.beginPath();
    g.moveTo(x + 24, y + 12);
    g.lineTo(x + 14, y + 6);
    g.lineTo(x + 14, y + 18);
    g.closePath();
    g.fill();
    return;
  }
  if (!item.shape) return;
  const o = shapeOutline(item.shape, 24);
  g.fillStyle = item.color ?? '#94a3b8';
  g.beginPath();
  if (o.kind === 'ellipse') g.ellipse(x + 12, y + 12, 12, 12, 0, 0, Math.PI * 2);
  else if (o.kind === 'rect') g.roundRect(x, y, 24, 24, o.rx);
  else o.points.split(' ').forEach((pt, j) => { const [px, py] = pt.split(',').map(Number); if (j) g.lineTo(x + px!, y + py!); else g.moveTo(x + px!, y + py!); });
  g.closePath();
  g.fill();
}

export async function pngWithLegend(cy: Core, legend: LegendSection[]): Promise<string> {
  const url = drawingWithNames(cy);
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the canvas image could not be read'));
    img.src = url;
  });
  const row = 36;
  const heading = 48;
  const legendW = 620;
  // A margin around the drawing: Cytoscape's picture ends at the outermost node's edge.
  const margin = 40;
  const legendH = 30 + legend.reduce((h, s) => h + heading + s.items.length * row, 0);
  const canvas = document.createElement('canvas');
  canvas.width = margin + img.width + legendW;
  canvas.height = Math.max(img.height + 2 * margin, legendH);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, margin, margin);
  const left = margin + img.width + 20;
  let y = 0;
  for (const section of legend) {
    g.fillStyle = '#111827';
    g.font = 'bold 28px Helvetica, Arial, sans-serif';
    g.fillText(section.title, left, y + 44);
    y += heading + 22;
    g.font = '24px Helvetica, Arial, sans-serif';
    for (const item of section.items) {
      const marked = !!(item.line || item.shape);
      mark(g, item, left, y);
      g.fillStyle = '#111827';
      g.fillText(item.label, left + (marked ? 34 : 0), y + 20, legendW - 40);
      y += row;
    }
    y -= 22;
  }
  return canvas.toDataURL('image/png');
}
