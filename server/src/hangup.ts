/**
 * The client's hang-up, as a signal: it aborts when the connection closes before the response
 * was written in full. An operation's store calls and its guard watch it, so that work nobody
 * will read stops (Neo4j's query with it, see Neo4jGraphStore.send).
 */
import { setMaxListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const signals = new WeakMap<ServerResponse, AbortSignal>();

/**
 * The requests waiting on each connection, told when it closes: one listener per connection,
 * however many requests are pipelined on it (a listener each drew Node's leak warning past ten).
 */
const waiting = new WeakMap<Socket, Set<() => void>>();

function onClose(socket: Socket, gone: () => void): () => void {
  let set = waiting.get(socket);
  if (!set) {
    const all = (set = new Set());
    waiting.set(socket, all);
    socket.once('close', () => all.forEach((g) => g()));
  }
  set.add(gone);
  return () => set.delete(gone);
}

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
    const forget = socket ? onClose(socket, gone) : () => {};
    res.once('close', () => {
      forget();
      gone();
    });
  }
  return signal;
}
