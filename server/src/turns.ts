/**
 * Turns for operations: at most `concurrency` run at once, the others wait in line, and turns go
 * round the clients that wait (one turn each in rotation), so that a client with hundreds of
 * connections, each with one operation, delays another client's operation by one turn, not by
 * hundreds. A client is its network (http.ts clientOf).
 */
import { QueryTimeoutError, RequestAbortedError, StoreBusyError } from './store/GraphStore';

interface Waiter {
  client: string;
  go: (release: () => void) => void;
  /** Takes the waiter out of the line and rejects it. */
  leave: (error: Error) => void;
}

/**
 * Turns are handed on at once for this long in one turn of the event loop, then only after a poll
 * for I/O (see FairTurns.handOn).
 */
const SLICE_MS = 4;

export class FairTurns {
  private running = 0;
  /** When the first turn was handed on in this turn of the event loop (-1: none yet). */
  private sliceFrom = -1;
  /** Waiters by client; a Map keeps the rotation order (a client served goes to the end). */
  private readonly lines = new Map<string, Waiter[]>();
  private waitingCount = 0;

  constructor(
    private readonly concurrency: number,
    /** Most operations waiting; past it, the client with most of them gives up its latest. */
    private readonly lineMax: number,
  ) {}

  get waiting(): number {
    return this.waitingCount;
  }

  get inFlight(): number {
    return this.running;
  }

  /**
   * Resolves with a release to call when the operation is done, in its turn. Rejects with
   * StoreBusyError when the line is full and the asker has most in it (or is displaced later),
   * QueryTimeoutError when the turn has not come within `timeoutMs`, RequestAbortedError when
   * the signal aborts first.
   */
  acquire(client: string, timeoutMs: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError());
    if (this.running < this.concurrency && this.waitingCount === 0) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waitingCount >= this.lineMax && !this.makeRoom(client)) return Promise.reject(new StoreBusyError('the server has too many operations waiting; try again shortly'));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const done = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        client,
        go: (release) => (done(), this.handOn(() => resolve(release))),
        leave: (error) => {
          if (settled) return;
          done();
          const line = this.lines.get(client);
          const i = line?.indexOf(waiter) ?? -1;
          if (i >= 0) {
            line!.splice(i, 1);
            this.waitingCount--;
            if (!line!.length) this.lines.delete(client);
          }
          reject(error);
        },
      };
      const onAbort = () => waiter.leave(new RequestAbortedError());
      timer = setTimeout(() => waiter.leave(new QueryTimeoutError(`the operation waited ${timeoutMs} ms for its turn`)), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      const line = this.lines.get(client);
      if (line) line.push(waiter);
      else this.lines.set(client, [waiter]);
      this.waitingCount++;
    });
  }

  /** The client with most waiting (other than the asker, unless it has more) gives up its latest. */
  private makeRoom(asker: string): boolean {
    let heaviest: string | null = null;
    let most = (this.lines.get(asker)?.length ?? 0) + 1;
    for (const [client, line] of this.lines) if (line.length > most) (heaviest = client), (most = line.length);
    if (heaviest === null) return false;
    this.lines.get(heaviest)!.at(-1)!.leave(new StoreBusyError('the server has too many operations waiting; try again shortly'));
    return true;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOn(() => {
        this.running--;
        this.next();
      });
    };
  }

  /**
   * Runs `step` (a turn given back or handed to a waiter) at once while this turn of the event
   * loop has handed turns on for less than SLICE_MS, and after a poll for I/O past that. Always
   * at once, an operation whose body was in memory ran to its answer and handed its turn to the
   * next in the same poll: a hundred connections whose bodies all came in one poll ran their
   * operations one after another, for a second, while no connection was accepted or read. Always
   * after a poll, small operations lost a fifth of their throughput at 32 connections.
   */
  private handOn(step: () => void): void {
    const now = performance.now();
    if (this.sliceFrom < 0) {
      this.sliceFrom = now;
      setImmediate(() => (this.sliceFrom = -1));
    }
    if (now - this.sliceFrom < SLICE_MS) step();
    else setImmediate(step);
  }

  /** Gives free turns to the next clients in rotation. */
  private next(): void {
    while (this.running < this.concurrency && this.waitingCount > 0) {
      const [client, line] = this.lines.entries().next().value as [string, Waiter[]];
      const waiter = line.shift()!;
      this.waitingCount--;
      this.lines.delete(client);
      // Served: to the end of the rotation, if it has more waiting.
      if (line.length) this.lines.set(client, line);
      this.running++;
      waiter.go(this.releaser());
    }
  }
}

/**
 * The turn an operation holds, by its request (the HTTP request object), so that an operation
 * found heavy gives its turn back: heavy operations take turns of their own (one at a time, on
 * a thread of their own, limits.ts), and four of them holding every turn here kept ordinary
 * operations waiting 300 ms behind them.
 */
export const heldTurns = new WeakMap<object, () => void>();
