/** A small GraphQL client over fetch: one POST per operation, errors carry the server's code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('The server cannot be reached. Check that it is running, then try again.', 'NETWORK');
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The server answered ${res.status} without a readable body.`, 'BAD_RESPONSE');
  }
  if (body.errors?.length) {
    const e = body.errors[0]!;
    const code = e.extensions?.code ?? 'ERROR';
    const friendly = code === 'SERVICE_UNAVAILABLE' ? 'The graph database is not answering right now; try again in a moment.' : e.message;
    throw new ApiError(friendly, code);
  }
  if (!body.data) throw new ApiError(`The server answered ${res.status} with no data.`, 'BAD_RESPONSE');
  return body.data;
}
