/**
 * The HTTP app: /graphql (GraphiQL on GET), /healthz, /readyz and the built explorer at /.
 * Read-only schema; GraphQL Armor's shape limits and this server's cost limit before execution,
 * a guard during it (limits.ts); bodies over 2 MB refused; same-origin unless CORS_ORIGINS lists
 * another; header, request and keep-alive timeouts and a connection cap; unexpected errors
 * masked for clients and logged in full, and no message quoting the request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type DocumentNode } from 'graphql';
import { createGraphQLError, createYoga, maskError, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { BodyReader, bodyOf } from './bodies';
import { createContext, type Context } from './context';
import { serveGraphiQL, wantsGraphiQL } from './graphiql';
import { hangUpSignal } from './hangup';
import { clientOf, corsHeaders, crossSiteUnsafe, errorBody, getRunsOperation, hostAllowed, json, malformedJsonParam, originAllowed, requestPath, serveStatic } from './http';
import { HeavyThread, type StoreSpec } from './heavy-thread';
import { DEFAULT_JIT_LIMITS, Jit, type JitLimits } from './jit';
import { clientGone, DEFAULT_OPERATION_LIMITS, guardSchema, useOperationLimits, useRepeatedFieldLimit, type OperationLimits } from './limits';
import type { Logger } from './log';
import { persistedOperations } from './persistedOperations';
import { schemaNames, useRedactedErrors } from './redact';
import { buildSchema } from './schema';
import { costBoundsFromBundles, STATIC_COST_BOUNDS } from './schema/cost-bounds';
import { introspectionBounds, type CostBounds } from './schema/cost';
import { readsEntityContent, readsPassageContent, readsRelationContent } from './schema/lookahead';
import { LIGHT_ENTITY_FIELDS, LIGHT_RELATION_FIELDS } from './schema/resolvers';
import { withBudget } from './store/budget';
import { QueryTimeoutError, RequestAbortedError, StoreUnavailableError, type GraphStore } from './store/GraphStore';
import { MemoryGraphStore } from './store/memory/MemoryGraphStore';
import { FairTurns, heldTurns } from './turns';
import { validationHints } from './validationHints';

/** net.Server#close: stops listening and leaves the open connections be. */
const netServerClose = NetServer.prototype.close;

export const REQUEST_LIMITS = {
  maxBodyBytes: 2 * 1024 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3000,
  maxDirectives: 20,
} as const;

/** HTTP-level limits: how long a client may take, and how many may be connected at once. */
export interface HttpLimits {
  /** Time to receive a request's headers, in ms. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included, in ms. */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open, in ms. */
  keepAliveTimeoutMs: number;
  /**
   * Most connections open at once. A newcomer past it closes the connection quiet longest among
   * those not being answered (see quietest); it is refused only when every one is being answered.
   */
  maxConnections: number;
  /**
   * Most requests a connection may have waiting behind the one being answered (HTTP/1.1
   * pipelining). Requests of one connection are answered one after another; a client that
   * sends more without reading its answers loses the connection.
   */
  maxPipelined: number;
  /**
   * Most answers held waiting for their clients to read them (each kept whole in memory, with
   * its result, until written out), over all connections. At it, an operation taking its turn
   * closes the connection whose client has taken nothing of its answer for longest.
   */
  maxUnreadAnswers: number;
  /**
   * Most GraphQL operations running at once (each holds its result and answer in memory); the
   * others wait their turn, turns going round the clients (a client is its network). Over the
   * memory store, 4 unless set.
   */
  maxOperationsInFlight: number;
  /**
   * Most bytes of request bodies still arriving, over all connections (by their declared
   * lengths). Past it, the client with most arriving loses its slowest body (see bodies.ts).
   */
  maxBodyBytesArriving: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024, maxPipelined: 32, maxUnreadAnswers: 8, maxOperationsInFlight: 16, maxBodyBytesArriving: 64 * 1024 * 1024 };

export interface App {
  server: Server;
  /** Stops taking requests, lets in-flight ones finish, closes the store. */
  close(): Promise<void>;
}

/** Distinct operations whose parsed (and compiled) form is kept. */
const DOCUMENT_CACHE = 256;
/**
 * Most characters of operation text kept with them: 256 one-off operations of 2 MB each (a long
 * string literal) held 2.5 GB, where the explorer's operations are a few hundred bytes each.
 */
const DOCUMENT_CACHE_CHARS = 8 * 2 ** 20;
const documentCacheOptions = { max: DOCUMENT_CACHE, maxSize: DOCUMENT_CACHE_CHARS, sizeCalculation: (_: unknown, key: string) => key.length + 1 };

export interface AppOptions {
  /** Time budget of one GraphQL operation, in ms. */
  queryTimeoutMs?: number;
  /** On close, how long connections are still accepted (and answered with connection: close) before the listener closes. */
  drainMs?: number;
  /** Sizes of the loaded graph's lists, for the cost of operations; read from a memory store's bundle when not given. */
  costBounds?: CostBounds;
  /** Cost and execution limits of operations. */
  operationLimits?: Partial<OperationLimits>;
  /** Timeouts and the connection cap. */
  httpLimits?: Partial<HttpLimits>;
  /** Origins other than the server's own allowed to call the API from a browser. */
  corsOrigins?: readonly string[];
  /** Host names answered besides localhost and IP addresses (`*`: any); see hostAllowed. */
  allowedHosts?: readonly string[];
  /** How a thread of heavy operations opens a store like this one; without it, they run here. */
  heavyThread?: StoreSpec;
  /** Compiled execution of repeated operations (jit.ts): its limits, or false for none. */
  jit?: Partial<JitLimits> | false;
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
      const { req, res } = args.contextValue as { req?: IncomingMessage; res?: ServerResponse };
      extendContext(
        createContext(
          store,
          budgetMs,
          {
            passages: readsPassageContent(args.schema, args.document),
            entityContent: readsEntityContent(args.schema, args.document, LIGHT_ENTITY_FIELDS),
            relationContent: readsRelationContent(args.schema, args.document, LIGHT_RELATION_FIELDS),
          },
          { signal: res ? hangUpSignal(res) : undefined, client: clientOf(req?.socket.remoteAddress) },
        ),
      );
    },
  };
}

export function createApp(store: GraphStore, log: Logger, options: AppOptions = {}): App {
  const schema = guardSchema(buildSchema());
  const known = schemaNames(schema);
  const bounds: CostBounds = {
    ...introspectionBounds(schema),
    ...(options.costBounds ?? (store instanceof MemoryGraphStore ? costBoundsFromBundles([store.bundle]) : STATIC_COST_BOUNDS)),
  };
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...options.operationLimits };
  const http: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.httpLimits };
  const origins = { allowed: new Set(options.corsOrigins ?? []) };
  const hosts = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  // The memory store's operations are work on this thread (a few at once keep both cores busy
  // and the event loop free between them); Neo4j's mostly wait for the database.
  const inFlight = options.httpLimits?.maxOperationsInFlight ?? (store instanceof MemoryGraphStore ? 4 : http.maxOperationsInFlight);
  const operations = new FairTurns(inFlight, http.maxConnections);
  const bodies = new BodyReader(http.maxBodyBytesArriving);
  const budgetMs = options.queryTimeoutMs ?? 10_000;
  const thread = options.heavyThread ? new HeavyThread(options.heavyThread, limits, log) : null;
  const jit = options.jit === false ? null : new Jit(schema, { ...DEFAULT_JIT_LIMITS, ...options.jit }, (ms, expanded) => log.debug('compiled a repeated operation', { ms: Math.round(ms), expanded }));
  // Started now so the first heavy operation does not wait; a failure is logged, and the next
  // heavy operation tries again.
  thread?.start().catch((e: Error) => log.error('the heavy-operation thread did not start', { error: e.message }));
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, Context>({
    schema,
    // CORS is answered below, before Yoga: same-origin unless an origin is listed.
    cors: false,
    graphqlEndpoint: '/graphql',
    // Body size is checked before Yoga sees the request (below); Yoga's own check would pipe
    // every body through a counting stream.
    maxRequestBodySize: false,
    // GraphiQL is served before Yoga (graphiql.ts), from this server rather than a CDN.
    graphiql: false,
    landingPage: false,
    // Parsed documents (and, with them, their compiled executors) are kept for the most recent
    // distinct operations only: clients send few, while a flood of one-off operations must not
    // hold memory.
    parserAndValidationCache: { documentCache: new LRUCache<string, DocumentNode>(documentCacheOptions), errorCache: new LRUCache<string, object>(documentCacheOptions) },
    plugins: [
      persistedOperations(),
      validationHints(),
      EnvelopArmorPlugin({
        maxDepth: { n: REQUEST_LIMITS.maxDepth },
        maxAliases: { n: REQUEST_LIMITS.maxAliases },
        maxTokens: { n: REQUEST_LIMITS.maxTokens },
        maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
        // This server's own cost limit (limits.ts) counts lists by their sizes; Armor's does not.
        costLimit: { enabled: false },
        // The schema is public (introspection is on), so suggestions disclose nothing.
        blockFieldSuggestion: { enabled: false },
      }),
      useRepeatedFieldLimit(),
      operationContext(store, budgetMs),
      useOperationLimits(() => bounds, budgetMs, limits, thread ?? undefined, jit ?? undefined, (e) => maskOne(e, 'Unexpected error.') as GraphQLError),
      useRedactedErrors(known),
    ],
    maskedErrors: {
      isDev: false,
      maskError: (error, message) => maskOne(error, message),
    },
    logging: false,
  });

  /** The error a client sees for one raised while answering (before redaction). */
  function maskOne(error: unknown, message: string): Error {
    // graphql may load twice (ESM and CJS), so errors are recognised by shape, not class.
    const original = (error as { originalError?: unknown }).originalError;
    if (original instanceof StoreUnavailableError || (original as Error | undefined)?.name === 'StoreUnavailableError') {
      return new GraphQLError('the graph store is unavailable; try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
    if ((original as Error | undefined)?.name === 'RequestAbortedError') {
      // Nobody reads it: the client has gone.
      return clientGone();
    }
    if ((original as Error | undefined)?.name === 'StoreBusyError') {
      return new GraphQLError((original as Error).message, { extensions: { code: 'BUSY' } });
    }
    if ((original as Error | undefined)?.name === 'QueryTimeoutError') {
      return new GraphQLError(`${(original as Error).message}; ask for less (smaller limit or depth)`, { extensions: { code: 'TIMEOUT' } });
    }
    // The client's own mistake, said as raised, at the place it was raised (its field's path
    // and location: an error without them cannot be told from its aliases' others).
    if (isClientError(original)) {
      const e = original as GraphQLError;
      const at = error as GraphQLError;
      return at.path ? createGraphQLError(e.message, { nodes: at.nodes, source: at.source, positions: at.positions, path: at.path, extensions: e.extensions }) : e;
    }
    if (!original && isClientError(error)) return error as Error;
    // GraphQL's own rejections (variable coercion, validation, the Armor limits) carry no
    // code of their own; they are the client's to fix, so they get one.
    const code = !original || (original as Error).name === 'GraphQLError' ? requestErrorCode(error) : null;
    if (code) return withCode(error as GraphQLError, code);
    log.error('unexpected error while answering a query', { error: original ?? error });
    return maskError(error, message, false);
  }

  let closing = false;
  /**
   * Open connections: whether a request is being answered on each (for a graceful close), and
   * since when nothing has moved on it (for the connection cap).
   */
  const sockets = new Map<Socket, SocketState>();
  const server = createServer(
    {
      headersTimeout: Math.min(http.headersTimeoutMs, http.requestTimeoutMs),
      requestTimeout: http.requestTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      // How often timed-out requests are looked for (Node's default is 30 s).
      connectionsCheckingInterval: Math.min(1000, http.headersTimeoutMs),
    },
    (req, res) => inTurn(req, res),
  );
  server.maxHeadersCount = 100;
  // A connection on which nothing moves either way (a client that reads none of its answer)
  // is closed after the request timeout, or twice an operation's budget if that is longer: an
  // operation computing its answer sends nothing until it ends.
  server.setTimeout(Math.max(http.requestTimeoutMs, 2 * budgetMs));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A request Node cannot parse (bad target, header or encoding) or one too slow to arrive.
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  /**
   * Requests of one connection are answered one after another. Node starts every request it
   * parses, and a client that pipelines hundreds on a connection (HTTP/1.1) had them all run at
   * once: their answers held in memory behind the first, which it never read, until the heap
   * ran out; or, read, keeping every other client waiting while they ran. The next request
   * starts when the answer before it is written out (or its connection is gone); past
   * maxPipelined waiting, the connection is closed.
   */
  function inTurn(req: IncomingMessage, res: ServerResponse): void {
    const state = sockets.get(req.socket);
    if (!state) return void handle(req, res);
    if (req.socket.destroyed) return;
    // The one about to start counts as waiting until its turn comes (after a poll for I/O).
    if (state.waiting > http.maxPipelined) {
      log.warn('connection closed: too many pipelined requests', { waiting: state.waiting });
      return void req.socket.destroy();
    }
    state.waiting++;
    const run = () =>
      new Promise<void>((done) => {
        state.waiting--;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          state.answer = null;
          req.socket.off('close', end);
          done();
        };
        res.once('finish', end).once('close', end);
        req.socket.once('close', end);
        if (req.socket.destroyed) return end();
        state.answer = res;
        state.drainedAt = performance.now();
        state.pending = 0;
        void handle(req, res);
      });
    // The next request of a connection starts after a poll for I/O (setImmediate): an answer
    // taken by the kernel at once ends within the same turn of the event loop, and a connection
    // with hundreds pipelined would otherwise run them all before any other is read.
    state.turn = state.turn.then(() => new Promise<void>((r) => setImmediate(r))).then(run);
  }

  /**
   * Closes the connection whose client has taken nothing of its answer for longest: refusing
   * newcomers instead would let a few clients that read nothing shut everyone else out.
   */
  function dropSlowestReader(): void {
    const now = performance.now();
    let slowest: Socket | null = null;
    let since = Infinity;
    // Progress is the client taking bytes of its answer (less of it waiting, or the socket
    // draining), not bytes moving either way: Node counts an answer as written once queued, and
    // a client that reads nothing can keep sending bytes of a next request.
    for (const [socket, state] of sockets) {
      if (!state.answer?.writableNeedDrain) continue;
      // Less of the answer waiting than at the last look: its client is reading.
      const pending = state.answer.writableLength;
      if (pending < state.pending) state.drainedAt = now;
      state.pending = pending;
      if (state.drainedAt < since) (slowest = socket), (since = state.drainedAt);
    }
    if (!slowest) return;
    log.warn('connection closed: its client reads too slowly while answers pile up', { stalledMs: Math.round(now - since) });
    slowest.destroy();
  }

  /** Answers waiting for their clients to read what was written (the kernel's buffers full). */
  const unreadAnswers = () => {
    let n = 0;
    for (const state of sockets.values()) if (state.answer?.writableNeedDrain) n++;
    return n;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = requestPath(req.url);
    // While shutting down, every answer is the last on its connection.
    if (closing) res.setHeader('connection', 'close');
    try {
      if (path === null) return json(res, 400, errorBody('the request target is not a path', 'BAD_REQUEST'), { connection: 'close' });
      if (path === '/healthz') return json(res, 200, { status: 'ok' });
      if (path !== '/readyz' && !hostAllowed(req.headers.host, hosts)) {
        return json(res, 403, errorBody('the Host header names this server by a name it does not answer to; list the name in ALLOWED_HOSTS', 'FORBIDDEN_HOST'), { connection: 'close' });
      }
      if (path === '/readyz') {
        if (closing) return json(res, 503, { status: 'shutting down' });
        try {
          // A store that does not answer (frozen, its pool taken) is not ready: no wait past a few seconds.
          const timed = withBudget(store, READY_MS);
          await timed.ping();
          const info = await timed.info();
          return json(res, 200, { status: 'ready', backend: info.backend, bundleVersion: info.version });
        } catch {
          return json(res, 503, { status: 'unavailable' });
        }
      }
      if (path === '/graphql') return await graphql(req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, errorBody('only GET is served here; the API is at /graphql', 'METHOD_NOT_ALLOWED'), { allow: 'GET, HEAD' });
      return serveStatic(path, res);
    } catch (e) {
      log.error('request failed', { error: e, path });
      if (!res.headersSent) json(res, 500, errorBody('internal error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req, origins);
    if (!originAllowed(req, origins)) {
      return json(res, 403, errorBody('this origin may not use the API; the server lists the origins it accepts in CORS_ORIGINS', 'FORBIDDEN_ORIGIN'), cors);
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'content-length': '0' });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'POST') return json(res, 405, errorBody('send operations with POST (or GET)', 'METHOD_NOT_ALLOWED'), { ...cors, allow: 'GET, POST, OPTIONS' });
    // A browser asking for the page: GraphiQL, whatever the URL's parameters (they fill its editor).
    if (wantsGraphiQL(req)) return await serveGraphiQL(req, res);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    // Yoga builds a URL from the target and the Host header: an absolute-form target or an
    // empty or malformed Host would make that throw (a 500), so both are normalised first.
    const target = req.url ?? '/graphql';
    if (!target.startsWith('/')) {
      const q = target.indexOf('?');
      req.url = `/graphql${q < 0 ? '' : target.slice(q)}`;
    }
    if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(req.headers.host ?? '')) req.headers.host = 'localhost';
    // The body's size is known before it is read: a chunked body (no Content-Length) is refused,
    // so no stream needs counting on the way in.
    if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) {
      return json(res, 411, errorBody('send the operation with a Content-Length header (chunked bodies are not accepted)', 'LENGTH_REQUIRED'), { connection: 'close' });
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (!Number.isSafeInteger(length) || length < 0) return json(res, 400, errorBody('the Content-Length header is not a number', 'BAD_REQUEST'), { connection: 'close' });
    if (length > REQUEST_LIMITS.maxBodyBytes) {
      return json(res, 413, errorBody(`request body over ${REQUEST_LIMITS.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE'), { connection: 'close' });
    }
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (req.method === 'POST' && !['application/json', 'application/graphql-response+json', 'application/graphql'].includes(type)) {
      return json(res, 415, errorBody('send the operation as application/json', 'UNSUPPORTED_MEDIA_TYPE'));
    }
    // POST bodies are JSON (or application/graphql), which no page can send cross-site without
    // a CORS preflight; a GET that runs an operation must prove the same with a header.
    if (crossSiteUnsafe(req, req.method === 'GET' && getRunsOperation(req.url ?? ''))) {
      return json(res, 403, errorBody('an operation sent with GET needs a GraphQL-Preflight: 1 header, so that no other site can make a browser send it', 'CSRF_PREVENTED'));
    }
    if (req.method === 'GET') {
      const bad = malformedJsonParam(req.url ?? '');
      if (bad) return json(res, 400, errorBody(`the ${bad} parameter is not a JSON object`, 'BAD_REQUEST'));
    }
    // The body has all come before the operation takes its turn (bodies.ts): a client that
    // stops halfway through its body holds no turn.
    const client = clientOf(req.socket.remoteAddress) ?? '';
    if (req.method === 'POST' && length > 0) {
      try {
        (req as IncomingMessage & { body?: unknown }).body = bodyOf(await bodies.read(req, length, client));
      } catch {
        return void res.destroy();
      }
    }
    // Its turn among the operations of every client (see FairTurns): each operation in flight
    // holds its result and its answer in memory, so their number is what bounds both.
    let release: () => void;
    try {
      release = await operations.acquire(client, budgetMs, hangUpSignal(res));
    } catch (e) {
      if (e instanceof RequestAbortedError) return void res.destroy();
      const timeout = e instanceof QueryTimeoutError;
      return json(res, 503, errorBody(timeout ? `the operation waited ${budgetMs} ms for its turn; try again shortly` : 'the server has too many operations waiting; try again shortly', timeout ? 'TIMEOUT' : 'BUSY'), { 'retry-after': '1' });
    }
    // An answer about to be made while too many wait for their clients: the client slowest to
    // read goes (checked at each turn, not at arrival: a thousand connections arriving at once
    // found none waiting, and each answer then piled up).
    if (unreadAnswers() >= http.maxUnreadAnswers) dropSlowestReader();
    // The turn ends when the answer starts being written (its result is made by then) or the
    // connection closes, not when its client has read it all: clients that read nothing (or hang
    // up while Yoga waits for a drain that never comes) would otherwise keep every turn. What
    // waits for such clients is bounded apart (maxUnreadAnswers).
    res.once('close', release);
    heldTurns.set(req, release);
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      release();
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    try {
      await yoga(req, res, { req, res });
    } finally {
      release();
    }
  }

  server.on('connection', (socket: Socket) => {
    // At the cap, the connection quiet longest that is not being answered (its headers or body
    // have not all come, it is kept alive between requests, or its client reads nothing of its
    // answer) makes room, so that connections that send or read nothing cannot shut everyone
    // else out (Node's own cap refuses the newcomer instead). A connection that moves bytes is
    // not quiet: a slow upload outlasts connections that went silent. Only when every connection
    // is being answered is the newcomer refused.
    if (sockets.size >= http.maxConnections) {
      const now = performance.now();
      for (const [s, state] of sockets) noteTraffic(state, s, now);
      const evict = quietest(sockets);
      if (!evict) return void socket.destroy();
      evict.destroy();
      sockets.delete(evict);
    }
    socket.on('drain', () => {
      const state = sockets.get(socket);
      if (state) state.drainedAt = performance.now();
    });
    sockets.set(socket, { active: 0, waiting: 0, turn: Promise.resolve(), answer: null, drainedAt: performance.now(), pending: 0, idleSweeps: 0, served: 0, quietSince: performance.now(), bytes: 0, request: null, blocked: () => socket.writableLength > 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = sockets.get(req.socket);
    if (!state) return;
    state.active++;
    state.served++;
    state.idleSweeps = 0;
    state.request = req;
    res.once('close', () => {
      if (--state.active === 0) state.quietSince = performance.now();
    });
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
        // a request not read yet): a connection closes once idle at two sweeps (ten for one that
        // has sent no request yet), each after a poll phase; answers in progress end their own.
        // The listener is closed from the check phase, right after a poll phase has accepted
        // what the kernel queued: a connection that completes its handshake after that last
        // accept is reset by the kernel when the listener closes, so the gap is kept short.
        setTimeout(() => setImmediate(() => {
          netServerClose.call(server, () => void Promise.allSettled([store.close(), thread?.close()]).then(() => resolve()));
          const sweep = setInterval(() => setImmediate(() => {
            for (const [socket, state] of sockets) {
              if (state.active > 0) state.idleSweeps = 0;
              // A kept-alive connection between requests goes at the second idle sweep; one that
              // has sent no request yet gets a second (its client, on a busy machine, may be
              // about to send it).
              else if (++state.idleSweeps >= (state.served ? 2 : 10)) socket.destroy();
            }
          }), 100);
          server.once('close', () => clearInterval(sweep));
        }), options.drainMs ?? 300);
      }),
  };
}

/** What the server knows of an open connection. */
interface SocketState {
  /** Requests being answered on it, or waiting for their turn. */
  active: number;
  /** Requests waiting behind the one being answered (pipelined). */
  waiting: number;
  /** The end of the answer last queued: the next request starts after it. */
  turn: Promise<void>;
  /** The answer being written on it, if any. */
  answer: ServerResponse | null;
  /** When its client last took bytes of an answer (seen going down, or the socket drained), or the answer began. */
  drainedAt: number;
  /** Bytes of its answer waiting to be taken, at the last look. */
  pending: number;
  /** Sweeps of a closing server that found it idle. */
  idleSweeps: number;
  /** Requests it has sent. */
  served: number;
  /**
   * Since when (performance.now()) no byte has been seen to move on it (as of the last look,
   * noteTraffic) and no answer has ended on it.
   */
  quietSince: number;
  /** Bytes read and written on it, at the last look. */
  bytes: number;
  /** The last request it sent. */
  request: { complete: boolean } | null;
  /** Whether written bytes wait for its client to read them. */
  blocked(): boolean;
}

/** Marks a connection that moved bytes since the last look as not quiet. */
function noteTraffic(state: SocketState, socket: Socket, now: number): void {
  const bytes = socket.bytesRead + socket.bytesWritten;
  if (bytes !== state.bytes) (state.bytes = bytes), (state.quietSince = now);
}

/**
 * The connection quiet longest among those not being answered, if any. Not being answered, in
 * the order they go first when equally quiet: no request sent yet (headers not all come), kept
 * alive between requests, an answer its client does not read, a request whose body is coming.
 */
export function quietest<S>(sockets: ReadonlyMap<S, Pick<SocketState, 'active' | 'quietSince' | 'request' | 'blocked'>>): S | null {
  let best: S | null = null;
  let since = Infinity;
  let bestRank = Infinity;
  for (const [socket, state] of sockets) {
    const rank = state.active === 0 ? (state.request === null ? 0 : 1) : state.blocked() ? 2 : state.request !== null && !state.request.complete ? 3 : -1;
    if (rank < 0) continue;
    if (state.quietSince < since || (state.quietSince === since && rank < bestRank)) (best = socket), (since = state.quietSince), (bestRank = rank);
  }
  return best;
}

/** The code for a GraphQLError raised by parsing, validation or coercion, or null when it is none of those. */
function requestErrorCode(e: unknown): string | null {
  if ((e as Error | undefined)?.name !== 'GraphQLError') return null;
  const message = (e as Error).message;
  if (/Query Cost limit|Max depth|Aliases limit|Token limit|Directives limit|exceeded/i.test(message)) return 'QUERY_TOO_COMPLEX';
  if (/^Variable "\$|got invalid value|cannot represent|^Too many errors processing variables/.test(message)) return 'BAD_USER_INPUT';
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
/** How long /readyz waits for the store before it answers unavailable. */
const READY_MS = 3000;

function isClientError(e: unknown): boolean {
  const code = (e as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return (e as Error | undefined)?.name === 'GraphQLError' && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}
