/**
 * An HTTP-level fuzzer: raw requests written to a socket byte for byte, so nothing between the
 * fuzzer and the server tidies them up. Request targets (`//`, `*`, bad percent-encoding, huge
 * paths), methods, headers (missing, duplicated, contradictory, oversized, with control
 * characters), encodings (chunked, bad lengths, invalid UTF-8) and bodies that stop part-way
 * or never end. Each answer is read as the server sent it and classified: a 5xx, a garbled
 * status line or a connection held past the server's request timeout is a problem.
 */
import { connect } from 'node:net';
import { rng } from './fuzz';

type Rng = ReturnType<typeof rng>;

export interface RawCase {
  /** The bytes to send, in pieces sent a few ms apart. */
  pieces: Buffer[];
  /** The request stops before its declared end: only the server's timeout can end it. */
  unfinished: boolean;
  label: string;
}

const TARGETS = [
  '/', '//', '///x', '//a:b@', '//a:b@c/d', '*', '%', '/%', '/%E0%A4%A', '/%ZZ', '/a%00b', '/..%2f..%2fetc%2fpasswd', '/../../etc/passwd', '/graphql',
  '/graphql?query=%', '/graphql?query=%7B', '/graphql?query=%7Bstats%7Bentities%7D%7D', '/graphql?%%%%', '/healthz?x=%', '/readyz', '/assets/..%5c..%5cpackage.json',
  'http://localhost/graphql', 'http://[::1', 'localhost:4000', '/\u00e9', '/\ud83d\ude00', '/graphql#frag', '/?' + 'a'.repeat(9000), '/' + 'x/'.repeat(3000), '/%2e%2e/%2e%2e/',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT', 'get', 'G\u00c9T', 'PROPFIND', 'X'.repeat(200), ''];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'HTTP/1.1 extra', ''];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=--', 'application/graphql', '', '*/*', 'application/json\u0000'];
const BODIES = [
  '{"query":"{ stats { entities } }"}', '{"query":"{ entity(id: \\"x\\") { id } }"}', '{"query":', 'null', '[]', '[{"query":"{ stats { entities } }"}]', '\u0000\u0001\u0002', '\xff\xfe\xfd', '{"query":"' + 'a'.repeat(70_000) + '"}',
  '{"query":"{ entities(limit: 1000) { relations { source { relations { target { id } } } } } }"}', '{"query":"{ __schema { types { fields { args { type { name } } } } } }"}', '{"query": "{ stats { entities } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}',
];

function headerLines(r: Rng, body: Buffer): { lines: string[]; unfinished: boolean } {
  const lines: string[] = [];
  let unfinished = false;
  if (r.chance(0.9)) lines.push(`Host: ${r.pick(['127.0.0.1', 'localhost', '', 'evil.example', 'a'.repeat(300), '127.0.0.1:1'])}`);
  if (r.chance(0.2)) lines.push(`Host: second.example`);
  switch (r.int(0, 7)) {
    case 0:
      lines.push(`Content-Length: ${body.length}`);
      break;
    case 1:
      lines.push(`Content-Length: ${r.pick(['-1', 'abc', '1e3', '99999999999', '0x10', ' 5', '5, 6', ''])}`);
      break;
    case 2:
      lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
      break;
    case 3:
      lines.push('Transfer-Encoding: chunked');
      break;
    case 4:
      lines.push('Transfer-Encoding: chunked', `Content-Length: ${body.length}`);
      break;
    case 5:
      // A body that never comes: the declared length is never reached.
      lines.push(`Content-Length: ${body.length + r.int(1, 10_000)}`);
      unfinished = true;
      break;
    default:
      break;
  }
  if (r.chance(0.6)) lines.push(`Content-Type: ${r.pick(CONTENT_TYPES)}`);
  if (r.chance(0.2)) lines.push(`Origin: ${r.pick(['null', 'https://evil.example', 'http://127.0.0.1', 'file://', ''])}`);
  if (r.chance(0.1)) lines.push('Expect: 100-continue');
  if (r.chance(0.1)) lines.push('Connection: Upgrade', 'Upgrade: websocket');
  if (r.chance(0.1)) lines.push(`Content-Encoding: ${r.pick(['gzip', 'br', 'deflate', 'identity, gzip'])}`);
  if (r.chance(0.1)) lines.push(`Accept: ${r.pick(['text/html', 'application/graphql-response+json', 'text/event-stream', 'multipart/mixed', '*/*;q=x'])}`);
  if (r.chance(0.1)) lines.push(`X-Bad: a\u0001b`);
  if (r.chance(0.05)) lines.push(`X-Big: ${'b'.repeat(r.pick([8000, 20_000]))}`);
  if (r.chance(0.05)) for (let i = 0; i < 150; i++) lines.push(`X-H${i}: ${i}`);
  if (r.chance(0.05)) lines.push(' folded: continuation');
  if (r.chance(0.05)) lines.push('NoColonHere');
  if (r.chance(0.1)) lines.push(`GraphQL-Preflight: 1`);
  if (r.chance(0.3)) lines.push('Connection: close');
  return { lines, unfinished };
}

function chunked(r: Rng, body: Buffer): Buffer {
  if (r.chance(0.3)) return Buffer.from(`${r.pick(['zz', '-1', 'ffffffffffff', ''])}\r\n${body}\r\n0\r\n\r\n`);
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
}

/** Case `i` of the run seeded `seed`. */
export function rawCase(seed: number, i: number): RawCase {
  const r = rng(seed * 7_919 + i);
  const method = r.pick(METHODS);
  const target = r.pick(TARGETS);
  const version = r.chance(0.85) ? 'HTTP/1.1' : r.pick(VERSIONS);
  const body = Buffer.from(r.chance(0.6) ? r.pick(BODIES) : '', 'latin1');
  const { lines, unfinished } = headerLines(r, body);
  const head = `${method} ${target} ${version}\r\n${lines.join('\r\n')}${lines.length ? '\r\n' : ''}`;
  const chunkedBody = lines.some((l) => l.startsWith('Transfer-Encoding'));
  const payload = chunkedBody ? chunked(r, body) : body;
  if (r.chance(0.05)) {
    // Headers that never end: no blank line.
    return { pieces: [Buffer.from(head, 'latin1')], unfinished: true, label: `${method} ${target.slice(0, 40)} (headers never end)` };
  }
  const whole = Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload]);
  // Sometimes dribbled: a few bytes at a time.
  const pieces: Buffer[] = [];
  if (r.chance(0.15)) for (let at = 0; at < whole.length; at += r.int(1, 64)) pieces.push(whole.subarray(at, at + 64));
  else pieces.push(whole);
  return { pieces, unfinished, label: `${method.slice(0, 20)} ${target.slice(0, 40)}` };
}

export interface RawOutcome {
  /** The status of the first answer, 0 when the server closed without one. */
  status: number;
  /** Time until the server answered or closed, in ms. */
  ms: number;
  problem: string | null;
}

/**
 * Sends one case and reads until the server closes or `holdMs` passes. A connection still open
 * after `holdMs` with an unfinished request, or any 5xx, or an answer that is not HTTP, is a problem.
 */
export function sendRaw(port: number, c: RawCase, holdMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let settled = false;
    const finish = (problem: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0);
      const ms = Math.round(performance.now() - started);
      if (!problem && data && !status) problem = `answer is not HTTP: ${JSON.stringify(data.slice(0, 80))}`;
      if (!problem && status >= 500) problem = `HTTP ${status}: ${data.split('\r\n\r\n')[1]?.slice(0, 200) ?? ''}`;
      resolve({ status, ms, problem });
    };
    const timer = setTimeout(() => finish(c.unfinished ? `connection held open ${holdMs} ms by a request that never finishes` : null), holdMs);
    socket.on('data', (d) => {
      data += d.toString('latin1');
      // A finished request's answer is enough; an unfinished one must also be closed.
      if (!c.unfinished && /\r\n\r\n/.test(data) && !/^HTTP\/1\.1 100/.test(data)) finish(null);
    });
    socket.on('close', () => finish(null));
    socket.on('error', () => finish(null));
    socket.on('connect', async () => {
      for (const piece of c.pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (c.pieces.length > 1) await new Promise((r) => setTimeout(r, 2));
      }
    });
  });
}
