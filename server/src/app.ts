/**
 * The HTTP app: /graphql (GraphiQL on GET), /healthz, /readyz and the built explorer at /.
 * Read-only schema, GraphQL Armor limits, bodies over 2 MB refused, unexpected errors masked
 * for clients and logged in full.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import { createContext, type Context } from './context';
import type { Logger } from './log';
import { buildSchema } from './schema';
import { StoreUnavailableError, type GraphStore } from './store/GraphStore';

export const REQUEST_LIMITS = {
  maxBodyBytes: 2 * 1024 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
  costLimit: 20000,
} as const;

const CLIENT_DIST = new URL('../../client/dist/', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.ico': 'image/x-icon' };

export interface App {
  server: Server;
  /** Stops taking requests, lets in-flight ones finish, closes the store. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Time budget of one GraphQL operation, in ms. */
  queryTimeoutMs?: number;
}

export function createApp(store: GraphStore, log: Logger, options: AppOptions = {}): App {
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'Policy report graph: GraphQL' },
    landingPage: false,
    context: () => createContext(store, options.queryTimeoutMs ?? 10_000),
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: REQUEST_LIMITS.maxDepth },
        maxAliases: { n: REQUEST_LIMITS.maxAliases },
        maxTokens: { n: REQUEST_LIMITS.maxTokens },
        maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
        costLimit: { maxCost: REQUEST_LIMITS.costLimit },
        blockFieldSuggestion: { enabled: false },
      }),
    ],
    maskedErrors: {
      maskError(error, message, isDev) {
        // graphql may load twice (ESM and CJS), so errors are recognised by shape, not class.
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof StoreUnavailableError || (original as Error | undefined)?.name === 'StoreUnavailableError') {
          return new GraphQLError('the graph store is unavailable; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
        }
        if ((original as Error | undefined)?.name === 'QueryTimeoutError') {
          return new GraphQLError(`${(original as Error).message}; ask for less (smaller limit or depth)`, { extensions: { code: 'TIMEOUT' } });
        }
        if (isClientError(original)) return original as Error;
        if (!original && isClientError(error)) return error as Error;
        log.error('unexpected error while answering a query', { error: original ?? error });
        return maskError(error, message, isDev);
      },
    },
    logging: false,
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        try {
          await store.ping();
          const info = await store.info();
          return json(res, 200, { status: 'ready', backend: info.backend, bundleVersion: info.version });
        } catch (e) {
          return json(res, 503, { status: 'unavailable', reason: (e as Error).message });
        }
      }
      if (url.pathname === '/graphql') {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > REQUEST_LIMITS.maxBodyBytes) {
          res.setHeader('connection', 'close');
          return json(res, 413, { errors: [{ message: `request body over ${REQUEST_LIMITS.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        return yoga(req, res, { req, res });
      }
      return serveStatic(url.pathname, res);
    } catch (e) {
      log.error('request failed', { error: e, path: url.pathname });
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    }
  });

  return {
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => void store.close().then(resolve, resolve));
        server.closeIdleConnections();
      }),
  };
}

/** Errors the resolvers raise on purpose carry a code a client can act on. */
function isClientError(e: unknown): boolean {
  const code = (e as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return (e as Error | undefined)?.name === 'GraphQLError' && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function serveStatic(pathname: string, res: ServerResponse): void {
  const index = join(CLIENT_DIST, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>Policy report graph</title><p>The explorer is not built. The GraphQL API and GraphiQL are at <a href="/graphql">/graphql</a>.</p>');
    return;
  }
  const target = normalize(join(CLIENT_DIST, decodeURIComponent(pathname)));
  const file = target.startsWith(CLIENT_DIST) && existsSync(target) && statSync(target).isFile() ? target : index;
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}
