/**
 * Request bodies, read whole before their operation takes a turn (turns.ts). Read inside the
 * turn, as Yoga reads them, a client that sent a request's headers and part of its body, then
 * nothing, held a turn until the request timeout: four such connections stopped every other
 * client's operations for 30 s.
 *
 * Bodies still arriving are bounded in all, by their declared lengths: past `budget` bytes, room
 * is made from the client (network, see http.ts clientOf) with the most bytes arriving: its body
 * arriving slowest (fewest bytes a second since it began) is closed. An ordinary body arrives
 * within milliseconds; at the connection cap, unfinished bodies (2 MB each) would otherwise hold
 * gigabytes outside the heap's limit, and refusing the newcomer instead would let a few stalled
 * uploads shut everyone out. Other rules failed to attack: the oldest body first closed an honest
 * 200 KB upload 261 times in 262 while new connections declared 2 MB and sent nothing; the
 * slowest over all, 123 times in 124 while another network sent 2 MB bodies faster than it.
 */
import type { IncomingMessage } from 'node:http';
import { RequestAbortedError } from './store/GraphStore';

export class BodyReader {
  /** Bodies arriving: their client, declared length, bytes come so far, and when they began. */
  private readonly arriving = new Map<IncomingMessage, { client: string; length: number; received: number; since: number }>();
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
  read(req: IncomingMessage, length: number, client: string): Promise<Buffer> {
    while (this.total + length > this.budget && this.arriving.size) {
      const slowest = this.slowestOfHeaviest();
      this.forget(slowest);
      slowest.socket.destroy();
    }
    const entry = { client, length, received: 0, since: performance.now() };
    this.arriving.set(req, entry);
    this.total += length;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        entry.received = received;
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

  /**
   * The body to close for room: of the client with the most bytes arriving, the one arriving at
   * the fewest bytes a second (a body just begun counts from 50 ms on).
   */
  private slowestOfHeaviest(): IncomingMessage {
    const byClient = new Map<string, number>();
    for (const { client, length } of this.arriving.values()) byClient.set(client, (byClient.get(client) ?? 0) + length);
    let heaviest = '';
    let most = -1;
    for (const [client, bytes] of byClient) if (bytes > most) (most = bytes), (heaviest = client);
    const now = performance.now();
    let slowest: IncomingMessage | null = null;
    let least = Infinity;
    for (const [req, { client, received, since }] of this.arriving) {
      if (client !== heaviest) continue;
      const rate = received / Math.max(50, now - since);
      if (rate < least) (least = rate), (slowest = req);
    }
    return slowest!;
  }

  private forget(req: IncomingMessage): void {
    const entry = this.arriving.get(req);
    if (entry === undefined) return;
    this.arriving.delete(req);
    this.total -= entry.length;
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
