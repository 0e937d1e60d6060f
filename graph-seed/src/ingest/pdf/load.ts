/**
 * PDF pages as positioned text items, through pdfjs-dist's legacy build (the one made for Node),
 * offline, in a child process of its own (see pdf-text.mjs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';


export interface PdfItem {
  str: string;
  /** Left edge and baseline, in PDF units with y growing upwards. */
  x: number;
  y: number;
  width: number;
  /** Font size: the vertical scale of the item's text matrix. */
  size: number;
  font: string;
}

export interface PdfPage {
  /** 1-based position in the file. */
  index: number;
  /** The page's number as the document labels it (its page labels), else its position. */
  number: number;
  /** The page's label when it is not a number ("iii"), else null. */
  label: string | null;
  width: number;
  height: number;
  items: PdfItem[];
}

export interface PdfDocument {
  pages: PdfPage[];
  title: string | null;
  author: string | null;
}

export class PdfReadError extends Error {}

const SCRIPT = fileURLToPath(new URL('./pdf-text.mjs', import.meta.url));

type RawItem = [string, number, number, number, number, string];
interface RawPdf {
  pages: { index: number; label: string | null; width: number; height: number; items: RawItem[] }[];
  title: string | null;
  author: string | null;
}

/** Runs pdf-text.mjs in plain Node (no loader hooks: see its header), the PDF on its stdin. */
function extract(data: Uint8Array): Promise<RawPdf> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new PdfReadError(`not a readable PDF: ${Buffer.concat(err).toString().trim() || `exit code ${code}`}`));
      try {
        resolve(JSON.parse(Buffer.concat(out).toString()) as RawPdf);
      } catch (e) {
        reject(new PdfReadError(`the PDF reader gave no usable answer: ${(e as Error).message}`));
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(data);
  });
}

export async function loadPdf(data: Uint8Array): Promise<PdfDocument> {
  const raw = await extract(data);
  const pages = raw.pages.map((p) => {
    const number = p.label && /^\d+$/.test(p.label) && Number(p.label) > 0 ? Number(p.label) : p.index;
    const items = p.items.map(([str, x, y, width, size, font]) => ({ str, x, y, width, size, font }));
    const label = p.label?.trim() && !/^\d+$/.test(p.label.trim()) ? p.label.trim().slice(0, 40) : null;
    return { index: p.index, number, label, width: p.width, height: p.height, items };
  });
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return { pages, title: text(raw.title), author: text(raw.author) };
}
