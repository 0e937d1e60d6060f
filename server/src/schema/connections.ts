/**
 * Relay connections over the store's offset pages. A cursor is the item's position in its list,
 * made opaque (base64url of `c:<position>`): the lists are fixed orders over a graph that does
 * not change while one bundle version is served, so a position names the same item on every
 * request. Each page is read one item longer than asked, which tells whether another follows.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { badInput, intIn, LIMITS } from './args';
import { selectedFields } from './lookahead';

const PREFIX = 'c:';

export const encodeCursor = (position: number) => Buffer.from(`${PREFIX}${position}`).toString('base64url');

/** The position after which a page starts (0 without a cursor); BAD_USER_INPUT for a cursor this API did not give out. */
export function decodeCursor(after: unknown, name = 'after'): number {
  if (after === null || after === undefined) return 0;
  const text = typeof after === 'string' && after.length <= 64 ? Buffer.from(after, 'base64url').toString('utf8') : '';
  const position = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isInteger(position) || position < 0 || position > LIMITS.maxOffset) {
    throw badInput(`${name} is not a cursor this API gave out; pass an edge's cursor or pageInfo.endCursor unchanged`, name);
  }
  return position + 1;
}

/** Page size and start from `first` and `after`. */
export function pageArgs(a: Record<string, unknown>, fallback: number): { first: number; offset: number } {
  return { first: intIn(a.first as number, 'first', 0, LIMITS.maxLimit, fallback), offset: decodeCursor(a.after) };
}

/** Whether the operation asks a connection for its totalCount. */
export const wantsTotal = (info: GraphQLResolveInfo) => selectedFields(info).some(({ node }) => node.name.value === 'totalCount');

export interface Connection<T> {
  edges: ({ cursor: string; node: T } & Record<string, unknown>)[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Null when the operation did not select it (it is then never resolved). */
  totalCount: number | null;
}

/**
 * A connection from one page read with one extra item (`items` holds up to first + 1). `total`
 * answers totalCount, read only when the operation selects it (see wantsTotal). `extra` adds
 * fields to an edge (a search hit's score).
 */
export function connection<T>(items: readonly T[], first: number, offset: number, total: number | null, extra?: (item: T) => Record<string, unknown>): Connection<T> {
  const page = items.slice(0, first);
  const edges = page.map((node, i) => ({ ...extra?.(node), cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: items.length > first,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
  };
}
