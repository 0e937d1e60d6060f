/**
 * Resolvers of api.graphql: global ids (node, nodes), connections with filters and order, and
 * the enum fields beside the string ones. Every list is read a page at a time from the store,
 * which filters, sorts and pages (see GraphStore.findEntities); nothing here filters a list.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Entity, Mention, Passage, Relation } from '../../../graph-seed/src/model/bundle';
import type { Context } from '../context';
import { NAME_MATCHES_CAP, type Direction, type EntityFilter, type RelationFilter } from '../store/GraphStore';
import { entityTypes, id, ids, relationTypes, searchPhrase, text } from './args';
import { connection, pageArgs, wantsTotal } from './connections';
import { assertFilterKnown, assertKnown, entityFilter, entityOrder, FINDING_ORIGINS } from './filters';

type Args = Record<string, unknown>;

/** A string list argument and its enum twin, together (null when neither is given). */
export function either(strings: unknown, enums: unknown): string[] | null {
  if (!strings && !enums) return null;
  return [...new Set([...((strings as string[] | null) ?? []), ...((enums as string[] | null) ?? [])])];
}

/** The findings filter of findings and findingsConnection; NOT_FOUND for unknown ids. */
export async function findingFilter(a: Args, ctx: Context): Promise<EntityFilter> {
  const about = a.about ? id(a.about as string, 'about') : null;
  const supportedBy = a.supportedBy ? id(a.supportedBy as string, 'supportedBy') : null;
  await assertKnown(ctx, [about, supportedBy].filter((x): x is string => !!x));
  const relations: RelationFilter[] = [];
  if (about) relations.push({ types: ['ABOUT'], direction: 'OUT', to: about });
  if (supportedBy) relations.push({ types: ['SUPPORTED_BY'], direction: 'OUT', to: supportedBy });
  return { types: ['Finding'], relations, property: a.origin ? { key: 'origin', value: FINDING_ORIGINS[a.origin as string]! } : null };
}

/** Global-id lookup: a table or document record, a passage, or an entity (see Node). */
async function node(ctx: Context, nodeId: string): Promise<unknown> {
  const [entity, passage] = await Promise.all([ctx.loaders.entity.load(nodeId), ctx.loaders.passage.load(nodeId)]);
  if (passage) return passage;
  if (entity && entity.type !== 'Table' && entity.type !== 'Document') return entity;
  const [tables, documents] = await Promise.all([ctx.store.tables(), ctx.store.documents()]);
  return tables.find((t) => t.id === nodeId) ?? documents.find((d) => d.id === nodeId) ?? entity;
}

/** Fields every entity type gets from api.graphql's extension of Entity. */
export const entityConnectionFields = {
  entityType: (e: Entity) => e.type,
  relationsConnection: async (e: Entity, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
    const { first, offset } = pageArgs(a, 20);
    const key = { id: e.id, direction: (a.direction as Direction) ?? 'BOTH', types: relationTypes(a.types as string[] | null, 'types') };
    const [items, total] = await Promise.all([
      first ? ctx.loaders.relations.load({ ...key, limit: first + 1, offset }) : Promise.resolve([] as Relation[]),
      wantsTotal(info) ? ctx.loaders.relationCount.load(key) : null,
    ]);
    return connection(items, first, offset, total);
  },
  mentionsConnection: async (e: Entity, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
    const { first, offset } = pageArgs(a, 20);
    const [items, total] = await Promise.all([
      first ? ctx.loaders.mentions.load({ id: e.id, limit: first + 1, offset }) : Promise.resolve([] as Mention[]),
      wantsTotal(info) ? ctx.loaders.mentionCount.load(e.id) : null,
    ]);
    return connection(items, first, offset, total);
  },
};

export const apiResolvers = {
  Node: {
    __resolveType: (x: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo) => {
      if ('chapters' in x) return 'Document';
      if ('rows' in x && 'columns' in x) return 'Table';
      if ('documentId' in x && 'order' in x) return 'Passage';
      return (info.schema.getType('Entity') as unknown as { resolveType: (e: unknown, c: Context, i: GraphQLResolveInfo) => string }).resolveType(x, ctx, info);
    },
  },
  Relation: {
    relationType: (r: Relation) => r.type,
    origin: (r: Relation) => {
      const origin = r.properties.origin;
      return origin === 'curated' || origin === 'automatic' || origin === 'extracted' ? origin.toUpperCase() : null;
    },
    rule: (r: Relation) => (typeof r.properties.rule === 'string' ? r.properties.rule : null),
    confidence: (r: Relation) => (typeof r.properties.confidence === 'number' && r.properties.origin !== 'curated' ? r.properties.confidence : null),
  },
  Document: {
    passages: async (d: { id: string }, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const { first, offset } = pageArgs(a, 50);
      const page = await ctx.store.documentPassages(d.id, first + 1, offset, wantsTotal(info));
      return connection(page.items, first, offset, page.total);
    },
  },
  Query: {
    node: (_: unknown, a: Args, ctx: Context) => node(ctx, id(a.id as string, 'id')),
    nodes: (_: unknown, a: Args, ctx: Context) => Promise.all(ids(a.ids as string[], 'ids').map((x) => node(ctx, x))),
    entitiesConnection: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const { first, offset } = pageArgs(a, 20);
      const filter = entityFilter(a.where);
      await assertFilterKnown(ctx, filter);
      const page = await ctx.store.findEntities(filter, entityOrder(a.orderBy), first + 1, offset, wantsTotal(info));
      return connection(page.items, first, offset, page.total);
    },
    findingsConnection: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const { first, offset } = pageArgs(a, 20);
      const page = await ctx.store.findEntities(await findingFilter(a, ctx), entityOrder(a.orderBy), first + 1, offset, wantsTotal(info));
      return connection(page.items, first, offset, page.total);
    },
    searchConnection: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const { first, offset } = pageArgs(a, 20);
      const query = searchPhrase(a.query as string, 'query');
      // Search ranks its best 1,000 at most: pages beyond are empty, and totalCount counts those.
      const want = Math.min(NAME_MATCHES_CAP, wantsTotal(info) ? NAME_MATCHES_CAP : offset + first + 1);
      const hits = offset >= want ? [] : await ctx.store.search(query, entityTypes(a.types as string[] | null), want);
      return connection(
        hits.slice(offset, offset + first + 1).map((h) => h.entity),
        first,
        offset,
        hits.length,
        (e) => ({ score: hits.find((h) => h.entity === e)!.score }),
      );
    },
    passagesConnection: async (_: unknown, a: Args, ctx: Context) => {
      const { first, offset } = pageArgs(a, 20);
      const page = await ctx.store.searchPassagesPage(searchPhrase(a.query as string, 'query'), first + 1, offset);
      return connection<Passage>(page.items, first, offset, page.total);
    },
  },
};
