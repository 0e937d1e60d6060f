/**
 * Per-request context: the store and DataLoaders over it. Every lookup a resolver makes goes
 * through a loader, so one GraphQL operation costs at most one store call per loader per level
 * of the query (loaders batch within a tick and cache within the request).
 */
import DataLoader from 'dataloader';
import type { Citation, Entity, Mention, Passage, Relation } from '../../graph-seed/src/model/bundle';
import { withBudget } from './store/budget';
import type { Direction, GraphStore } from './store/GraphStore';

export interface RelationKey {
  id: string;
  direction: Direction;
  types: string[] | null;
  limit: number;
}

export interface MentionKey {
  id: string;
  limit: number;
  offset: number;
}

export interface Loaders {
  entity: DataLoader<string, Entity | null>;
  relations: DataLoader<RelationKey, Relation[], string>;
  mentions: DataLoader<MentionKey, Mention[], string>;
  mentionCount: DataLoader<string, number>;
  passage: DataLoader<string, Passage | null>;
  passageAt: DataLoader<{ documentId: string; order: number }, Passage | null, string>;
  mentionsIn: DataLoader<string, Mention[]>;
  citationsIn: DataLoader<string, Citation[]>;
}

export interface Context {
  store: GraphStore;
  loaders: Loaders;
}

/** Batches keys that share the non-id part of their key into one store call each. */
function grouped<K extends { id: string }, V>(part: (k: K) => string, call: (ids: string[], sample: K) => Promise<V[]>) {
  return async (keys: readonly K[]): Promise<V[]> => {
    const groups = new Map<string, { sample: K; idx: number[] }>();
    keys.forEach((k, i) => {
      const g = groups.get(part(k)) ?? { sample: k, idx: [] };
      g.idx.push(i);
      groups.set(part(k), g);
    });
    const out: V[] = new Array(keys.length);
    await Promise.all(
      [...groups.values()].map(async (g) => {
        const values = await call(g.idx.map((i) => keys[i]!.id), g.sample);
        g.idx.forEach((i, j) => (out[i] = values[j]!));
      }),
    );
    return out;
  };
}

export function createLoaders(store: GraphStore): Loaders {
  return {
    entity: new DataLoader((ids) => store.entities(ids)),
    relations: new DataLoader(
      grouped<RelationKey, Relation[]>(
        (k) => JSON.stringify([k.direction, k.types, k.limit]),
        (ids, k) => store.relationsOf(ids, { direction: k.direction, types: k.types, limit: k.limit }),
      ),
      { cacheKeyFn: (k) => JSON.stringify([k.id, k.direction, k.types, k.limit]) },
    ),
    mentions: new DataLoader(
      grouped<MentionKey, Mention[]>((k) => `${k.limit}:${k.offset}`, (ids, k) => store.mentionsOf(ids, k.limit, k.offset)),
      { cacheKeyFn: (k) => `${k.id}:${k.limit}:${k.offset}` },
    ),
    mentionCount: new DataLoader((ids) => store.mentionCounts(ids)),
    passage: new DataLoader((ids) => store.passages(ids)),
    passageAt: new DataLoader((keys) => store.passagesAt(keys), { cacheKeyFn: (k) => `${k.documentId}#${k.order}` }),
    mentionsIn: new DataLoader((ids) => store.mentionsIn(ids)),
    citationsIn: new DataLoader((ids) => store.citationsIn(ids)),
  };
}

/** One operation's context; with a budget, every store call shares the operation's time limit. */
export function createContext(store: GraphStore, budgetMs?: number): Context {
  const scoped = budgetMs ? withBudget(store, budgetMs) : store;
  return { store: scoped, loaders: createLoaders(scoped) };
}
