/** Items by key, each group in the items' order, groups in the order their keys first appear. */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** How many of each type, most first, then by type name (the stats both stores report). */
export const typeCounts = (types: readonly string[]): { type: string; count: number }[] =>
  [...groupBy(types, (x) => x)].map(([type, list]) => ({ type, count: list.length })).sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
