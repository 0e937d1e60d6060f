/**
 * GraphiQL, served from this server: its scripts, styles and workers come inline from the
 * installed `@graphql-yoga/render-graphiql`, so the page loads nothing from a CDN (Yoga's own page
 * loaded its scripts from unpkg.com, with no integrity check, on the API's origin: whoever
 * controlled that path ran script with the API's same-origin rights).
 *
 * The page is about 9 MB: it is rendered and compressed once and every answer writes the same
 * bytes, so a thousand slow readers hold one copy, not a thousand.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipAsync } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const TITLE = 'Policy report graph: GraphQL';

/**
 * The page's scripts and styles are inline, and Monaco's workers start from blob: URLs; it talks
 * to this server only and is framed by no other site.
 */
const GRAPHIQL_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const gzip = promisify(gzipAsync);

let page: Promise<{ plain: Buffer; gzip: Buffer; etag: string }> | null = null;

/** The page, rendered at the first request; compressed off the event loop (a quarter of a second's work). */
function rendered(): Promise<{ plain: Buffer; gzip: Buffer; etag: string }> {
  page ??= (async () => {
    const plain = Buffer.from(renderGraphiQL({ title: TITLE }));
    return { plain, gzip: await gzip(plain), etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"` };
  })();
  return page;
}

/** Whether a request asks for GraphiQL: a browser's GET of the endpoint, wanting HTML. */
export function wantsGraphiQL(req: IncomingMessage): boolean {
  return req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html');
}

export async function serveGraphiQL(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { plain, gzip: zippedBytes, etag } = await rendered();
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'content-security-policy': GRAPHIQL_CSP,
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-cache',
    etag,
    vary: 'accept, accept-encoding',
  };
  // Split and trimmed without a regular expression: /\s*,\s*/ took time quadratic in a run of
  // spaces, and a 16 KB header of them held the event loop for seconds.
  if (String(req.headers['if-none-match'] ?? '').split(',').some((tag) => tag.trim() === etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const zipped = acceptsGzip(String(req.headers['accept-encoding'] ?? ''));
  const body = zipped ? zippedBytes : plain;
  res.writeHead(200, { ...headers, ...(zipped ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(body);
}

/** Whether an Accept-Encoding header takes gzip (named or `*`, at a weight above 0). */
function acceptsGzip(header: string): boolean {
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q) > 0);
  });
}
