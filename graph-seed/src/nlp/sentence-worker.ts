/** The sentence-reading thread (sentence-thread.ts): reads each batch of passages it is sent and answers with their sentences' spans. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { sentenceSpans } from './sentences';

const { port, shared } = workerData as { port: MessagePort; shared: Int32Array };

/** Tells the sending thread to read what is left itself, and wakes it. */
const giveUp = () => {
  Atomics.store(shared, 1, 1);
  Atomics.add(shared, 0, 1);
  Atomics.notify(shared, 0);
};
process.on('uncaughtException', giveUp);

port.on('message', (batch: { ids: string[]; texts: string[] }) => {
  try {
    const spans = batch.texts.map((t) => sentenceSpans(t));
    port.postMessage({ ids: batch.ids, spans }, spans.flatMap((s) => (s ? [s.buffer as ArrayBuffer] : [])));
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
  } catch {
    // The passages of this batch, and those after it, are read by the thread that sent them.
    giveUp();
  }
});
