/**
 * Per-request context: the store and DataLoaders over it. Every lookup a resolver makes goes
 * through a loader, so one GraphQL operation costs at most one store call per loader per level
 * of the query (loaders batch within a tick and cache within the request).
 */
import DataLoader from 'dataloader';
import type { Citation, Entity, Mention, Passage, Relation } from '../../graph-seed/src/model/bundle';
import { withBudget } from './store/budget';
import type { Companions, GraphStore, OperationOrigin, PassageLinks, RelationKey, Shape } from './store/GraphStore';

export type { RelationKey };

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
  /** How many relations each key would list without a limit (a relations connection's totalCount). */
  relationCount: DataLoader<Omit<RelationKey, 'limit' | 'offset'>, number, string>;
  passage: DataLoader<string, Passage | null>;
  passageAt: DataLoader<{ documentId: string; order: number }, Passage | null, string>;
  mentionsIn: DataLoader<string, Mention[]>;
  citationsIn: DataLoader<string, Citation[]>;
  /** Both of the above at once (a passage asked for with its mentions and citations). */
  linksIn: DataLoader<string, PassageLinks>;
  /**
   * The passage a piece of evidence or a mention stands in (always in the graph: the build checks
   * every quote and span against its passage). An operation that reads nothing of a passage but
   * its id gets just the id, with no read.
   */
  passageRef(id: string): Passage | null | Promise<Passage | null>;
  /**
   * An entity by id: at once when a store read has already brought it along (a relation's ends,
   * a passage's mentioned entities), else through the entity loader. Answering in hand values
   * synchronously lets the executor complete those fields without a promise each.
   */
  entityRef(id: string): Entity | null | Promise<Entity | null>;
}

export interface Context {
  store: GraphStore;
  loaders: Loaders;
  /** What of entities and relations the operation reads, for store calls made without a loader. */
  shape: Shape;
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

/** What of the graph an operation reads, beyond what it asks for by id (see createLoaders). */
export interface Reads {
  /** Anything of a passage but its id. */
  passages?: boolean;
  /** Any entity field outside LIGHT_ENTITY_FIELDS (its properties or evidence). */
  entityContent?: boolean;
  /** Any relation field outside LIGHT_RELATION_FIELDS (its properties or evidence). */
  relationContent?: boolean;
}

/** The store's view of what an operation reads (see Shape). */
const shapeOf = (reads: Reads): Shape => ({
  ...(reads.entityContent === false ? { entityContent: false } : {}),
  ...(reads.relationContent === false ? { relationContent: false } : {}),
});

/**
 * The loaders of one operation. What a store reads along with an answer (relation ends, evidence
 * passages, the entities a passage mentions) fills them, so the next level of the query finds it
 * cached; `passages: false` (an operation that reads nothing of a passage but its id) leaves the
 * passages out of those reads, and `entityContent: false` or `relationContent: false` (one that
 * reads only the light fields of entities or relations) their properties and evidence.
 */
export function createLoaders(store: GraphStore, reads: Reads = {}): Loaders {
  // What store reads brought along, by id, besides priming the loaders.
  const entitiesInHand = new Map<string, Entity>();
  const passagesInHand = new Map<string, Passage>();
  const companions: Companions = {
    entities: (list) =>
      list.forEach((e) => {
        loaders.entity.prime(e.id, e);
        entitiesInHand.set(e.id, e);
      }),
    ...(reads.passages !== false
      ? {
          passages: (list: Passage[]) =>
            list.forEach((p) => {
              loaders.passage.prime(p.id, p);
              passagesInHand.set(p.id, p);
            }),
        }
      : {}),
    ...shapeOf(reads),
  };
  const loaders: Loaders = {
    entity: new DataLoader((ids) => store.entities(ids, companions)),
    relations: new DataLoader((keys) => store.relationsFor(keys, companions), { cacheKeyFn: (k) => JSON.stringify([k.id, k.direction, k.types, k.limit, k.offset ?? 0]) }),
    mentions: new DataLoader(
      grouped<MentionKey, Mention[]>((k) => `${k.limit}:${k.offset}`, (ids, k) => store.mentionsOf(ids, k.limit, k.offset, companions)),
      { cacheKeyFn: (k) => `${k.id}:${k.limit}:${k.offset}` },
    ),
    mentionCount: new DataLoader((ids) => store.mentionCounts(ids)),
    relationCount: new DataLoader((keys) => store.relationCounts(keys), { cacheKeyFn: (k) => JSON.stringify([k.id, k.direction, k.types]) }),
    passageRef: reads.passages !== false ? (id) => passagesInHand.get(id) ?? loaders.passage.load(id) : (id) => ({ id }) as Passage,
    entityRef: (id) => entitiesInHand.get(id) ?? loaders.entity.load(id),
    passage: new DataLoader((ids) => store.passages(ids)),
    passageAt: new DataLoader((keys) => store.passagesAt(keys), { cacheKeyFn: (k) => `${k.documentId}#${k.order}` }),
    mentionsIn: new DataLoader((ids) => store.mentionsIn(ids, companions)),
    citationsIn: new DataLoader((ids) => store.citationsIn(ids, companions)),
    linksIn: new DataLoader(async (ids) => {
      const links = await store.linksIn(ids, companions);
      ids.forEach((id, i) => {
        loaders.mentionsIn.prime(id, links[i]!.mentions);
        loaders.citationsIn.prime(id, links[i]!.citations);
      });
      return links;
    }),
  };
  return loaders;
}

/** Offers a subgraph's entities to the entity loader, so its relations' ends need no lookup. */
export function primeEntities(ctx: Context, list: readonly Entity[]): void {
  for (const e of list) ctx.loaders.entity.prime(e.id, e);
}

/**
 * One operation's context; with a budget, every store call shares the operation's time limit.
 * `origin`: the client's hang-up, which ends the operation's store calls, and the client.
 * `reads`: see createLoaders.
 */
export function createContext(store: GraphStore, budgetMs?: number, reads: Reads = {}, origin: OperationOrigin = {}): Context {
  const own = store.forOperation?.(origin) ?? store;
  const scoped = budgetMs ? withBudget(own, budgetMs, undefined, origin.signal) : own;
  return { store: scoped, loaders: createLoaders(scoped, reads), shape: shapeOf(reads) };
}
