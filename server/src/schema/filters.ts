/**
 * GraphQL filter and order arguments turned into the store's EntityFilter and EntityOrder, each
 * value checked (BAD_USER_INPUT names the argument) and every id they name looked up (NOT_FOUND
 * names the unknown ones), so a filter on a misspelt id says so instead of matching nothing.
 */
import type { Context } from '../context';
import type { Direction, EntityFilter, EntityOrder, EntityOrderField, RelationFilter } from '../store/GraphStore';
import { badInput, entityTypes, id, intIn, LIMITS, notFound, relationTypes, searchPhrase, text } from './args';

const ORDER_FIELDS: Record<string, EntityOrderField> = { NAME: 'NAME', MENTION_COUNT: 'MENTIONS', DEGREE: 'DEGREE', FIRST_MENTION: 'FIRST_MENTION', ID: 'ID' };

/** The GraphQL FindingOrigin values and the origins the graph records. */
export const FINDING_ORIGINS: Record<string, string> = { IPPMD: 'ippmd', LITERATURE: 'literature', REPORT: 'report' };

export function entityOrder(value: unknown, name = 'orderBy'): EntityOrder[] {
  if (value === null || value === undefined) return [];
  const list = value as { field: string; direction?: 'ASC' | 'DESC' | null }[];
  if (list.length > 5) throw badInput(`${name} takes at most 5 sort keys`, name);
  return list.map((o) => ({ field: ORDER_FIELDS[o.field]!, direction: o.direction ?? 'ASC' }));
}

interface WhereArg {
  types?: string[] | null;
  nameContains?: string | null;
  nameMatches?: string | null;
  document?: string | null;
  hasRelation?: { types?: string[] | null; direction?: Direction | null; to?: string | null }[] | null;
  mentionCountAtLeast?: number | null;
}

/** The store filter for an EntityWhere (null: every entity). */
export function entityFilter(value: unknown, name = 'where'): EntityFilter {
  if (value === null || value === undefined) return {};
  const w = value as WhereArg;
  const conditions = w.hasRelation ?? null;
  if (conditions && conditions.length > LIMITS.maxConditions) throw badInput(`${name}.hasRelation takes at most ${LIMITS.maxConditions} conditions`, `${name}.hasRelation`);
  return {
    types: entityTypes(w.types, `${name}.types`),
    nameContains: w.nameContains == null ? null : text(w.nameContains, `${name}.nameContains`),
    nameMatches: w.nameMatches == null ? null : searchPhrase(w.nameMatches, `${name}.nameMatches`),
    document: w.document == null ? null : id(w.document, `${name}.document`),
    relations: conditions?.map(
      (c): RelationFilter => ({ types: relationTypes(c.types, `${name}.hasRelation.types`), direction: c.direction ?? 'BOTH', to: c.to == null ? null : id(c.to, `${name}.hasRelation.to`) }),
    ),
    minMentions: w.mentionCountAtLeast == null ? null : intIn(w.mentionCountAtLeast, `${name}.mentionCountAtLeast`, 0, 1e9, 0),
  };
}

/** Throws NOT_FOUND naming every id that is not an entity. */
export async function assertKnown(ctx: Context, list: string[], what = 'entity id'): Promise<void> {
  if (!list.length) return;
  const known = await ctx.loaders.entity.loadMany(list);
  // A store that failed is not an unknown id: its error goes on.
  for (const k of known) if (k instanceof Error) throw k;
  const missing = list.filter((_x, i) => !known[i]);
  if (missing.length) throw notFound(`unknown ${what} ${missing.map((m) => JSON.stringify(m.slice(0, 80))).join(', ')}; ids look like "ministry:molvt" (see Node)`);
}

/** Checks that the entities and the document a filter names exist (NOT_FOUND otherwise). */
export async function assertFilterKnown(ctx: Context, filter: EntityFilter): Promise<void> {
  const ids = (filter.relations ?? []).flatMap((r) => (r.to ? [r.to] : []));
  const checks: Promise<void>[] = [assertKnown(ctx, [...new Set(ids)])];
  if (filter.document) {
    checks.push(
      ctx.store.documents().then((docs) => {
        if (!docs.some((d) => d.id === filter.document)) throw notFound(`unknown document id ${JSON.stringify(filter.document!.slice(0, 80))}; known: ${docs.map((d) => d.id).join(', ')}`);
      }),
    );
  }
  await Promise.all(checks);
}
