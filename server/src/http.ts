/**
 * The HTTP edge: request targets read without throwing, the same-origin and CORS policy, the
 * cross-site request check, JSON answers and the built explorer's files. Nothing here trusts
 * what a client sends: a target, header or encoding that cannot be read is a 400, never an
 * exception.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const CLIENT_DIST = new URL('../../client/dist/', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.ico': 'image/x-icon' };

/**
 * The path of a request target, still percent-encoded, or null when the target is not one a
 * browser or client sends: origin-form (`/a/b?c`) or absolute-form (`http://host/a`). `//`,
 * `///x`, `*` and the like get null.
 */
export function requestPath(target: string | undefined): string | null {
  if (!target) return null;
  if (target.startsWith('/') && !target.startsWith('//')) {
    const q = target.search(/[?#]/);
    return q < 0 ? target : target.slice(0, q);
  }
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target).pathname;
    } catch {
      return null;
    }
  }
  return null;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

export function errorBody(message: string, code: string): unknown {
  return { errors: [{ message, extensions: { code } }] };
}

/** Headers a browser needs before it lets another origin send or read (see corsHeaders). */
const ALLOWED_HEADERS = 'content-type, accept, graphql-preflight, x-graphql-csrf, apollo-require-preflight';

export interface OriginPolicy {
  /** Origins other than the server's own that may call the API from a browser (exact `scheme://host[:port]`). */
  allowed: ReadonlySet<string>;
}

/**
 * Whether a request's Origin (when a browser sent one) may use the API: the server's own origin
 * (same host as the Host header) or one listed. `null` and any other origin may not.
 */
export function originAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (policy.allowed.has(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  return origin === `http://${host}` || origin === `https://${host}`;
}

/**
 * Whether the server answers to the name in a request's Host header: localhost (and names under
 * .localhost), an IP address, or a name listed (`*` in the list: any). A browser page whose own
 * site name an attacker points at this server's address (DNS rebinding) is same-origin with it
 * in the browser's eyes, and sends that name as Host: without this, such a page could read and
 * flood a server on a private network from a visitor's browser. No Host (HTTP/1.0) is no browser.
 */
export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (host === undefined || host.trim() === '' || allowed.has('*')) return true;
  const h = host.trim().toLowerCase();
  if (/^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h)) return true;
  const name = h.replace(/:\d{1,5}$/, '').replace(/\.$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return true;
  return name === 'localhost' || name.endsWith('.localhost') || allowed.has(name);
}

/** CORS headers for a listed cross-origin caller; none for anyone else. No credentials: the API has none. */
export function corsHeaders(req: IncomingMessage, policy: OriginPolicy): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !policy.allowed.has(origin)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/**
 * A request a browser could send cross-site without asking first (no preflight): a GET, or a
 * POST with a form or text content type. Such a request runs no operation unless it carries a
 * header no simple request can set (`GraphQL-Preflight`, `X-GraphQL-CSRF` or
 * `Apollo-Require-Preflight`) — the CSRF prevention of GraphQL servers.
 */
export function crossSiteUnsafe(req: IncomingMessage, hasOperation: boolean): boolean {
  if (!hasOperation) return false;
  const h = req.headers;
  if (h['graphql-preflight'] !== undefined || h['x-graphql-csrf'] !== undefined || h['apollo-require-preflight'] !== undefined) return false;
  if (req.method === 'GET') return true;
  const type = String(h['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return req.method === 'POST' && (type === '' || type === 'text/plain' || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data');
}

/**
 * Whether a GET to /graphql may run an operation (rather than ask for GraphiQL): any parameter
 * at all. Parameter names reach the GraphQL server decoded (`%71uery` is `query`), so matching
 * names as sent would let an encoded one through; GraphiQL itself is asked for with none.
 */
export function getRunsOperation(target: string): boolean {
  const q = target.indexOf('?');
  return q >= 0 && target.length > q + 1;
}

/**
 * The parameter of a GET operation whose JSON cannot be read (`variables` or `extensions`), or
 * null: such a request is the client's mistake (400), where the GraphQL server would fail on it.
 */
export function malformedJsonParam(target: string): string | null {
  const q = target.indexOf('?');
  if (q < 0) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(target.slice(q + 1));
  } catch {
    return 'query string';
  }
  for (const name of ['variables', 'extensions']) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return name;
    } catch {
      return name;
    }
  }
  return null;
}

const EXPLORER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The built explorer: a file under client/dist, or index.html for the app's own routes. */
export function serveStatic(encodedPath: string, res: ServerResponse): void {
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return json(res, 400, errorBody('the request path is not valid percent-encoding', 'BAD_REQUEST'));
  }
  if (path.includes('\0')) return json(res, 400, errorBody('the request path holds a NUL character', 'BAD_REQUEST'));
  const index = join(CLIENT_DIST, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>Policy report graph</title><p>The explorer is not built. The GraphQL API and GraphiQL are at <a href="/graphql">/graphql</a>.</p>');
    return;
  }
  const target = normalize(join(CLIENT_DIST, path));
  const file = target.startsWith(CLIENT_DIST) && existsSync(target) && statSync(target).isFile() ? target : index;
  // Built assets carry a hash of their content in their name: they never change under it.
  const immutable = file.startsWith(join(CLIENT_DIST, 'assets'));
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // The explorer runs its own scripts only, talks to its own server only, and is framed by no
    // other site (no clickjacking).
    'content-security-policy': EXPLORER_CSP,
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(fileBytes(file));
}

/**
 * The explorer's files, read once and kept (read again if the file changes): every answer
 * writes the same bytes, so a thousand slow readers of a large file hold one copy, not a
 * thousand, and no request reads the disk on the event loop.
 */
const files = new Map<string, { mtimeMs: number; size: number; bytes: Buffer }>();
export function fileBytes(file: string): Buffer {
  const st = statSync(file);
  const known = files.get(file);
  if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.bytes;
  const bytes = readFileSync(file);
  files.set(file, { mtimeMs: st.mtimeMs, size: st.size, bytes });
  return bytes;
}

/**
 * Who asks, for shares of what is handed out in turns (the store's planner): the network a
 * client's address belongs to, an IPv4 /24 or an IPv6 /64, not the address itself. One machine
 * holds many addresses of its network (an IPv6 host has a /64; a cloud host, many IPv4 of its
 * /24): a stream of requests each from a new address counted as that many clients, each new, and
 * went ahead of everyone.
 */
export function clientOf(address: string | undefined): string | undefined {
  if (!address) return address;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const [head, tail] = bare.includes('::') ? (bare.split('::') as [string, string]) : [bare, null];
  const left = head ? head.split(':') : [];
  const right = tail === null ? [] : tail ? tail.split(':') : [];
  const groups = tail === null ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8) return address;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
