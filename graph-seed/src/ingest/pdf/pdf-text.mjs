// Extracts positioned text from a PDF read on stdin and writes it as JSON to stdout. Plain
// JavaScript run by plain Node: pdf.js's worker module is large, and loading it through a
// TypeScript loader costs seconds per process; in a child of its own it loads as shipped.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const data = new Uint8Array(Buffer.concat(chunks));

try {
  // Standard fonts are measured from pdf.js's built-in metrics; loading their files would only
  // matter for drawing glyphs, and triples the time per page.
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const labels = await doc.getPageLabels().catch(() => null);
  const meta = await doc.getMetadata().catch(() => null);
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const items = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const [a, b, c, d, e, f] = it.transform;
      // Rotated text (axis labels, margin notes) is not part of the reading flow.
      if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue;
      items.push([it.str, e - x0, f - y0, it.width, Math.abs(d) || Math.abs(a), it.fontName]);
    }
    pages.push({ index: i, label: labels?.[i - 1] ?? null, width: x1 - x0, height: y1 - y0, items });
    page.cleanup();
  }
  const info = meta?.info ?? {};
  process.stdout.write(JSON.stringify({ pages, title: info.Title ?? null, author: info.Author ?? null }));
  await doc.destroy();
} catch (e) {
  process.stderr.write(String(e?.message ?? e));
  process.exitCode = 3;
}
