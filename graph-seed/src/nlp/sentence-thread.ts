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

/**
 * A batch's sentences: every passage's spans one after the other in `spans`, passage i's from
 * `at[i]` to `at[i + 1]`; passages the thread could not answer for are listed in `missing` (and
 * take up nothing). Two buffers a batch, moved rather than copied.
 */
interface Answer {
  batch: number;
  spans: Int32Array;
  at: Int32Array;
  missing: number[];
}

/** tsx's register API, found from this module (the thread starts from the process's directory otherwise). */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

/** Batches whose claims are shared (beyond, the thread reads every batch it is sent). */
const CLAIMABLE = 1 << 16;
/** A batch's claim: none yet, the thread's (1, set by sentence-worker.ts) or the caller's. */
const UNCLAIMED = 0;
const BY_CALLER = 2;

interface Batch {
  ids: string[];
  texts: string[];
  /** Read here (taken back from the thread before it started on them). */
  read?: Sentence[][];
}

export class SentenceThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [answers sent, failed]: moved by the thread. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  /**
   * Who reads each batch, claimed by compare-and-swap: the thread claims a batch as it starts
   * on it; the caller, waiting for one, reads a batch the thread has not started (the one it
   * waits for, or else the last), so that neither core idles while the other has work.
   */
  private readonly claims = new Int32Array(new SharedArrayBuffer(4 * CLAIMABLE));
  private readonly answers = new Map<number, Answer>();
  /** Each passage's batch, and the text it was handed over with (its answer holds for that text only). */
  private readonly submitted = new Map<string, { batch: number; text: string }>();
  private readonly batches: Batch[] = [];
  private batch: Batch = { ids: [], texts: [] };
  /** The last batch the caller may still take back (it takes from the end). */
  private lastUnread = -1;
  private failed = false;
  /** Passages taken with the thread's answer. */
  served = 0;
  /** Passages of batches taken back from the thread and read here. */
  readBack = 0;

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
    this.worker = new Worker(boot, { eval: true, workerData: { port: port2, shared: this.shared, claims: this.claims }, transferList: [port2] });
    // A thread that dies says so where it can; one that cannot is found by its silence (take).
    this.worker.on('error', () => Atomics.store(this.shared, 1, 1));
    this.worker.unref();
    this.port = port1;
  }

  /** Hands a passage over; its sentences are read while the caller goes on. */
  submit(id: string, text: string): void {
    this.submitted.set(id, { batch: this.batches.length, text });
    this.batch.ids.push(id);
    this.batch.texts.push(text);
    if (this.batch.ids.length >= BATCH) this.flush();
  }

  /** Hands over the passages batched so far (take does it too). */
  flush(): void {
    if (!this.batch.ids.length) return;
    const index = this.batches.length;
    this.batches.push(this.batch);
    this.lastUnread = index;
    if (!this.failed) this.port.postMessage({ batch: index, texts: this.batch.texts });
    this.batch = { ids: [], texts: [] };
  }

  private drain(): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const answer = m.message as Answer;
      this.answers.set(answer.batch, answer);
      any = true;
    }
    return any;
  }

  /** Reads batch `b` here if the thread has not started it; says whether it did. */
  private readHere(b: number): boolean {
    if (!this.failed && (b >= CLAIMABLE || Atomics.compareExchange(this.claims, b, UNCLAIMED, BY_CALLER) !== UNCLAIMED)) return false;
    const batch = this.batches[b]!;
    batch.read = batch.texts.map((t) => readSentences(t));
    this.readBack += batch.texts.length;
    return true;
  }

  /** Passages handed over whose sentences are not here yet (answers that came are taken in first). */
  pending(): number {
    this.drain();
    let n = 0;
    for (const { batch } of this.submitted.values()) if (!this.answers.has(batch) && !this.batches[batch]?.read) n++;
    return n;
  }

  /** The sentences of a passage handed over, waiting for the thread if need be. */
  take(id: string, text: string): Sentence[] {
    const mine = this.submitted.get(id);
    if (!mine || mine.text !== text) return readSentences(text);
    this.flush();
    const batch = this.batches[mine.batch]!;
    let progress = performance.now();
    while (!batch.read && !this.answers.has(mine.batch)) {
      const seen = Atomics.load(this.shared, 0);
      if (this.drain()) {
        progress = performance.now();
        continue;
      }
      if (Atomics.load(this.shared, 1)) this.failed = true;
      // Failed, or not started by the thread: read here.
      if (this.failed || this.readHere(mine.batch)) break;
      // The thread is on it: meanwhile, read the last batch it has not started.
      while (this.lastUnread > mine.batch && (this.batches[this.lastUnread]!.read || !this.readHere(this.lastUnread))) this.lastUnread--;
      if (this.lastUnread > mine.batch) {
        this.lastUnread--;
        progress = performance.now();
        continue;
      }
      if (performance.now() - progress > STALL_MS) this.failed = true;
      else Atomics.wait(this.shared, 0, seen, 1000);
    }
    this.submitted.delete(id);
    const i = batch.ids.indexOf(id);
    if (batch.read) return batch.read[i]!;
    const answer = this.answers.get(mine.batch);
    if (!answer || answer.missing.includes(i)) return readSentences(text);
    this.served++;
    return sentencesFromSpans(text, answer.spans.subarray(answer.at[i]!, answer.at[i + 1]!));
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
