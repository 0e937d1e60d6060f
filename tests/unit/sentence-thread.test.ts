/** Sentences read on a second thread are the sentences read here, and the graph is the same. */
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_CURATION } from '../../graph-seed/src/model/curation';
import { SentenceThread } from '../../graph-seed/src/nlp/sentence-thread';
import { readSentences, sentencesFromSpans, sentenceSpans } from '../../graph-seed/src/nlp/sentences';
import { runPipeline } from '../../graph-seed/src/pipeline';
import { bundledCorpus, reportBundle } from '../helpers/report';

const TEXTS = [
  'The Council of Ministers adopted the plan. It was revised in 2016 by the Ministry’s own staff.',
  'Smith et al. (2012) found that wages rose. Others disagree: see Jones (2014).',
  'The strategy has three aims: 1. growth in jobs, 2. safer migration.',
  '   ',
  'One sentence without an end',
];

describe('sentences as spans', () => {
  it('rebuild, from the text, the sentences read directly', () => {
    for (const t of TEXTS) expect(sentencesFromSpans(t, sentenceSpans(t)!)).toEqual(readSentences(t));
  });
});

describe('the sentence thread', () => {
  it('answers every passage handed over with the sentences read here, in any order of taking', async () => {
    const thread = SentenceThread.start();
    expect(thread).not.toBeNull();
    try {
      const passages = reportBundle().passages.filter((p) => p.kind !== 'table' && p.kind !== 'figure');
      for (const p of passages) thread!.submit(p.id, p.text);
      thread!.flush();
      // Given the time, the thread answers them all.
      await vi.waitFor(() => expect(thread!.pending()).toBe(0), { timeout: 30_000, interval: 50 });
      for (const p of [...passages].reverse()) expect(thread!.take(p.id, p.text)).toEqual(readSentences(p.text));
      expect(thread!.served).toBe(passages.length);
      // A passage never handed over, or handed over with another text, is read here.
      expect(thread!.take('passage:none', TEXTS[0]!)).toEqual(readSentences(TEXTS[0]!));
      thread!.submit('passage:changed', TEXTS[0]!);
      expect(thread!.take('passage:changed', TEXTS[1]!)).toEqual(readSentences(TEXTS[1]!));
    } finally {
      thread!.close();
    }
  }, 60_000);

  it('shares the reading when taken at once: batches the thread has not started are read here, every passage once', () => {
    const thread = SentenceThread.start();
    try {
      const passages = reportBundle().passages.filter((p) => p.kind !== 'table' && p.kind !== 'figure');
      // Twenty copies under ids of their own: batches enough for both threads.
      const many = Array.from({ length: 20 }, (_, k) => passages.map((p) => ({ id: `${p.id}#${k}`, text: p.text }))).flat();
      for (const p of many) thread!.submit(p.id, p.text);
      for (const p of many) expect(thread!.take(p.id, p.text)).toEqual(readSentences(p.text));
      expect(thread!.served + thread!.readBack).toBe(many.length);
      expect(thread!.readBack).toBeGreaterThan(0);
    } finally {
      thread!.close();
    }
  }, 60_000);

  it('makes the same graph as reading every sentence on one thread', () => {
    const corpus = bundledCorpus();
    if (!corpus.ok) throw new Error('no corpus');
    const one = runPipeline(corpus.value, EMPTY_CURATION, () => {}, [], { sentenceThread: 'off' });
    const said: string[] = [];
    const two = runPipeline(corpus.value, EMPTY_CURATION, (stage, detail) => said.push(`${stage}: ${detail}`), [], { sentenceThread: 'on' });
    if (!one.ok || !two.ok) throw new Error('the pipeline failed');
    expect(two.value.bundle.version).toBe(one.value.bundle.version);
    expect(two.value.bundle.relations.length).toBe(one.value.bundle.relations.length);
    // Said on the command line: how many passages' sentences the second thread read.
    expect(said.join('\n')).toMatch(/sentences of \d+ of \d+ passages read on a second thread/);
  }, 60_000);
});
