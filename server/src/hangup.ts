/**
 * The client's hang-up, as a signal: it aborts when the connection closes before the response
 * was written in full. An operation's store calls and its guard watch it, so that work nobody
 * will read stops (Neo4j's query with it, see Neo4jGraphStore.send).
 */
import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';

const signals = new WeakMap<ServerResponse, AbortSignal>();

export function hangUpSignal(res: ServerResponse): AbortSignal {
  let signal = signals.get(res);
  if (signal) return signal;
  const controller = new AbortController();
  signal = controller.signal;
  // Every store call of the operation watches it while it runs (thirty aliased fields, thirty
  // listeners), each removed when its call ends: not the leak Node warns of past ten.
  setMaxListeners(0, signal);
  signals.set(res, signal);
  if (res.destroyed || res.socket?.destroyed) {
    if (!res.writableFinished) controller.abort();
  } else {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  }
  return signal;
}
