/**
 * Resolvers. They see only `context.store`, through the per-request loaders.
 */
import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Citation, Entity, Evidence, Mention, Passage, Relation } from '../../../graph-seed/src/model/bundle';
import { primeEntities, type Context, type MentionKey } from '../context';
import type { Direction, RelationKey } from '../store/GraphStore';
import { entityTypes, id, ids, intIn, LIMITS, relationTypes, searchPhrase, text } from './args';
import { apiResolvers, either, entityConnectionFields, findingFilter } from './apiResolvers';
import { assertFilterKnown, assertKnown, entityFilter, entityOrder } from './filters';
import { argumentsOf, selectedFields } from './lookahead';
import { RELATED, type Hop } from './related';

type Args = Record<string, unknown>;

/**
 * The values of a loadMany, unknown ids (null) left out. A store error (unavailable, out of
 * time) fails the field rather than shrinking its list to what happened to load.
 */
function present<T>(values: readonly (T | null | Error)[]): T[] {
  const out: T[] = [];
  for (const v of values) {
    if (v instanceof Error) throw v;
    if (v) out.push(v);
  }
  return out;
}

/** GraphQL type for each ontology entity type. */
const GRAPHQL_TYPE: Record<string, string> = {
  Ministry: 'Organization',
  GovernmentBody: 'Organization',
  Committee: 'Organization',
  InternationalOrganization: 'Organization',
  ResearchOrganization: 'Organization',
  Organization: 'Organization',
  Study: 'Study',
  LegalInstrument: 'LegalInstrument',
  Agreement: 'Agreement',
  Policy: 'Policy',
  Programme: 'Activity',
  Project: 'Activity',
  Dataset: 'Activity',
  Country: 'Place',
  Region: 'Place',
  Province: 'Place',
  Statistic: 'Statistic',
  Recommendation: 'Recommendation',
  Finding: 'Finding',
};

const ALL = 1000;

/** The loader key of a field that lists the entities across relations of some types, one way. */
const relatedKey = (e: Entity | string, [direction, types]: Hop): RelationKey => ({ id: typeof e === 'string' ? e : e.id, direction, types, limit: ALL });

/** The entities across an entity's relations of some types, one way, each once; the first `limit`. */
async function related(e: Entity, ctx: Context, hop: Hop, limit: number = ALL): Promise<Entity[]> {
  const rels = await ctx.loaders.relations.load(relatedKey(e, hop));
  const other = rels.map((r) => (r.source === e.id ? r.target : r.source));
  return present(await ctx.loaders.entity.loadMany([...new Set(other)].slice(0, limit)));
}


const relatedFields = (type: string) =>
  Object.fromEntries(
    Object.entries(RELATED[type]!).map(([field, hop]) => [field, (e: Entity, a: Args, ctx: Context) => related(e, ctx, hop, a.limit == null ? ALL : intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100))]),
  );

/** The relations and mentions loader keys of the entity fields an operation selects. */
const relationsKey = (entityId: string, a: Args): RelationKey => ({
  id: entityId,
  direction: (a.direction as Direction) ?? 'BOTH',
  types: relationTypes(either(a.types, a.relationTypes), a.relationTypes ? 'relationTypes' : 'types'),
  limit: intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100),
});
const mentionsKey = (entityId: string, a: Args): MentionKey => ({
  id: entityId,
  limit: intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 50),
  offset: intIn(a.offset as number, 'offset', 0, 1e6, 0),
});

/**
 * Starts the relation and mention reads the entity's selected fields will make, so that they go
 * out with (and, for relations, bring along) the entity itself: one round trip where there were two.
 */
function prefetchEntity(entityId: string, info: GraphQLResolveInfo, ctx: Context): Promise<unknown> {
  const reads: Promise<unknown>[] = [];
  for (const { on, node } of selectedFields(info)) {
    try {
      const field = node.name.value;
      // Type-specific fields count under their fragment's type; the entity's type is not known yet,
      // so a fragment for another type costs one wasted key in the same read.
      const hop = on ? RELATED[on]?.[field] : undefined;
      if (field === 'relations') reads.push(ctx.loaders.relations.load(relationsKey(entityId, argumentsOf(node, info.variableValues))));
      else if (field === 'mentions') reads.push(ctx.loaders.mentions.load(mentionsKey(entityId, argumentsOf(node, info.variableValues))));
      else if (hop) reads.push(ctx.loaders.relations.load(relatedKey(entityId, hop)));
    } catch {
      // An argument the resolver will reject: nothing to prefetch.
    }
  }
  // Failures surface where the field resolves; here they only must not go unhandled.
  return Promise.allSettled(reads);
}

/** Entity fields a search candidate carries without a further read. */
const NAME_FIELDS = new Set(['id', 'name', 'type', 'aliases', '__typename']);

/**
 * Entity fields answered without an entity's properties or evidence: its names, and the fields
 * read through loaders of their own (relations, mentions, related entities). An operation that
 * asks entities for nothing else gets entities read without properties and evidence.
 */
export const LIGHT_ENTITY_FIELDS: ReadonlySet<string> = new Set([
  ...NAME_FIELDS,
  'mentionCount',
  'mentions',
  'relations',
  'citedBy',
  'datasets',
  'studies',
  'entityType',
  'relationsConnection',
  'mentionsConnection',
  ...Object.values(RELATED).flatMap((fields) => Object.keys(fields)),
]);

/** Relation fields answered without a relation's properties or evidence. */
export const LIGHT_RELATION_FIELDS: ReadonlySet<string> = new Set(['id', 'type', 'relationType', 'source', 'target', '__typename']);

/** Whether a search's selection reads only the hits' scores and names (no properties, evidence or relations). */
function asksNamesOnly(info: GraphQLResolveInfo): boolean {
  return selectedFields(info).every(({ node }) => {
    if (node.name.value !== 'entity') return true;
    return selectedFields({ fieldNodes: [node], fragments: info.fragments }).every((f) => NAME_FIELDS.has(f.node.name.value));
  });
}

/** Whether a passage's selection asks for its mentions or citations. */
const wantsLinks = (info: GraphQLResolveInfo) => selectedFields(info).some(({ node }) => node.name.value === 'mentions' || node.name.value === 'citations');

const prop = <T>(e: Entity, key: string): T | null => (e.properties[key] ?? null) as T | null;

const entityFields = {
  mentionCount: (e: Entity, _a: Args, ctx: Context) => ctx.loaders.mentionCount.load(e.id),
  mentions: (e: Entity, a: Args, ctx: Context) => ctx.loaders.mentions.load(mentionsKey(e.id, a)),
  relations: (e: Entity, a: Args, ctx: Context) => ctx.loaders.relations.load(relationsKey(e.id, a)),
  evidenceSpans: (e: Entity) => e.evidence,
  ...entityConnectionFields,
};

const typed = (fields: Record<string, (e: Entity, a: Args, ctx: Context) => unknown>) => ({ ...entityFields, ...fields });

export const resolvers = {
  JSON: GraphQLJSON as GraphQLScalarType,
  Entity: {
    __resolveType: (e: Entity) => GRAPHQL_TYPE[e.type] ?? 'Thing',
  },
  Thing: typed({
    ...relatedFields('Thing'),
  }),
  Organization: typed({
    ...relatedFields('Organization'),
  }),
  Study: typed({
    ...relatedFields('Study'),
    authors: (e) => prop<string[]>(e, 'authors') ?? [],
    year: (e) => prop<number>(e, 'year'),
    title: (e) => prop<string>(e, 'title'),
    url: (e) => prop<string>(e, 'url'),
    citedBy: async (e, a, ctx) => {
      const limit = intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 50);
      const mentions = await ctx.loaders.mentions.load({ id: e.id, limit: LIMITS.maxLimit, offset: 0 });
      const passageIds = [...new Set(mentions.map((m) => m.passageId))].slice(0, limit);
      return present(await ctx.loaders.passage.loadMany(passageIds));
    },
  }),
  LegalInstrument: typed({
    ...relatedFields('LegalInstrument'),
    kind: (e) => prop<string>(e, 'kind'),
    number: (e) => prop<string>(e, 'number'),
    date: (e) => prop<string>(e, 'date'),
    year: (e) => prop<number>(e, 'year'),
  }),
  Agreement: typed({
    ...relatedFields('Agreement'),
    date: (e) => prop<string>(e, 'date'),
  }),
  Policy: typed({
    ...relatedFields('Policy'),
    date: (e) => prop<string>(e, 'date'),
  }),
  Activity: typed({
    ...relatedFields('Activity'),
  }),
  Place: typed({
    ...relatedFields('Place'),
  }),
  Statistic: typed({
    ...relatedFields('Statistic'),
    value: (e) => prop<number>(e, 'value'),
    unit: (e) => prop<string>(e, 'unit'),
    printed: (e) => prop<string>(e, 'printed'),
    year: (e) => prop<number>(e, 'year'),
  }),
  Recommendation: typed({
    ...relatedFields('Recommendation'),
    statement: (e) => prop<string>(e, 'statement') ?? e.name,
  }),
  Finding: typed({
    ...relatedFields('Finding'),
    statement: (e) => prop<string>(e, 'statement') ?? e.name,
    origin: (e) => prop<string>(e, 'origin'),
    evidence: (e) => e.evidence,
    studies: async (e, a, ctx) => {
      const limit = intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100);
      // One relation type leads to studies and datasets alike; the study half is what is asked.
      return (await related(e, ctx, RELATED.Finding!.citations!)).filter((s) => s.type === 'Study').slice(0, limit);
    },
    datasets: async (e, _a, ctx) => {
      const sources = await related(e, ctx, RELATED.Finding!.citations!);
      const direct = sources.filter((s) => s.type === 'Dataset');
      const used = await Promise.all(sources.filter((s) => s.type === 'Study').map((s) => related(s, ctx, RELATED.Study!.usesData!)));
      return [...new Map([...direct, ...used.flat()].map((d) => [d.id, d])).values()];
    },
  }),
  ...Object.fromEntries(Object.entries(apiResolvers).filter(([k]) => k !== 'Query' && k !== 'Relation' && k !== 'Document')),
  Document: {
    ...apiResolvers.Document,
    sources: (d: { sources?: unknown[] }) => d.sources ?? [],
  },
  Relation: {
    ...apiResolvers.Relation,
    source: (r: Relation, _a: Args, ctx: Context) => ctx.loaders.entityRef(r.source),
    target: (r: Relation, _a: Args, ctx: Context) => ctx.loaders.entityRef(r.target),
  },
  Evidence: {
    passage: (e: Evidence, _a: Args, ctx: Context) => ctx.loaders.passageRef(e.passageId),
  },
  Mention: {
    entity: (m: Mention, _a: Args, ctx: Context) => ctx.loaders.entityRef(m.entityId),
    passage: (m: Mention, _a: Args, ctx: Context) => ctx.loaders.passageRef(m.passageId),
  },
  Passage: {
    mentions: (p: Passage, _a: Args, ctx: Context) => ctx.loaders.mentionsIn.load(p.id),
    citations: async (p: Passage, _a: Args, ctx: Context) => {
      const cites: Citation[] = await ctx.loaders.citationsIn.load(p.id);
      const studies = await ctx.loaders.entity.loadMany([...new Set(cites.map((c) => c.studyId))]);
      return present(studies);
    },
    previous: (p: Passage, _a: Args, ctx: Context) => (p.order > 0 ? ctx.loaders.passageAt.load({ documentId: p.documentId, order: p.order - 1 }) : null),
    next: (p: Passage, _a: Args, ctx: Context) => ctx.loaders.passageAt.load({ documentId: p.documentId, order: p.order + 1 }),
    leadIn: (p: Passage, _a: Args, ctx: Context) => (p.leadInId ? ctx.loaders.passage.load(p.leadInId) : null),
    notes: async (p: Passage, _a: Args, ctx: Context) => present(await ctx.loaders.passage.loadMany(p.noteIds)),
  },
  Discrepancy: {
    subject: (d: { subjectId: string }, _a: Args, ctx: Context) => ctx.loaders.entity.load(d.subjectId),
  },
  Table: {
    passage: (t: { passageId: string }, _a: Args, ctx: Context) => ctx.loaders.passage.load(t.passageId),
  },
  FigureExhibit: {
    passage: (t: { passageId: string }, _a: Args, ctx: Context) => ctx.loaders.passage.load(t.passageId),
  },
  Exhibit: {
    passage: (t: { passageId: string }, _a: Args, ctx: Context) => ctx.loaders.passage.load(t.passageId),
  },
  Section: {
    passages: async (s: { passageIds: string[] }, _a: Args, ctx: Context) => present(await ctx.loaders.passage.loadMany(s.passageIds)),
  },
  Query: {
    ...apiResolvers.Query,
    search: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.store.search(searchPhrase(a.query as string, 'query'), entityTypes(either(a.types, a.entityTypes)), intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 20), {
        namesOnly: asksNamesOnly(info),
        document: a.document ? id(a.document as string, 'document') : null,
      }),
    entity: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const entityId = id(a.id as string, 'id');
      await prefetchEntity(entityId, info, ctx);
      return ctx.loaders.entity.load(entityId);
    },
    entitiesById: (_: unknown, a: Args, ctx: Context) => ctx.loaders.entity.loadMany(ids(a.ids as string[], 'ids')),
    entities: async (_: unknown, a: Args, ctx: Context) => {
      const type = a.type === null || a.type === undefined ? null : entityTypes([a.type as string], 'type')![0]!;
      const limit = intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100);
      const offset = intIn(a.offset as number, 'offset', 0, LIMITS.maxOffset, 0);
      const filter = entityFilter(a.where);
      const document = a.document ? id(a.document as string, 'document') : null;
      const named = [...new Set([type, a.entityType as string | null].filter((t): t is string => !!t))];
      // The plain list keeps its own store read; filters and orders go through findEntities.
      if (!a.where && !a.orderBy && named.length <= 1) return ctx.store.listEntities(named[0] ?? null, limit, offset, document);
      // An entity has one type: two different ones name no entity.
      if (named.length) filter.types = named.length > 1 ? [] : filter.types ? filter.types.filter((t) => t === named[0]) : named;
      if (document && !filter.document) filter.document = document;
      await assertFilterKnown(ctx, filter);
      return (await ctx.store.findEntities(filter, entityOrder(a.orderBy), limit, offset, false)).items;
    },
    neighborhood: async (_: unknown, a: Args, ctx: Context) => {
      const start = ids(a.ids as string[], 'ids');
      const sub = await ctx.store.neighborhood(
        start,
        intIn(a.depth as number, 'depth', 0, LIMITS.maxDepth, 1),
        relationTypes(either(a.relationTypes, a.relationTypeIn)),
        entityTypes(either(a.entityTypes, a.entityTypeIn), 'entityTypes'),
        intIn(a.limit as number, 'limit', 1, LIMITS.maxNeighborhood, 200),
        ctx.shape,
      );
      primeEntities(ctx, sub.nodes);
      // Seeds come first in a neighbourhood, so a seed missing from it is unknown, unless the
      // limit cut the seeds themselves short.
      const taken = new Set(sub.nodes.map((n) => n.id));
      const absent = start.filter((x) => !taken.has(x));
      if (absent.length) await assertKnown(ctx, absent);
      return sub;
    },
    path: async (_: unknown, a: Args, ctx: Context) => {
      const [from, to] = [id(a.from as string, 'from'), id(a.to as string, 'to')];
      const found = await ctx.store.path(from, to, intIn(a.maxLength as number, 'maxLength', 1, LIMITS.maxPathLength, 4), relationTypes(either(a.relationTypes, a.relationTypeIn)), ctx.shape);
      if (found) primeEntities(ctx, found.nodes);
      // No path: say so, or say which end does not exist.
      else await assertKnown(ctx, [from, to]);
      return found;
    },
    passage: async (_: unknown, a: Args, ctx: Context, info: GraphQLResolveInfo) => {
      const passageId = id(a.id as string, 'id');
      // Mentions and citations asked for: read with the passage, one round trip.
      if (wantsLinks(info)) await ctx.loaders.linksIn.load(passageId);
      return ctx.loaders.passage.load(passageId);
    },
    passages: (_: unknown, a: Args, ctx: Context) =>
      ctx.store.searchPassages(searchPhrase(a.query as string, 'query'), intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 20), a.document ? id(a.document as string, 'document') : null),
    findings: async (_: unknown, a: Args, ctx: Context) => {
      const limit = intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100);
      return (await ctx.store.findEntities(await findingFilter(a, ctx), [], limit, 0, false)).items;
    },
    discrepancies: (_: unknown, _a: Args, ctx: Context) => ctx.store.discrepancies(),
    tables: (_: unknown, _a: Args, ctx: Context) => ctx.store.tables(),
    table: async (_: unknown, a: Args, ctx: Context) => (await ctx.store.tables()).find((t) => t.number === text(a.number as string, 'number')) ?? null,
    figures: async (_: unknown, _a: Args, ctx: Context) => ctx.store.figures(),
    documents: (_: unknown, _a: Args, ctx: Context) => ctx.store.documents(),
    stats: (_: unknown, _a: Args, ctx: Context) => ctx.store.stats(),
    info: async (_: unknown, _a: Args, ctx: Context) => {
      const i = await ctx.store.info();
      return { backend: i.backend, bundleVersion: i.version };
    },
  },
};
