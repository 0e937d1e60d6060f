/**
 * Error messages never quote what a client sent: graphql-js puts the offending value into its
 * coercion and syntax messages ('Variable "$id" got invalid value "<script>…"'), and a message
 * that repeats a request is a reflection vector. Quoted text stays only when it is a name the
 * schema defines (a type, field, argument or enum value) or a variable's name; anything else is
 * replaced by "…". Unquoted values after "got invalid value" and "found" go the same way.
 */
import type { GraphQLEnumType, GraphQLError, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { kindOf } from './schema/cost';

export function schemaNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    names.add(type.name);
    const kind = kindOf(type);
    if (kind === 'GraphQLObjectType' || kind === 'GraphQLInterfaceType') {
      for (const f of Object.values((type as GraphQLObjectType | GraphQLInterfaceType).getFields())) {
        names.add(f.name);
        for (const a of f.args) names.add(a.name);
      }
    } else if (kind === 'GraphQLInputObjectType') {
      for (const f of Object.values((type as GraphQLInputObjectType).getFields())) names.add(f.name);
    } else if (kind === 'GraphQLEnumType') {
      for (const v of (type as GraphQLEnumType).getValues()) names.add(v.name);
    }
  }
  for (const d of schema.getDirectives()) names.add(d.name);
  // The request's own parameters, named in messages about their shape.
  for (const p of ['query', 'variables', 'operationName', 'extensions']) names.add(p);
  return names;
}

const MAX_MESSAGE = 400;

/** Most strings of a request's variables looked for in its messages. */
const MAX_SENT = 10_000;

/**
 * The strings a request sent, in its variables (object keys and string values) and as its
 * operation's string literals (graphql-js prints a block string over lines its quoting rules do
 * not follow), that are not names of the schema, longest first, each as sent and as JSON escapes it, indexed by their first three
 * characters. graphql-js quotes keys and input field names raw, so one holding a quote mark
 * would pair the quotes of a message wrongly and leave part of itself outside them; these are
 * removed first, whatever their quoting.
 */
export interface SentStrings {
  byPrefix: Map<string, string[]>;
}

export function sentStrings(variables: unknown, known: ReadonlySet<string>, query?: string): SentStrings {
  const out = new Set<string>();
  // The operation's own string literals, block strings' lines among them, as written.
  if (typeof query === 'string') {
    let n = 0;
    for (const m of query.matchAll(/"""([\s\S]*?)"""|"((?:[^"\\\n]|\\.)*)"/g)) {
      if (++n > MAX_SENT) break;
      const body = m[1] ?? m[2] ?? '';
      out.add(body);
      for (const line of body.split('\n')) out.add(line.trim());
    }
  }
  const stack: unknown[] = [variables];
  let seen = 0;
  while (stack.length && seen < MAX_SENT) {
    const v = stack.pop();
    seen++;
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) stack.push(...v.slice(0, MAX_SENT));
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v).slice(0, MAX_SENT)) (out.add(k), stack.push(child));
  }
  const byPrefix = new Map<string, string[]>();
  for (const t of [...out].filter((x) => x.length >= 3 && !known.has(x)).sort((a, b) => b.length - a.length)) {
    for (const form of new Set([t, JSON.stringify(t).slice(1, -1)])) {
      const key = form.slice(0, 3);
      byPrefix.set(key, [...(byPrefix.get(key) ?? []), form]);
    }
  }
  return { byPrefix };
}

const NOTHING_SENT: SentStrings = { byPrefix: new Map() };

/**
 * The message with every sent string it holds replaced by "…": only strings whose first three
 * characters occur in the message are looked for, so a message costs its own length in lookups,
 * not the number of strings sent (10,000 strings times a hundred errors took half a second).
 */
function withoutSent(message: string, sent: SentStrings): string {
  if (!sent.byPrefix.size) return message;
  const candidates = new Set<string>();
  for (let i = 0; i + 3 <= message.length; i++) for (const form of sent.byPrefix.get(message.slice(i, i + 3)) ?? []) candidates.add(form);
  for (const form of [...candidates].sort((a, b) => b.length - a.length)) if (message.includes(form)) message = message.split(form).join('…');
  return message;
}

export function redactMessage(message: string, known: ReadonlySet<string>, sent: SentStrings = NOTHING_SENT): string {
  // A syntax error names the offending token decoded, between quote marks it does not escape
  // ('found String "a" <img …>"'): nothing from its first quote mark on is kept.
  if (message.startsWith('Syntax Error:')) {
    const quote = message.indexOf('"');
    return quote < 0 ? message.slice(0, MAX_MESSAGE) : `${message.slice(0, quote).trimEnd()} …`;
  }
  message = withoutSent(message, sent);
  let out = message
    // 'got invalid value <anything up to "; " or the end>'
    .replace(/(got invalid value) [^;]*?(;|$)/g, '$1$2')
    .replace(/(has invalid value|found) (?:[A-Za-z]+ )?"(?:[^"\\]|\\.)*"/g, '$1 a value')
    // 'Expected value of type "EntityWhere", found ZQX.': a literal printed unquoted (names,
    // lists, objects) is the request's too. Up to the end of the message, not of its line: a
    // block string prints over several.
    .replace(/(, found )(?!a value\b|<EOF>)(.+?)(\.?)$/s, '$1a value$3')
    .replace(/((?:cannot represent|represent)[^:]*value): .*?(\.?)$/s, '$1$2')
    // A type is named with its list and non-null marks ("[EntityType!]").
    .replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => (known.has(inner.replace(/[[\]!]/g, '')) || /^\$[_A-Za-z][_0-9A-Za-z]*$/.test(inner) ? whole : '"…"'));
  if (out.length > MAX_MESSAGE) out = `${out.slice(0, MAX_MESSAGE)}…`;
  return out;
}

/**
 * One error of an answer, as sent: message redacted and no originalError, made with Yoga's own
 * factory so that its HTTP status still applies.
 */
export function redactError(error: GraphQLError, known: ReadonlySet<string>, sent: SentStrings = NOTHING_SENT): GraphQLError {
  const { originalError: _dropped, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  const message = redactMessage(String(error.message ?? ''), known, sent);
  if (message === error.message && !('originalError' in (error.extensions ?? {})) && !error.originalError) return error;
  return createGraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions }) as unknown as GraphQLError;
}

/** Every answer's errors redacted (see redactMessage), whichever stage raised them. */
export function useRedactedErrors(known: ReadonlySet<string>): Plugin {
  /** Each request's variables and operation text, as sent. */
  const variables = new WeakMap<Request, { variables: unknown; query: unknown }>();
  const redactResult = (r: unknown, sent: () => SentStrings): unknown => {
    if (!r || typeof r !== 'object' || !Array.isArray((r as { errors?: unknown }).errors) || !(r as { errors: unknown[] }).errors.length) return r;
    const result = r as { errors: GraphQLError[] };
    const strings = sent();
    return { ...result, errors: result.errors.map((e) => redactError(e, known, strings)) };
  };
  return {
    onParams({ params, request }) {
      variables.set(request, { variables: params.variables, query: params.query });
    },
    onResultProcess({ request, result, setResult }) {
      let strings: SentStrings | undefined;
      const sent = () => {
        const given = variables.get(request);
        return (strings ??= sentStrings(given?.variables, known, typeof given?.query === 'string' ? given.query : undefined));
      };
      if (Array.isArray(result)) setResult(result.map((r) => redactResult(r, sent)) as typeof result);
      else if (result && typeof result === 'object' && !(Symbol.asyncIterator in result)) setResult(redactResult(result, sent) as typeof result);
    },
  };
}
