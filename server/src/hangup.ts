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
  // A pipelined request's response waits for the ones before it and has no socket yet: it hears
  // of the connection closing only from the request's socket.
  const socket = res.req?.socket;
  const gone = () => {
    if (!res.writableFinished) controller.abort();
  };
  if (res.destroyed || socket?.destroyed) gone();
  else {
    socket?.once('close', gone);
    res.once('close', () => {
      socket?.off('close', gone);
      gone();
    });
  }
  return signal;
}
