// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  answerInProcess,
  answerOnOffscreenChannel,
  createHandler,
  offscreenInProcess,
  offscreenSenders,
  toOffscreen,
} from '@/utils/messaging';
import { err, ok, type Result } from '@/utils/model';
import {
  chooseExtraction,
  choosePopupExtraction,
  createHeldExtractions,
  type ExtractWorkerAnswer,
  extractForPreview,
  extractInWorker,
  offscreenHandlers,
  ownWorkerExtraction,
  retryingOnce,
} from '@/utils/services';
import { makeExtracted } from '../../support/articles';

// The popup's preview is painted from the article without its HTML; the HTML is sanitised after
// that paint, when the popup (or Save, or Listen) asks for the whole article. What is saved must
// be exactly what one sanitised extraction gives.

const capture = { url: 'https://news.example/bridge', title: 'Bridge', html: '<p>The council voted.</p>' };
/** What the pipeline answers, before DOMPurify: markup the sanitiser must take out. */
const raw = makeExtracted({
  url: capture.url,
  title: 'Harbour bridge to be rebuilt',
  contentHtml:
    '<p onclick="steal()">The council voted.</p><span id="readmark-removed-0"></span><script>steal()</script>',
  textContent: 'The council voted.',
  removed: [
    {
      rule: 'newsletter',
      label: 'newsletter box',
      sample: 'Sign up',
      html: '<div><img src="x" onerror="steal()"><p>Sign up for the newsletter</p></div>',
    },
  ],
});

let extractions = 0;
/** The extraction Worker: answers `raw` for every page (counted). */
class PipelineWorker {
  onmessage: ((event: MessageEvent<ExtractWorkerAnswer>) => void) | null = null;
  onerror = null;
  postMessage() {
    extractions++;
    setTimeout(() =>
      this.onmessage?.({
        data: { result: ok(structuredClone(raw)), timing: { ready: 1, received: 2, extracted: 3 } },
      } as MessageEvent<ExtractWorkerAnswer>),
    );
  }
  terminate() {}
}

const open: BroadcastChannel[] = [];
beforeEach(() => {
  extractions = 0;
  vi.stubGlobal('Worker', PipelineWorker);
});
afterEach(() => {
  for (const channel of open.splice(0)) channel.close();
  vi.unstubAllGlobals();
});

/** What a sanitised extraction gives today, the article Save must store. */
async function sanitisedWhole() {
  const whole = await extractInWorker(capture);
  if (!whole.ok) throw new Error(JSON.stringify(whole.error));
  return whole.value;
}

describe('an extraction for the preview', () => {
  test('the preview has no HTML; the whole article is the sanitised extraction, sanitised once', async () => {
    const expected = await sanitisedWhole();
    expect(expected.contentHtml).not.toMatch(/<script|onclick|onerror/);

    const extracted = await extractForPreview(capture);
    if (!extracted.ok) throw new Error(JSON.stringify(extracted.error));
    const { preview, complete } = extracted.value;
    expect(preview).not.toHaveProperty('contentHtml');
    expect(preview.removed).toEqual([{ rule: 'newsletter', label: 'newsletter box', sample: 'Sign up' }]);
    const { contentHtml, removed, ...text } = expected;
    expect(preview).toMatchObject(text);

    const whole = await complete();
    expect(whole).toEqual(ok(expected));
    // Asked again (the popup after its paint, then Save): the same article, not sanitised again.
    expect((await complete()) as Result<unknown>).toBe(whole);
  });

  test('a failure is not kept: asked again, it tries again', async () => {
    const answers = [err('extract-failed', { detail: 'DOMPurify could not load' }), ok('article')];
    const run = vi.fn(async () => answers.shift()!);
    const complete = retryingOnce(run);
    expect((await complete()).ok).toBe(false);
    expect(await complete()).toEqual(ok('article'));
    expect(await complete()).toEqual(ok('article'));
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('what the offscreen document holds between the preview and the rest', () => {
  const whole = async () => ok(makeExtracted());

  test('a ticket is taken once', () => {
    const held = createHeldExtractions();
    const ticket = held.hold(whole);
    expect(held.take(ticket)).toBe(whole);
    expect(held.take(ticket)).toBeUndefined();
    expect(held.take(crypto.randomUUID())).toBeUndefined();
  });

  test('beyond the limit the oldest is let go, and anything after its time', () => {
    vi.useFakeTimers();
    try {
      const held = createHeldExtractions({ limit: 2, ttlMs: 1_000 });
      const [first, second, third] = [held.hold(whole), held.hold(whole), held.hold(whole)];
      expect(held.take(first)).toBeUndefined();
      expect(held.take(second)).toBe(whole);
      vi.advanceTimersByTime(1_000);
      expect(held.take(third)).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the popup’s extraction through the offscreen document', () => {
  const self = { id: 'readmark-id', origin: 'chrome-extension://readmark-id' };
  function offscreenDocument(held = createHeldExtractions()) {
    const handle = createHandler(
      { schemas: toOffscreen, allowed: offscreenSenders, handlers: offscreenHandlers(held) },
      self,
    );
    open.push(answerOnOffscreenChannel(handle, self));
  }

  test('the preview first, then the whole article from the document, as one sanitised extraction', async () => {
    const expected = await sanitisedWhole();
    offscreenDocument();
    const extract = await choosePopupExtraction(Promise.resolve(true));
    const timing = vi.fn();
    const extracted = await extract(capture, timing);
    if (!extracted.ok) throw new Error(JSON.stringify(extracted.error));
    expect(extracted.value.preview.title).toBe('Harbour bridge to be rebuilt');
    expect(timing).toHaveBeenCalledWith({ ready: 1, received: 2, extracted: 3 });
    extractions = 0;
    expect(await extracted.value.complete()).toEqual(ok(expected));
    expect(extractions).toBe(0);
  });

  test('asked too late (the document let it go), the popup extracts the capture again: the same article', async () => {
    const expected = await sanitisedWhole();
    offscreenDocument(createHeldExtractions({ limit: 1 }));
    const extract = await choosePopupExtraction(Promise.resolve(true));
    const first = await extract(capture);
    await extract(capture);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    extractions = 0;
    expect(await first.value.complete()).toEqual(ok(expected));
    expect(extractions).toBe(1);
  });

  test('with the document there, the popup’s own Worker is never asked for (the first script has none)', async () => {
    const expected = await sanitisedWhole();
    offscreenDocument();
    const own = vi.fn(ownWorkerExtraction);
    const extract = await chooseExtraction(Promise.resolve(true), () => null, own);
    const extracted = await extract(capture);
    if (!extracted.ok) throw new Error(JSON.stringify(extracted.error));
    expect(await extracted.value.complete()).toEqual(ok(expected));
    expect(own).not.toHaveBeenCalled();
  });

  test('with no document, the popup’s own Worker extracts, asked for once when the choice is made', async () => {
    const own = vi.fn(ownWorkerExtraction);
    const extract = await chooseExtraction(Promise.resolve(false), () => null, own);
    expect(own).toHaveBeenCalledTimes(1);
    const extracted = await extract(capture);
    if (!extracted.ok) throw new Error(JSON.stringify(extracted.error));
    expect(extracted.value.preview.title).toBe('Harbour bridge to be rebuilt');
    expect(extractions).toBe(1);
    expect(own).toHaveBeenCalledTimes(1);
  });

  test('in the popup’s own process the capture is handed to the document there, not over the channel', async () => {
    const expected = await sanitisedWhole();
    const handlers = offscreenHandlers();
    const preview = vi.spyOn(handlers, 'offscreenPreview');
    const view = {};
    answerInProcess(
      createHandler({ schemas: toOffscreen, allowed: offscreenSenders, handlers }, self),
      self,
      view,
    );
    // No channel listens and the document is not said to be open: only the view can answer.
    const extract = await choosePopupExtraction(Promise.resolve(false), () =>
      offscreenInProcess(() => [view]),
    );
    const extracted = await extract(capture);
    if (!extracted.ok) throw new Error(JSON.stringify(extracted.error));
    expect(extracted.value.preview.title).toBe('Harbour bridge to be rebuilt');
    expect(preview).toHaveBeenCalledTimes(1);
    extractions = 0;
    expect(await extracted.value.complete()).toEqual(ok(expected));
    expect(extractions).toBe(0);
  });
});
