/**
 * Request bodies, read whole before their operation takes a turn (turns.ts). Read inside the
 * turn, as Yoga reads them, a client that sent a request's headers and part of its body, then
 * nothing, held a turn until the request timeout: four such connections stopped every other
 * client's operations for 30 s.
 *
 * Bodies still arriving are bounded in all, by their declared lengths: past `budget` bytes, the
 * one that began arriving longest ago is closed to make room. An ordinary body arrives within
 * milliseconds, so the oldest is the one that stalls; at the connection cap, unfinished bodies
 * (2 MB each) would otherwise hold gigabytes outside the heap's limit, and refusing the newcomer
 * instead would let a few stalled uploads shut everyone out.
 */
import type { IncomingMessage } from 'node:http';
import { RequestAbortedError } from './store/GraphStore';

export class BodyReader {
  /** Bodies arriving, oldest first (a Map keeps insertion order), with their declared lengths. */
  private readonly arriving = new Map<IncomingMessage, number>();
  private total = 0;

  constructor(private readonly budget: number) {}

  /** Bytes of bodies arriving, by their declared lengths. */
  get inProgress(): number {
    return this.total;
  }

  /**
   * The body of a request whose Content-Length is `length`, once it has all come. Rejects with
   * RequestAbortedError when the connection closes first (its client hung up, it timed out, or
   * it was closed to make room).
   */
  read(req: IncomingMessage, length: number): Promise<Buffer> {
    for (const [oldest] of this.arriving) {
      if (this.total + length <= this.budget) break;
      this.forget(oldest);
      oldest.socket.destroy();
    }
    this.arriving.set(req, length);
    this.total += length;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
      };
      const onEnd = () => {
        done();
        // Node's parser hands over exactly Content-Length bytes; fewer means the body was cut.
        if (received === length) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
        else reject(new RequestAbortedError());
      };
      const onClose = () => {
        done();
        reject(new RequestAbortedError());
      };
      const done = () => {
        this.forget(req);
        req.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
      };
      req.on('data', onData).once('end', onEnd).once('error', onClose).once('close', onClose);
    });
  }

  private forget(req: IncomingMessage): void {
    const length = this.arriving.get(req);
    if (length === undefined) return;
    this.arriving.delete(req);
    this.total -= length;
  }
}

/**
 * A body already read, in the form Yoga's Node adapter takes in place of the request's stream
 * (an async iterable with an own key: the adapter tests `Object.keys(body).length`, which on a
 * Buffer lists every byte, a quarter of a second for 2 MB).
 */
export function bodyOf(bytes: Buffer): { bytes: Buffer; [Symbol.asyncIterator](): AsyncGenerator<Buffer> } {
  return {
    bytes,
    async *[Symbol.asyncIterator]() {
      yield bytes;
    },
  };
}
