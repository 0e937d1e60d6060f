/**
 * Resolvers. They see only `context.store`, through the per-request loaders.
 */
import type { GraphQLScalarType } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { Citation, Entity, Evidence, Mention, Passage, Relation } from '../../../graph-seed/src/model/bundle';
import { primeEntities, type Context } from '../context';
import type { Direction } from '../store/GraphStore';
import { entityTypes, id, ids, intIn, LIMITS, notFound, relationTypes, text } from './args';

type Args = Record<string, unknown>;

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

async function related(e: Entity, ctx: Context, direction: Direction, types: string[]): Promise<Entity[]> {
  const rels = await ctx.loaders.relations.load({ id: e.id, direction, types, limit: ALL });
  const other = rels.map((r) => (r.source === e.id ? r.target : r.source));
  const out = await ctx.loaders.entity.loadMany([...new Set(other)]);
  return out.filter((x): x is Entity => !!x && !(x instanceof Error));
}

/** Throws NOT_FOUND naming every id that is not an entity. */
async function assertKnown(ctx: Context, list: string[]): Promise<void> {
  const known = await ctx.loaders.entity.loadMany(list);
  const missing = list.filter((_x, i) => !known[i] || known[i] instanceof Error);
  if (missing.length) throw notFound(`unknown entity id ${missing.map((m) => JSON.stringify(m.slice(0, 80))).join(', ')}`);
}

const prop = <T>(e: Entity, key: string): T | null => (e.properties[key] ?? null) as T | null;

const entityFields = {
  mentionCount: (e: Entity, _a: Args, ctx: Context) => ctx.loaders.mentionCount.load(e.id),
  mentions: (e: Entity, a: Args, ctx: Context) =>
    ctx.loaders.mentions.load({ id: e.id, limit: intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 50), offset: intIn(a.offset as number, 'offset', 0, 1e6, 0) }),
  relations: (e: Entity, a: Args, ctx: Context) =>
    ctx.loaders.relations.load({
      id: e.id,
      direction: (a.direction as Direction) ?? 'BOTH',
      types: relationTypes(a.types as string[] | null, 'types'),
      limit: intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100),
    }),
  evidenceSpans: (e: Entity) => e.evidence,
};

const typed = (fields: Record<string, (e: Entity, a: Args, ctx: Context) => unknown>) => ({ ...entityFields, ...fields });

export const resolvers = {
  JSON: GraphQLJSON as GraphQLScalarType,
  Entity: {
    __resolveType: (e: Entity) => GRAPHQL_TYPE[e.type] ?? 'Thing',
  },
  Thing: typed({}),
  Organization: typed({
    parents: (e, _a, ctx) => related(e, ctx, 'OUT', ['PART_OF', 'SUBORDINATE_TO']),
    units: (e, _a, ctx) => related(e, ctx, 'IN', ['PART_OF', 'SUBORDINATE_TO']),
    chairs: (e, _a, ctx) => related(e, ctx, 'OUT', ['CHAIRS']),
    viceChairs: (e, _a, ctx) => related(e, ctx, 'OUT', ['VICE_CHAIRS']),
    chairedBy: (e, _a, ctx) => related(e, ctx, 'IN', ['CHAIRS']),
    establishedBy: (e, _a, ctx) => related(e, ctx, 'OUT', ['ESTABLISHED_BY']),
    responsibleFor: (e, _a, ctx) => related(e, ctx, 'OUT', ['RESPONSIBLE_FOR']),
    mandatedBy: (e, _a, ctx) => related(e, ctx, 'IN', ['MANDATES']),
  }),
  Study: typed({
    authors: (e) => prop<string[]>(e, 'authors') ?? [],
    year: (e) => prop<number>(e, 'year'),
    title: (e) => prop<string>(e, 'title'),
    url: (e) => prop<string>(e, 'url'),
    people: (e, _a, ctx) => related(e, ctx, 'OUT', ['AUTHORED_BY']),
    publishers: (e, _a, ctx) => related(e, ctx, 'OUT', ['PUBLISHED_BY']),
    usesData: (e, _a, ctx) => related(e, ctx, 'OUT', ['USES_DATA']),
    supports: (e, _a, ctx) => related(e, ctx, 'IN', ['SUPPORTED_BY']),
    citedBy: async (e, a, ctx) => {
      const limit = intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 50);
      const mentions = await ctx.loaders.mentions.load({ id: e.id, limit: LIMITS.maxLimit, offset: 0 });
      const passageIds = [...new Set(mentions.map((m) => m.passageId))].slice(0, limit);
      return (await ctx.loaders.passage.loadMany(passageIds)).filter((p) => p && !(p instanceof Error));
    },
  }),
  LegalInstrument: typed({
    kind: (e) => prop<string>(e, 'kind'),
    number: (e) => prop<string>(e, 'number'),
    date: (e) => prop<string>(e, 'date'),
    year: (e) => prop<number>(e, 'year'),
    establishes: (e, _a, ctx) => related(e, ctx, 'IN', ['ESTABLISHED_BY']),
    governs: (e, _a, ctx) => related(e, ctx, 'OUT', ['GOVERNS']),
    mandates: (e, _a, ctx) => related(e, ctx, 'OUT', ['MANDATES']),
  }),
  Agreement: typed({
    date: (e) => prop<string>(e, 'date'),
    parties: (e, _a, ctx) => related(e, ctx, 'IN', ['PARTY_TO']),
    implementedBy: (e, _a, ctx) => related(e, ctx, 'IN', ['IMPLEMENTS']),
  }),
  Policy: typed({
    date: (e) => prop<string>(e, 'date'),
    issuedBy: (e, _a, ctx) => related(e, ctx, 'OUT', ['ISSUED_BY']),
    mandates: (e, _a, ctx) => related(e, ctx, 'OUT', ['MANDATES']),
    promotes: (e, _a, ctx) => related(e, ctx, 'OUT', ['PROMOTES']),
    about: (e, _a, ctx) => related(e, ctx, 'OUT', ['ABOUT']),
  }),
  Activity: typed({
    fundedBy: (e, _a, ctx) => related(e, ctx, 'OUT', ['FUNDED_BY']),
    conductedBy: (e, _a, ctx) => related(e, ctx, 'OUT', ['CONDUCTED_BY']),
    partOf: (e, _a, ctx) => related(e, ctx, 'OUT', ['PART_OF']),
    usedBy: (e, _a, ctx) => related(e, ctx, 'IN', ['USES_DATA']),
  }),
  Place: typed({
    statistics: (e, _a, ctx) => related(e, ctx, 'IN', ['MEASURES']),
    agreements: (e, _a, ctx) => related(e, ctx, 'OUT', ['PARTY_TO']),
  }),
  Statistic: typed({
    value: (e) => prop<number>(e, 'value'),
    unit: (e) => prop<string>(e, 'unit'),
    printed: (e) => prop<string>(e, 'printed'),
    year: (e) => prop<number>(e, 'year'),
    measures: (e, _a, ctx) => related(e, ctx, 'OUT', ['MEASURES']),
  }),
  Recommendation: typed({
    statement: (e) => prop<string>(e, 'statement') ?? e.name,
    about: (e, _a, ctx) => related(e, ctx, 'OUT', ['ABOUT']),
    basedOn: (e, _a, ctx) => related(e, ctx, 'OUT', ['SUPPORTED_BY']),
  }),
  Finding: typed({
    statement: (e) => prop<string>(e, 'statement') ?? e.name,
    origin: (e) => prop<string>(e, 'origin'),
    evidence: (e) => e.evidence,
    citations: (e, _a, ctx) => related(e, ctx, 'OUT', ['SUPPORTED_BY']),
    about: (e, _a, ctx) => related(e, ctx, 'OUT', ['ABOUT']),
    datasets: async (e, _a, ctx) => {
      const sources = await related(e, ctx, 'OUT', ['SUPPORTED_BY']);
      const direct = sources.filter((s) => s.type === 'Dataset');
      const used = await Promise.all(sources.filter((s) => s.type === 'Study').map((s) => related(s, ctx, 'OUT', ['USES_DATA'])));
      return [...new Map([...direct, ...used.flat()].map((d) => [d.id, d])).values()];
    },
  }),
  Relation: {
    source: (r: Relation, _a: Args, ctx: Context) => ctx.loaders.entity.load(r.source),
    target: (r: Relation, _a: Args, ctx: Context) => ctx.loaders.entity.load(r.target),
  },
  Evidence: {
    passage: (e: Evidence, _a: Args, ctx: Context) => ctx.loaders.passage.load(e.passageId),
  },
  Mention: {
    entity: (m: Mention, _a: Args, ctx: Context) => ctx.loaders.entity.load(m.entityId),
    passage: (m: Mention, _a: Args, ctx: Context) => ctx.loaders.passage.load(m.passageId),
  },
  Passage: {
    mentions: (p: Passage, _a: Args, ctx: Context) => ctx.loaders.mentionsIn.load(p.id),
    citations: async (p: Passage, _a: Args, ctx: Context) => {
      const cites: Citation[] = await ctx.loaders.citationsIn.load(p.id);
      const studies = await ctx.loaders.entity.loadMany([...new Set(cites.map((c) => c.studyId))]);
      return studies.filter((s) => s && !(s instanceof Error));
    },
    previous: (p: Passage, _a: Args, ctx: Context) => (p.order > 0 ? ctx.loaders.passageAt.load({ documentId: p.documentId, order: p.order - 1 }) : null),
    next: (p: Passage, _a: Args, ctx: Context) => ctx.loaders.passageAt.load({ documentId: p.documentId, order: p.order + 1 }),
    leadIn: (p: Passage, _a: Args, ctx: Context) => (p.leadInId ? ctx.loaders.passage.load(p.leadInId) : null),
    notes: async (p: Passage, _a: Args, ctx: Context) => (await ctx.loaders.passage.loadMany(p.noteIds)).filter((x) => x && !(x instanceof Error)),
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
    passages: async (s: { passageIds: string[] }, _a: Args, ctx: Context) => (await ctx.loaders.passage.loadMany(s.passageIds)).filter((x) => x && !(x instanceof Error)),
  },
  Query: {
    search: async (_: unknown, a: Args, ctx: Context) =>
      ctx.store.search(text(a.query as string, 'query'), entityTypes(a.types as string[] | null), intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 20)),
    entity: (_: unknown, a: Args, ctx: Context) => ctx.loaders.entity.load(id(a.id as string, 'id')),
    entitiesById: (_: unknown, a: Args, ctx: Context) => ctx.loaders.entity.loadMany(ids(a.ids as string[], 'ids')),
    entities: (_: unknown, a: Args, ctx: Context) => {
      const type = a.type === null || a.type === undefined ? null : entityTypes([a.type as string], 'type')![0]!;
      return ctx.store.listEntities(type, intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100), intIn(a.offset as number, 'offset', 0, 1e6, 0));
    },
    neighborhood: async (_: unknown, a: Args, ctx: Context) => {
      const start = ids(a.ids as string[], 'ids');
      const sub = await ctx.store.neighborhood(
        start,
        intIn(a.depth as number, 'depth', 0, LIMITS.maxDepth, 1),
        relationTypes(a.relationTypes as string[] | null),
        entityTypes(a.entityTypes as string[] | null, 'entityTypes'),
        intIn(a.limit as number, 'limit', 1, LIMITS.maxNeighborhood, 200),
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
      const found = await ctx.store.path(from, to, intIn(a.maxLength as number, 'maxLength', 1, LIMITS.maxPathLength, 4), relationTypes(a.relationTypes as string[] | null));
      if (found) primeEntities(ctx, found.nodes);
      // No path: say so, or say which end does not exist.
      else await assertKnown(ctx, [from, to]);
      return found;
    },
    passage: (_: unknown, a: Args, ctx: Context) => ctx.loaders.passage.load(id(a.id as string, 'id')),
    passages: (_: unknown, a: Args, ctx: Context) => ctx.store.searchPassages(text(a.query as string, 'query'), intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 20)),
    findings: (_: unknown, a: Args, ctx: Context) =>
      ctx.store.findings(a.about ? id(a.about as string, 'about') : null, intIn(a.limit as number, 'limit', 0, LIMITS.maxLimit, 100)),
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
