/**
 * A small GraphQL client over fetch: one POST per operation, errors carry the server's code.
 * The explorer's operations are persisted on the server (see operations.ts): each is sent as its
 * SHA-256 hash, and as text only when the server does not know the hash (or the browser cannot
 * hash outside a secure context). Operations built at run time (a preset's lists) are sent as
 * text at once: no server has their hash, and asking costs a round trip.
 */
import { EXPLORER_OPERATIONS } from './operations';

const PERSISTED = new Set(Object.values(EXPLORER_OPERATIONS));
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Body<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };

const hashes = new Map<string, Promise<string | null>>();

/** The operation's SHA-256 in hex, or null when the browser offers no digest here. */
function hashOf(query: string): Promise<string | null> {
  let hash = hashes.get(query);
  if (!hash) {
    const subtle = globalThis.crypto?.subtle;
    hash = subtle
      ? subtle.digest('SHA-256', new TextEncoder().encode(query)).then((d) => [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join(''), () => null)
      : Promise.resolve(null);
    hashes.set(query, hash);
  }
  return hash;
}

async function post<T>(payload: Record<string, unknown>, signal?: AbortSignal): Promise<{ res: Response; body: Body<T> }> {
  let res: Response;
  try {
    res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('The server cannot be reached. Check that it is running, then try again.', 'NETWORK');
  }
  try {
    return { res, body: await res.json() };
  } catch {
    throw new ApiError(`The server answered ${res.status} without a readable body.`, 'BAD_RESPONSE');
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const hash = PERSISTED.has(query) ? await hashOf(query) : null;
  let answer = hash ? await post<T>({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, signal) : null;
  if (!answer || answer.body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') answer = await post<T>({ query, variables }, signal);
  const { res, body } = answer;
  if (body.errors?.length) {
    const e = body.errors[0]!;
    const code = e.extensions?.code ?? 'ERROR';
    // Messages for people: the server's own name ids and fields the way a developer needs them
    // (and its echoes of the request are redacted to "...").
    const friendly =
      code === 'SERVICE_UNAVAILABLE' ? 'The graph database is not answering right now; try again in a moment.'
      : code === 'NOT_FOUND' ? 'Nothing in the graph has that id: the link may be out of date, or the entity was renamed. Search for it by name.'
      : code === 'BUSY' ? 'The server is busy; try again in a moment.'
      : code === 'TIMEOUT' ? 'That took too long to answer; try a smaller view.'
      : e.message;
    throw new ApiError(friendly, code);
  }
  if (!body.data) throw new ApiError(`The server answered ${res.status} with no data.`, 'BAD_RESPONSE');
  return body.data;
}
