/**
 * Argument checks shared by the resolvers: limits within bounds, known enum-like values, sane
 * string lengths. A bad argument is a BAD_USER_INPUT error that says what is allowed.
 */
import { GraphQLError } from 'graphql';
import { ENTITY_TYPES, RELATION_TYPES } from '../../../graph-seed/src/model/ontology';
import { MAX_SEARCH_WORDS, MAX_TERMS, termsOf } from '../store/ranking';

export const LIMITS = {
  /** Largest page of any list argument. */
  maxLimit: 1000,
  /** Largest neighbourhood, in nodes. */
  maxNeighborhood: 5000,
  maxDepth: 3,
  maxPathLength: 8,
  maxIds: 200,
  maxQueryLength: 500,
  /** Furthest position a cursor or an offset may name. */
  maxOffset: 1_000_000,
  /** Most relation conditions in one filter. */
  maxConditions: 10,
} as const;

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function intIn(value: number | null | undefined, name: string, min: number, max: number, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw badInput(`${name} must be an integer from ${min} to ${max}; got ${v}`, name);
  return v;
}

export function text(value: string, name: string, { allowEmpty = false } = {}): string {
  if (value.length > LIMITS.maxQueryLength) throw badInput(`${name} is longer than ${LIMITS.maxQueryLength} characters`, name);
  const t = value.trim();
  if (!allowEmpty && !t) throw badInput(`${name} must not be empty`, name);
  return t;
}

/**
 * A search phrase: text() within its length, and at most MAX_TERMS distinct terms and
 * MAX_SEARCH_WORDS in all once folded (each is looked up, with its prefixes and typos, on its
 * own; a phrase of hundreds of short words held the event loop for a quarter of a second).
 */
export function searchPhrase(value: string, name: string): string {
  const t = text(value, name);
  const terms = termsOf(t);
  const distinct = new Set(terms).size;
  if (distinct > MAX_TERMS) throw badInput(`${name} has ${distinct} distinct words; a search takes at most ${MAX_TERMS}`, name);
  // Each word is looked up as often as it is written ("a a a ...": 250 prefix lookups of "a").
  if (terms.length > MAX_SEARCH_WORDS) throw badInput(`${name} has ${terms.length} words; a search takes at most ${MAX_SEARCH_WORDS}`, name);
  return t;
}

export function entityTypes(values: readonly string[] | null | undefined, name = 'types'): string[] | null {
  if (!values) return null;
  const unknown = values.filter((v) => !(ENTITY_TYPES as readonly string[]).includes(v));
  if (unknown.length) throw badInput(`unknown entity type ${unknown.map((u) => JSON.stringify(u.slice(0, 40))).join(', ')}; known: ${ENTITY_TYPES.join(', ')}`, name);
  return [...values];
}

export function relationTypes(values: readonly string[] | null | undefined, name = 'relationTypes'): string[] | null {
  if (!values) return null;
  const unknown = values.filter((v) => !(RELATION_TYPES as readonly string[]).includes(v));
  if (unknown.length) throw badInput(`unknown relation type ${unknown.map((u) => JSON.stringify(u.slice(0, 40))).join(', ')}; known: ${RELATION_TYPES.join(', ')}`, name);
  return [...values];
}

export function ids(values: readonly string[], name: string): string[] {
  if (values.length > LIMITS.maxIds) throw badInput(`${name} may hold at most ${LIMITS.maxIds} ids`, name);
  for (const v of values) if (v.length > 200) throw badInput(`${name} holds an id longer than 200 characters`, name);
  return [...values];
}

export function id(value: string, name: string): string {
  if (value.length > 200) throw badInput(`${name} is longer than 200 characters`, name);
  return value;
}
