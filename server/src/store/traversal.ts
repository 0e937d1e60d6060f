/**
 * Breadth-first selection shared by the stores, so both cap a neighbourhood at the same nodes:
 * the seeds in id order, then level by level each frontier entity's neighbours in id order,
 * until `limit` nodes are taken (then `truncated`). `neighbours` answers one level: for each
 * frontier id, its neighbours in id order (ids already taken may be listed; they are skipped).
 */
export type LevelNeighbours = (frontier: string[], seen: ReadonlySet<string>) => Map<string, string[]> | Promise<Map<string, string[]>>;

export async function selectBreadthFirst(seeds: string[], depth: number, limit: number, neighbours: LevelNeighbours): Promise<{ seen: Set<string>; truncated: boolean }> {
  const seen = new Set<string>();
  let truncated = false;
  for (const id of seeds) {
    if (seen.size >= limit) {
      truncated = true;
      break;
    }
    seen.add(id);
  }
  let frontier = seeds;
  for (let d = 0; d < depth && frontier.length && !truncated; d++) {
    const level = await neighbours(frontier, seen);
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of level.get(id) ?? []) {
        if (seen.has(n)) continue;
        if (seen.size >= limit) {
          truncated = true;
          break;
        }
        seen.add(n);
        next.push(n);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  return { seen, truncated };
}
