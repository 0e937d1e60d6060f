import type { MentionSpan, Segment } from './types';

/**
 * Cuts a passage into segments at every mention and highlight boundary. Overlapping mentions are
 * resolved in favour of the earlier, then the longer one, so each character belongs to at most
 * one mention. Segments cover the text exactly, in order.
 */
export function segmentText(text: string, mentions: MentionSpan[], highlight: [number, number] | null): Segment[] {
  const chosen: MentionSpan[] = [];
  for (const m of [...mentions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < 0 || m.end > text.length || m.end <= m.start) continue;
    const last = chosen[chosen.length - 1];
    if (!last || m.start >= last.end) chosen.push(m);
  }
  const cuts = new Set<number>([0, text.length]);
  for (const m of chosen) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const hl = highlight && highlight[0] < highlight[1] ? ([Math.max(0, highlight[0]), Math.min(text.length, highlight[1])] as const) : null;
  if (hl) {
    cuts.add(hl[0]);
    cuts.add(hl[1]);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i]!, points[i + 1]!];
    if (end <= start) continue;
    const m = chosen.find((c) => c.start <= start && end <= c.end) ?? null;
    out.push({
      start,
      end,
      text: text.slice(start, end),
      mention: m ? { entityId: m.entity.id, type: m.entity.type, name: m.entity.name } : null,
      highlighted: !!hl && hl[0] <= start && end <= hl[1],
    });
  }
  return out;
}

/** A snippet of `text` around [start, end), with the span itself separated out. */
export function snippet(text: string, start: number, end: number, radius = 80): { before: string; match: string; after: string } {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  return { before: (from > 0 ? '…' : '') + text.slice(from, start), match: text.slice(start, end), after: text.slice(end, to) + (to < text.length ? '…' : '') };
}

/** A year for the timeline from an entity's properties: year, date, established, first arrivals. */
export function yearOf(properties: Record<string, unknown>): number | null {
  for (const key of ['year', 'date', 'established', 'signed', 'firstArrivals']) {
    const v = properties[key];
    if (typeof v === 'number' && v > 1900 && v < 2100) return v;
    if (typeof v === 'string') {
      const m = /\b(19\d\d|20\d\d)\b/.exec(v);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/**
 * A chapter's line in the outline. The text before a report's first numbered chapter (or the
 * whole of a report with none) is chapter "0" with no title of its own.
 */
export function chapterHeading(c: { number: string; title: string }, chapters: number): string {
  if (c.title) return `${c.number}. ${c.title}`;
  if (c.number !== '0') return `Chapter ${c.number}`;
  return chapters > 1 ? 'Before the first chapter' : 'Sections';
}

/** Where a quote stands: its section (or label, or passage id) and the page as printed, "Migration policies, p. 57". */
export function citedAt(p: { id: string; section?: string | null; label?: string | null; page?: number | null; pageLabel?: string | null }, withLabel = false): string {
  const where = (withLabel ? p.label : null) ?? p.section ?? p.id;
  const page = p.pageLabel ?? p.page;
  return page ? `${where}, p. ${page}` : where;
}

/** A count with its noun in the right number: "1 relation", "3 relations", "1 entity", "2 entities". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
