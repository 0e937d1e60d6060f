/**
 * Sentences of a long text's passages, read on a second thread while this one goes on. Reading
 * sentences (wink-nlp's tokenizer and splitter) is about a fifth of a long report's reading
 * time, and needs nothing but each passage's text: passages are handed over as the text layer
 * makes them, and their sentences are taken back, in any order, when the names are read. The
 * sentences are the same as readSentences reads here (sentencesFromSpans rebuilds them from
 * the text); a passage the thread could not answer for is read here instead.
 *
 * The pipeline is synchronous, so taking waits on a shared counter the thread moves on each
 * answer (Atomics.wait), and answers are taken off the port without the event loop
 * (receiveMessageOnPort).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { readSentences, sentencesFromSpans, type Sentence } from './sentences';

/** Passages sent in one message. */
const BATCH = 200;
/** A thread that answers nothing for this long is given up on; what is left is read here. */
const STALL_MS = 30_000;

interface Answer {
  ids: string[];
  spans: (Int32Array | null)[];
}

/** tsx's register API, found from this module (the thread starts from the process's directory otherwise). */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

export class SentenceThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [answers sent, failed]: moved by the thread. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  private readonly answers = new Map<string, Int32Array | null>();
  /** The text each passage was handed over with: its answer holds for that text only. */
  private readonly submitted = new Map<string, string>();
  private batch: { ids: string[]; texts: string[] } = { ids: [], texts: [] };
  private posted = 0;
  private received = 0;
  private failed = false;
  /** Passages taken with the thread's answer (the rest were read here). */
  served = 0;

  /** A thread, or null where none can be started (the caller then reads every passage itself). */
  static start(): SentenceThread | null {
    try {
      return new SentenceThread();
    } catch {
      return null;
    }
  }

  private constructor() {
    const { port1, port2 } = new MessageChannel();
    // Started from source: the loader that runs this module's TypeScript is registered there too.
    const entry = new URL('./sentence-worker.ts', import.meta.url).href;
    // A thread that cannot load says so at once, rather than by silence.
    const boot = `const { workerData } = require('node:worker_threads');
      import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).catch(() => {
        Atomics.store(workerData.shared, 1, 1);
        Atomics.add(workerData.shared, 0, 1);
        Atomics.notify(workerData.shared, 0);
      });`;
    this.worker = new Worker(boot, { eval: true, workerData: { port: port2, shared: this.shared }, transferList: [port2] });
    // A thread that dies says so where it can; one that cannot is found by its silence (take).
    this.worker.on('error', () => Atomics.store(this.shared, 1, 1));
    this.worker.unref();
    this.port = port1;
  }

  /** Hands a passage over; its sentences are read while the caller goes on. */
  submit(id: string, text: string): void {
    this.submitted.set(id, text);
    this.batch.ids.push(id);
    this.batch.texts.push(text);
    if (this.batch.ids.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (!this.batch.ids.length || this.failed) return;
    this.port.postMessage(this.batch);
    this.posted++;
    this.batch = { ids: [], texts: [] };
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const answer = m.message as Answer;
      answer.ids.forEach((id, i) => this.answers.set(id, answer.spans[i]!));
      this.received++;
    }
  }

  /** The sentences of a passage handed over, waiting for the thread if need be. */
  take(id: string, text: string): Sentence[] {
    if (this.submitted.get(id) !== text) return readSentences(text);
    this.flush();
    let progress = performance.now();
    while (!this.failed && !this.answers.has(id) && this.received < this.posted) {
      const seen = Atomics.load(this.shared, 0);
      const before = this.received;
      this.drain();
      if (this.answers.has(id)) break;
      if (Atomics.load(this.shared, 1)) this.failed = true;
      else if (this.received > before) progress = performance.now();
      else if (performance.now() - progress > STALL_MS) this.failed = true;
      else Atomics.wait(this.shared, 0, seen, 1000);
    }
    const spans = this.answers.get(id);
    this.answers.delete(id);
    const same = this.submitted.get(id) === text;
    this.submitted.delete(id);
    if (!spans || !same) return readSentences(text);
    this.served++;
    return sentencesFromSpans(text, spans);
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
