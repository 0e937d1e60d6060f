import type { TimeSpan } from './types';

const YEAR = /\b(19\d\d|20\d\d)\b/;
const PERIOD = /\b(19\d\d|20\d\d)\s*[-–]\s*(19\d\d|20\d\d)\b/;

const asYear = (v: unknown): number | null => {
  if (typeof v === 'number' && v > 1900 && v < 2100) return v;
  if (typeof v === 'string') {
    const m = YEAR.exec(v);
    if (m) return Number(m[1]);
  }
  return null;
};

/**
 * When an entity is dated, from what it states of itself: a period (property or name, such as a
 * plan for 2014-2018), a date of signing, adoption or establishment, or a year. Events that happen
 * under it (first arrivals under an agreement) do not date it.
 */
export function timeSpanOf(name: string, properties: Record<string, unknown>): TimeSpan | null {
  for (const text of [properties.period, name]) {
    const m = typeof text === 'string' ? PERIOD.exec(text) : null;
    if (m && Number(m[2]) >= Number(m[1])) return { start: Number(m[1]), end: Number(m[2]) };
  }
  for (const key of ['date', 'signed', 'adopted', 'established', 'year']) {
    const y = asYear(properties[key]);
    if (y) return { start: y, end: null };
  }
  const named = /\((19\d\d|20\d\d)\)/.exec(name);
  return named ? { start: Number(named[1]), end: null } : null;
}

/** Items in time order: by start, then the longer period first, then by name. */
export function byTime<T extends { span: TimeSpan; name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.span.start - b.span.start || (b.span.end ?? b.span.start) - (a.span.end ?? a.span.start) || a.name.localeCompare(b.name));
}
