/**
 * Admission of query texts Neo4j has not planned lately. Neo4j plans each new text once and keeps
 * the plan in a cache of the last 1,000 texts (`server.db.query_cache_size`); a text it already
 * holds costs milliseconds, a new one as much as a second of planning. A client chooses parts of
 * the text (the relation types and filters of an operation, its shape), so a stream of operations
 * each new to Neo4j would spend its CPU on planning and push every other client's plans out of
 * the cache. Texts sent lately go at once; a new text waits for a slot: one new text planned at a
 * time, at most `perSecond` a second after a first `burst`, and at most `waiting` texts in line
 * (beyond, StoreBusyError). The server's own texts, a few hundred shapes, stay known after their
 * first use; a client that invents texts then waits for its own turns and evicts a known plan no
 * faster than one new text's share of the rate.
 */
import { QueryTimeoutError, RequestAbortedError, StoreBusyError } from '../GraphStore';

export interface PlanGateOptions {
  /** Texts remembered as planned: fewer than Neo4j's cache holds, so that a text remembered is planned. */
  known: number;
  /** New texts let through per second, once the burst is spent. */
  perSecond: number;
  /** New texts let through at once after a quiet spell. */
  burst: number;
  /** New texts that may wait for their turn; beyond, StoreBusyError. */
  waiting: number;
}

export const PLAN_GATE_DEFAULTS: PlanGateOptions = { known: 900, perSecond: 2, burst: 50, waiting: 32 };

interface Waiter {
  text: string;
  resolve: (release: () => void) => void;
  timer: NodeJS.Timeout;
}

export class PlanGate {
  /** Texts sent lately, least recent first (a Map keeps insertion order). */
  private readonly known = new Map<string, true>();
  private readonly line: Waiter[] = [];
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
   */
  admit(text: string, timeoutMs: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError());
    if (this.touch(text)) return Promise.resolve(noop);
    if (this.line.length >= this.opts.waiting) {
      return Promise.reject(new StoreBusyError('the graph store is busy planning other new queries; try again shortly'));
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
        resolve: (release) => {
          done();
          resolve(release);
        },
        timer: setTimeout(() => leave(new QueryTimeoutError(`the query waited ${timeoutMs} ms for the graph store to plan it`)), timeoutMs),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.line.push(waiter);
      this.pump();
    });
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
    const w = this.line.shift()!;
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
