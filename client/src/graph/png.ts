/** The canvas as a PNG with its legend drawn beside it, so that a saved picture explains itself. */
import type { Core } from 'cytoscape';
import { shapeOutline } from '../core/style';

export async function pngWithLegend(cy: Core, legend: { label: string; color: string; shape: string }[], title: string): Promise<string> {
  // At most 3,000 px a side: a zoomed-out drawing at twice its size would take seconds to encode
  // (Cytoscape's maxWidth and maxHeight are not applied to a full drawing, so the scale is set here).
  const bb = cy.elements().boundingBox({});
  const scale = Math.min(2, 3000 / Math.max(1, bb.w, bb.h));
  const url = cy.png({ full: true, scale, bg: '#ffffff', output: 'base64uri' }) as string;
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the canvas image could not be read'));
    img.src = url;
  });
  const row = 36;
  const legendW = 520;
  // A margin around the drawing: Cytoscape's picture ends at the outermost node's edge.
  const margin = 40;
  const canvas = document.createElement('canvas');
  canvas.width = margin + img.width + legendW;
  canvas.height = Math.max(img.height + 2 * margin, 80 + legend.length * row);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, margin, margin);
  const left = margin + img.width + 20;
  g.fillStyle = '#111827';
  g.font = 'bold 28px Helvetica, Arial, sans-serif';
  g.fillText(title, left, 44);
  g.font = '24px Helvetica, Arial, sans-serif';
  legend.forEach((item, i) => {
    const x = left;
    const y = 70 + i * row;
    const o = shapeOutline(item.shape, 24);
    g.fillStyle = item.color;
    g.beginPath();
    if (o.kind === 'ellipse') g.ellipse(x + 12, y + 12, 12, 12, 0, 0, Math.PI * 2);
    else if (o.kind === 'rect') g.roundRect(x, y, 24, 24, o.rx);
    else o.points.split(' ').forEach((pt, j) => { const [px, py] = pt.split(',').map(Number); if (j) g.lineTo(x + px!, y + py!); else g.moveTo(x + px!, y + py!); });
    g.closePath();
    g.fill();
    g.fillStyle = '#111827';
    g.fillText(item.label, x + 34, y + 20);
  });
  return canvas.toDataURL('image/png');
}
