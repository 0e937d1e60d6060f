/**
 * The HTTP app: /graphql (GraphiQL on GET), /healthz, /readyz and the built explorer at /.
 * Read-only schema, GraphQL Armor limits, bodies over 2 MB refused, unexpected errors masked
 * for clients and logged in full.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, GraphQLError, type DocumentNode } from 'graphql';
import { createGraphQLError, createYoga, maskError, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { createContext, type Context } from './context';
import type { Logger } from './log';
import { buildSchema } from './schema';
import { readsEntityContent, readsPassageContent, readsRelationContent } from './schema/lookahead';
import { LIGHT_ENTITY_FIELDS, LIGHT_RELATION_FIELDS } from './schema/resolvers';
import { StoreUnavailableError, type GraphStore } from './store/GraphStore';

/** net.Server#close: stops listening and leaves the open connections be. */
const netServerClose = NetServer.prototype.close;

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

/** Distinct operations whose parsed (and compiled) form is kept. */
const DOCUMENT_CACHE = 256;

export interface AppOptions {
  /** Time budget of one GraphQL operation, in ms. */
  queryTimeoutMs?: number;
  /** On close, how long connections are still accepted (and answered with connection: close) before the listener closes. */
  drainMs?: number;
}

/**
 * Each operation's context (store with the time budget, loaders), made once the operation is
 * parsed: one that reads nothing of a passage but its id gets loaders that read no passage along,
 * and one that asks entities or relations only for light fields gets them without properties and
 * evidence.
 */
function operationContext(store: GraphStore, budgetMs: number): Plugin<Context> {
  return {
    onExecute({ args, extendContext }) {
      extendContext(
        createContext(store, budgetMs, {
          passages: readsPassageContent(args.schema, args.document),
          entityContent: readsEntityContent(args.schema, args.document, LIGHT_ENTITY_FIELDS),
          relationContent: readsRelationContent(args.schema, args.document, LIGHT_RELATION_FIELDS),
        }),
      );
    },
  };
}

export function createApp(store: GraphStore, log: Logger, options: AppOptions = {}): App {
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    // Body size is checked before Yoga sees the request (below); Yoga's own check would pipe
    // every body through a counting stream.
    maxRequestBodySize: false,
    graphiql: { title: 'Policy report graph: GraphQL' },
    landingPage: false,
    // Parsed documents (and, with them, their compiled executors) are kept for the most recent
    // distinct operations only: clients send few, while a flood of one-off operations must not
    // hold memory.
    parserAndValidationCache: { documentCache: new LRUCache<string, DocumentNode>({ max: DOCUMENT_CACHE }), errorCache: new LRUCache<string, object>({ max: DOCUMENT_CACHE }) },
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: REQUEST_LIMITS.maxDepth },
        maxAliases: { n: REQUEST_LIMITS.maxAliases },
        maxTokens: { n: REQUEST_LIMITS.maxTokens },
        maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
        costLimit: { maxCost: REQUEST_LIMITS.costLimit },
        blockFieldSuggestion: { enabled: false },
      }),
      operationContext(store, options.queryTimeoutMs ?? 10_000),
      // Each validated operation is compiled once into a plain function (kept with the parsed
      // document, which Yoga caches), answering as graphql-js does at a fraction of its per-field cost.
      // Only queries: anything else gets graphql-js's own answer (this schema has no mutations).
      useGraphQlJit(
        {},
        {
          enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation === 'query',
          onError: (result) => log.error('cannot compile the operation', { errors: result.errors?.map((e) => e.message) }),
        },
      ),
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
        // GraphQL's own rejections (variable coercion, validation, the Armor limits) carry no
        // code of their own; they are the client's to fix, so they get one.
        const code = !original || (original as Error).name === 'GraphQLError' ? requestErrorCode(error) : null;
        if (code) return withCode(error as GraphQLError, code);
        log.error('unexpected error while answering a query', { error: original ?? error });
        return maskError(error, message, isDev);
      },
    },
    logging: false,
  });

  let closing = false;
  /** Open connections and whether a request is being answered on each (for a graceful close). */
  const sockets = new Map<Socket, { active: number; idleSweeps: number }>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // While shutting down, every answer is the last on its connection.
    if (closing) res.setHeader('connection', 'close');
    try {
      if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        if (closing) return json(res, 503, { status: 'shutting down' });
        try {
          await store.ping();
          const info = await store.info();
          return json(res, 200, { status: 'ready', backend: info.backend, bundleVersion: info.version });
        } catch (e) {
          return json(res, 503, { status: 'unavailable', reason: (e as Error).message });
        }
      }
      if (url.pathname === '/graphql') {
        // The body's size is known before it is read: a chunked body (no Content-Length) is refused,
        // so no stream needs counting on the way in.
        if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) {
          res.setHeader('connection', 'close');
          return json(res, 411, { errors: [{ message: 'send the operation with a Content-Length header (chunked bodies are not accepted)', extensions: { code: 'LENGTH_REQUIRED' } }] });
        }
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > REQUEST_LIMITS.maxBodyBytes) {
          res.setHeader('connection', 'close');
          return json(res, 413, { errors: [{ message: `request body over ${REQUEST_LIMITS.maxBodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        }
        const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (req.method === 'POST' && !['application/json', 'application/graphql-response+json', 'application/graphql'].includes(type)) {
          return json(res, 415, { errors: [{ message: `send the operation as application/json (got ${JSON.stringify(type.slice(0, 60) || 'no content type')})`, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
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

  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { active: 0, idleSweeps: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = sockets.get(req.socket);
    if (!state) return;
    state.active++;
    state.idleSweeps = 0;
    res.once('close', () => state.active--);
  });

  return {
    server,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        // First a short drain: /readyz says 503 so balancers stop sending, connections already
        // queued in the kernel get accepted (closing the listener would reset them) and every
        // answer ends its connection. Then stop accepting. Unlike http.Server#close, idle
        // connections are not dropped at once (one accepted while the process was busy may hold
        // a request not read yet): a connection closes once idle at two sweeps, each after a
        // poll phase; answers in progress end their own.
        setTimeout(() => {
          netServerClose.call(server, () => void store.close().then(resolve, resolve));
          const sweep = setInterval(() => setImmediate(() => {
            for (const [socket, state] of sockets) {
              if (state.active > 0) state.idleSweeps = 0;
              else if (++state.idleSweeps >= 2) socket.destroy();
            }
          }), 100);
          server.once('close', () => clearInterval(sweep));
        }, options.drainMs ?? 300);
      }),
  };
}

/** The code for a GraphQLError raised by parsing, validation or coercion, or null when it is none of those. */
function requestErrorCode(e: unknown): string | null {
  if ((e as Error | undefined)?.name !== 'GraphQLError') return null;
  const message = (e as Error).message;
  if (/Query Cost limit|Max depth|Aliases limit|Token limit|Directives limit|exceeded/i.test(message)) return 'QUERY_TOO_COMPLEX';
  if (/^Variable "\$|got invalid value|cannot represent/.test(message)) return 'BAD_USER_INPUT';
  if (/^Syntax Error/.test(message)) return 'GRAPHQL_PARSE_FAILED';
  if (/not configured to execute|Cannot query field|Unknown (argument|type|fragment|directive)|must have a selection|Fragment .* cycle|cannot spread|is required|Expected type|must not have a selection|Unknown operation|not defined|cannot be used|There can be only one|Must provide|operation/i.test(message)) return 'GRAPHQL_VALIDATION_FAILED';
  return null;
}

/**
 * Adds the code to the error itself: a new GraphQLError could come from the other copy of the
 * graphql module (ESM and CJS), which Yoga would not recognise and would answer with a 500.
 */
function withCode(e: GraphQLError, code: string): GraphQLError {
  const extensions = Object.getOwnPropertyDescriptor(e, 'extensions');
  if (e.extensions && Object.isExtensible(e.extensions)) {
    (e.extensions as Record<string, unknown>).code = code;
    return e;
  }
  // Errors from the compiled executor are frozen and carry no extensions: answer with a copy
  // made by Yoga's own factory, which uses the graphql module Yoga recognises.
  if (!extensions || extensions.writable || extensions.configurable) {
    Object.defineProperty(e, 'extensions', { value: { code }, enumerable: true, configurable: true, writable: true });
    return e;
  }
  return createGraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { code } }) as unknown as GraphQLError;
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
