/**
 * Admission of query texts Neo4j has not planned lately. Neo4j plans each new text once and keeps
 * the plan in a cache of the last 1,000 texts (`server.db.query_cache_size`); a text it already
 * holds costs milliseconds, a new one as much as a second of planning. A client chooses parts of
 * the text (the relation types and filters of an operation, its shape), so a stream of operations
 * each new to Neo4j would spend its CPU on planning and push every other client's plans out of
 * the cache. Texts sent lately go at once; a new text waits for a slot: one new text planned at a
 * time, at most `perSecond` a second after a first `burst`, and at most `waiting` texts in line.
 * When the line is full, the client with most texts in it gives one up (its latest is answered
 * StoreBusyError), so a flood from one client never keeps another's text out; and turns go round
 * the clients that wait, so that the flood delays another client's text by a turn, not by the
 * line. A client that invents texts then waits for its own turns, and evicts a known plan no
 * faster than the rate. The server's own queries do not come here (see Neo4jGraphStore.send).
 *
 * Neo4j keys a plan by its text and the types of its parameters (a null and a list are two
 * plans), and so does the gate (planKey()).
 */
import { QueryTimeoutError, RequestAbortedError, StoreBusyError } from '../GraphStore';

export interface PlanGateOptions {
  /** Texts remembered as planned: fewer than Neo4j's cache holds, so that a text remembered is planned. */
  known: number;
  /** New texts let through per second, once the burst is spent. */
  perSecond: number;
  /** New texts let through at once after a quiet spell. */
  burst: number;
  /** New texts that may wait for their turn; beyond, the client with most of them loses one (StoreBusyError). */
  waiting: number;
}

export const PLAN_GATE_DEFAULTS: PlanGateOptions = { known: 900, perSecond: 2, burst: 50, waiting: 128 };

/**
 * What Neo4j plans once: the text, and its parameters' types and sizes. Neo4j plans a text again
 * for a parameter of another type (a null, a list), for a list or a string of another order of
 * size (0, 1, up to 10, 100, 1,000, 10,000, more) and for a list that holds other kinds of values.
 */
export function planKey(text: string, params: Record<string, unknown>): string {
  const types = Object.keys(params)
    .sort()
    .map((k) => `${k}:${typeOf(params[k])}`)
    .join(',');
  return `${text}\u0000${types}`;
}

/** The order of size of a length, as Neo4j's plan cache buckets them. */
const sizeOf = (n: number) => (n <= 1 ? `=${n}` : `<=1e${Math.min(5, Math.ceil(Math.log10(n)))}`);

/**
 * A string's length as Neo4j sizes it: in code points, where JavaScript counts UTF-16 units (a
 * letter outside the Basic Multilingual Plane is two): six such letters are one order of size for
 * Neo4j and another for `length`, a plan the gate would have counted as known.
 */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) (n--, i++);
    }
  }
  return n;
}

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `list${sizeOf(v.length)}<${[...new Set(v.map(kindOf))].sort().join('|')}>`;
  if (typeof v === 'string') return `string${sizeOf(codePoints(v))}`;
  return kindOf(v);
}

/** A value's kind, without size: what a list holds. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return neo4jInteger(v) ? 'number' : 'map';
  return typeof v === 'bigint' ? 'number' : typeof v;
}

const neo4jInteger = (v: object) => 'low' in v && 'high' in v;

interface Waiter {
  text: string;
  client: string;
  resolve: (release: () => void) => void;
  /** Takes the waiter out of the line and rejects it. */
  leave: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** The count of turns given when it joined the line. */
  joined: number;
}

/** Clients whose last turn is remembered (a client forgotten counts as new again). */
const CLIENTS_REMEMBERED = 10_000;

export class PlanGate {
  /** Texts sent lately, least recent first (a Map keeps insertion order). */
  private readonly known = new Map<string, true>();
  private readonly line: Waiter[] = [];
  /** When each client last had a turn (a count of turns), for turns round the clients. */
  private readonly served = new Map<string, number>();
  private turns = 0;
  private tokens: number;
  private refilled: number;
  /** Whether a new text is being planned now. */
  private planning = false;
  private wake: NodeJS.Timeout | null = null;

  constructor(
    private readonly opts: PlanGateOptions = PLAN_GATE_DEFAULTS,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = opts.burst;
    this.refilled = now();
  }

  /**
   * Resolves with a release to call once the text has been answered (or has failed), when the
   * text may be sent: at once when it is known, else in its turn. Rejects with QueryTimeoutError
   * when the turn has not come within `timeoutMs`, with StoreBusyError when the line is full,
   * and with RequestAbortedError when the signal aborts first (the text leaves the line).
   * `text`: what Neo4j plans once (see planKey()); `client`: who asks, for the shares of the line.
   */
  admit(text: string, timeoutMs: number, signal?: AbortSignal, client = ''): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError());
    if (this.touch(text)) return Promise.resolve(noop);
    if (this.line.length >= this.opts.waiting) {
      // The client with most texts waiting gives up its latest, unless that is the one asking.
      const counts = new Map<string, number>();
      for (const w of this.line) counts.set(w.client, (counts.get(w.client) ?? 0) + 1);
      let heaviest = client;
      let most = (counts.get(client) ?? 0) + 1;
      for (const [c, n] of counts) if (n > most) [heaviest, most] = [c, n];
      if (heaviest === client) return Promise.reject(busy());
      const last = this.line.findLast((w) => w.client === heaviest)!;
      last.leave(busy());
    }
    return new Promise((resolve, reject) => {
      const leave = (error: Error) => {
        const at = this.line.indexOf(waiter);
        if (at < 0) return;
        this.line.splice(at, 1);
        done();
        reject(error);
      };
      const onAbort = () => leave(new RequestAbortedError());
      const done = () => {
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        text,
        client,
        joined: this.turns,
        resolve: (release) => {
          done();
          resolve(release);
        },
        leave,
        timer: setTimeout(() => leave(new QueryTimeoutError(`the query waited ${timeoutMs} ms for the graph store to plan it`)), timeoutMs),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.line.push(waiter);
      this.pump();
    });
  }

  private forgetClients(): void {
    if (this.served.size > CLIENTS_REMEMBERED) this.served.delete(this.served.keys().next().value!);
  }

  /** Whether the text was sent lately (its plan is in Neo4j's cache). */
  knows(text: string): boolean {
    return this.known.has(text);
  }

  /** Whether a new text sent now would wait: another is being planned or waits already. */
  get contended(): boolean {
    return this.planning || this.line.length > 0;
  }

  /** How many new texts wait for their turn (for tests and logs). */
  get waitingCount(): number {
    return this.line.length;
  }

  private touch(text: string): boolean {
    if (!this.known.has(text)) return false;
    this.known.delete(text);
    this.known.set(text, true);
    return true;
  }

  private remember(text: string): void {
    this.known.delete(text);
    this.known.set(text, true);
    if (this.known.size > this.opts.known) this.known.delete(this.known.keys().next().value!);
  }

  private pump(): void {
    // Texts that became known while waiting (another caller sent the same one) go at once.
    for (let i = 0; i < this.line.length; ) {
      const w = this.line[i]!;
      if (this.touch(w.text)) {
        this.line.splice(i, 1);
        w.resolve(noop);
      } else i++;
    }
    if (this.planning || !this.line.length) return;
    const t = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((t - this.refilled) / 1000) * this.opts.perSecond);
    this.refilled = t;
    if (this.tokens < 1) {
      if (!this.wake) {
        this.wake = setTimeout(() => {
          this.wake = null;
          this.pump();
        }, Math.ceil(((1 - this.tokens) / this.opts.perSecond) * 1000));
      }
      return;
    }
    this.tokens -= 1;
    this.planning = true;
    // Turns go in the order texts joined the line, except that a client's text waits behind
    // every text that joined before the client's last turn was given (a client with many texts
    // waiting has one turn, then the others' turns). Among equals, the client whose last turn is
    // oldest goes first (one never served before all). Counted by last turn alone, a stream of
    // new addresses, each never served, went ahead of every client served once.
    const rank = (w: Waiter) => Math.max((this.served.get(w.client) ?? -Infinity) + 1, w.joined);
    const last = (w: Waiter) => this.served.get(w.client) ?? -Infinity;
    let next = 0;
    for (let i = 1; i < this.line.length; i++) {
      const [a, b] = [this.line[i]!, this.line[next]!];
      if (rank(a) < rank(b) || (rank(a) === rank(b) && last(a) < last(b))) next = i;
    }
    const [w] = this.line.splice(next, 1) as [Waiter];
    this.served.delete(w.client);
    this.served.set(w.client, this.turns++);
    this.forgetClients();
    let released = false;
    w.resolve(() => {
      if (released) return;
      released = true;
      this.remember(w.text);
      this.planning = false;
      this.pump();
    });
  }
}

const noop = () => {};
const busy = () => new StoreBusyError('the graph store is busy planning other new queries; try again shortly');
