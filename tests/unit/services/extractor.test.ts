import { describe, expect, test } from 'vitest';
import type { PageCapture } from '@/utils/messaging';
import type { ExtractedArticle } from '@/utils/model';
import {
  createExtractor,
  EXTRACTIONS_PER_WORKER,
  type ExtractWorker,
  type ExtractWorkerAnswer,
} from '@/utils/services';
import { makeExtracted } from '../../support/articles';

// The extraction Worker's keeper (createExtractor): a Worker that answered is kept warm for the
// next page; one that hangs or crashes is killed, and the next page still gets an answer.

const page = (n: number): PageCapture => ({
  url: `https://news.example/story-${n}`,
  title: `Story ${n}`,
  html: `<p>Story ${n}</p>`,
});

type Behaviour = 'answer' | 'hang' | 'crash';

/** A stand-in Worker: answers with an article titled after the page it got, hangs, or crashes. */
class FakeWorker implements ExtractWorker {
  onmessage: ((event: MessageEvent<ExtractWorkerAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: string[] = [];
  constructor(readonly next: () => Behaviour) {}
  postMessage({ url }: { html: string; url: string }): void {
    if (this.terminated) throw new Error('posted to a terminated Worker');
    this.received.push(url);
    const behaviour = this.next();
    setTimeout(() => {
      if (this.terminated) return;
      if (behaviour === 'answer') {
        const article: ExtractedArticle = makeExtracted({ url, title: `from ${url}` });
        this.onmessage?.({
          data: { result: { ok: true, value: article }, timing: { ready: 1, received: 2, extracted: 3 } },
        } as MessageEvent<ExtractWorkerAnswer>);
      } else if (behaviour === 'crash') this.onerror?.({ message: 'out of memory' } as ErrorEvent);
    }, 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** An extractor over FakeWorkers whose behaviours come from `script`, one per page posted. */
function harness(script: Behaviour[] = []) {
  const workers: FakeWorker[] = [];
  const extractor = createExtractor(() => {
    const worker = new FakeWorker(() => script.shift() ?? 'answer');
    workers.push(worker);
    return worker;
  });
  return { extractor, workers };
}

describe('createExtractor', () => {
  test('keeps the Worker that answered for the next page, and reports its times', async () => {
    const { extractor, workers } = harness();
    extractor.prewarm();
    expect(workers).toHaveLength(1);
    const timings: unknown[] = [];
    const first = await extractor.extract(page(1), { onTiming: (t) => timings.push(t) });
    const second = await extractor.extract(page(2));
    expect(first.ok && first.value.title).toBe('from https://news.example/story-1');
    expect(second.ok && second.value.title).toBe('from https://news.example/story-2');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received).toEqual(['https://news.example/story-1', 'https://news.example/story-2']);
    expect(workers[0]!.terminated).toBe(false);
    expect(timings).toEqual([{ ready: 1, received: 2, extracted: 3 }]);
  });

  test('the watchdog kills a hung extraction, and the next page is extracted by a new Worker', async () => {
    const { extractor, workers } = harness(['hang']);
    const hung = await extractor.extract(page(1), { timeoutMs: 30 });
    expect(hung).toEqual({ ok: false, error: { code: 'extract-timeout', data: { seconds: 0.03 } } });
    expect(workers[0]!.terminated).toBe(true);
    // A replacement was started at once, so the next page does not wait for a new script.
    expect(workers).toHaveLength(2);
    const next = await extractor.extract(page(2), { timeoutMs: 1_000 });
    expect(next.ok && next.value.title).toBe('from https://news.example/story-2');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received).toEqual(['https://news.example/story-2']);
  });

  test('a crashed Worker is reported and replaced', async () => {
    const { extractor, workers } = harness(['crash']);
    const crashed = await extractor.extract(page(1));
    expect(crashed).toEqual({
      ok: false,
      error: { code: 'extract-failed', data: { detail: 'out of memory' } },
    });
    expect(workers[0]!.terminated).toBe(true);
    const next = await extractor.extract(page(2));
    expect(next.ok).toBe(true);
    expect(workers[1]!.received).toEqual(['https://news.example/story-2']);
  });

  test('pages asked for at once get a Worker each; one is kept, the other ends', async () => {
    const { extractor, workers } = harness();
    const [a, b] = await Promise.all([extractor.extract(page(1)), extractor.extract(page(2))]);
    expect(a.ok && b.ok).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers.filter((w) => w.terminated)).toHaveLength(1);
    await extractor.extract(page(3));
    expect(workers).toHaveLength(2);
  });

  test(`a Worker is replaced after ${EXTRACTIONS_PER_WORKER} pages`, async () => {
    const { extractor, workers } = harness();
    for (let n = 0; n < EXTRACTIONS_PER_WORKER; n++) await extractor.extract(page(n));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(true);
    await extractor.extract(page(EXTRACTIONS_PER_WORKER));
    expect(workers).toHaveLength(2);
  });
});
