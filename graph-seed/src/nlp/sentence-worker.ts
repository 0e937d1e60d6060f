/** The sentence-reading thread (sentence-thread.ts): reads each batch of passages it is sent and answers with their sentences' spans. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { sentenceSpans } from './sentences';

const { port, shared, claims } = workerData as { port: MessagePort; shared: Int32Array; claims: Int32Array };

/** Tells the sending thread to read what is left itself, and wakes it. */
const giveUp = () => {
  Atomics.store(shared, 1, 1);
  Atomics.add(shared, 0, 1);
  Atomics.notify(shared, 0);
};
process.on('uncaughtException', giveUp);

port.on('message', (batch: { batch: number; texts: string[] }) => {
  // A batch the sending thread has taken back to read itself is skipped.
  if (batch.batch < claims.length && Atomics.compareExchange(claims, batch.batch, 0, 1) !== 0) return;
  try {
    const each = batch.texts.map((t) => sentenceSpans(t));
    // One buffer for the batch: passage i's spans run from at[i] to at[i + 1]; those not answered are listed.
    const at = new Int32Array(each.length + 1);
    const missing: number[] = [];
    let size = 0;
    each.forEach((s, i) => {
      at[i] = size;
      if (s) size += s.length;
      else missing.push(i);
    });
    at[each.length] = size;
    const spans = new Int32Array(size);
    let k = 0;
    for (const s of each) if (s) spans.set(s, (k += s.length) - s.length);
    port.postMessage({ batch: batch.batch, spans, at, missing }, [spans.buffer as ArrayBuffer, at.buffer as ArrayBuffer]);
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
  } catch {
    // The passages of this batch, and those after it, are read by the thread that sent them.
    giveUp();
  }
});
