// @vitest-environment node
// The background's extractions in Chrome go to the offscreen document. Chrome lists a document it
// is still loading as open before the document's script listens: a message sent then reaches
// nobody ("Receiving end does not exist"), which is how an import's download once failed when it
// came while the background's own start was still opening the document.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { extractPage, setUpOffscreenExtraction } from '@/utils/services';
import { makeExtracted } from '../../support/articles';

const capture = {
  html: '<p>The harbour footbridge reopens.</p>',
  url: 'https://news.example/bridge',
  title: '',
};
const article = makeExtracted();
const NOBODY = 'Could not establish connection. Receiving end does not exist.';

type Loose = Record<string, unknown>;
let listed: boolean;
let loaded: boolean;
let createDocument: ReturnType<typeof vi.fn>;
let sendMessage: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  listed = false;
  loaded = false;
  (browser.runtime as unknown as Loose).getContexts = vi.fn(async () => (listed ? [{}] : []));
  createDocument = vi.fn();
  (browser as unknown as Loose).offscreen = { createDocument };
  // The document answers once its script runs; before that, nobody does.
  sendMessage = vi
    .spyOn(browser.runtime, 'sendMessage')
    .mockImplementation(async () =>
      loaded ? { ok: true, value: article } : Promise.reject(new Error(NOBODY)),
    );
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (browser as unknown as Loose).offscreen;
  delete (browser.runtime as unknown as Loose).getContexts;
});

describe('extractPage in Chrome (the offscreen document)', () => {
  test('waits for a document its own context is still opening, which Chrome already lists', async () => {
    let finishLoading!: () => void;
    createDocument.mockImplementation(() => {
      listed = true;
      return new Promise<void>((resolve) => {
        finishLoading = () => {
          loaded = true;
          resolve();
        };
      });
    });
    setUpOffscreenExtraction(); // the background's start: the document is loading when…
    await vi.waitFor(() => expect(createDocument).toHaveBeenCalledTimes(1));
    const extracted = extractPage(capture); // …an import's download comes
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sendMessage).not.toHaveBeenCalled();
    finishLoading();
    expect(await extracted).toEqual({ ok: true, value: article });
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });

  test('asks once more when a document another page was opening did not listen yet', async () => {
    listed = true; // opened by the popup, still loading
    setTimeout(() => {
      loaded = true;
    }, 100);
    expect(await extractPage(capture)).toEqual({ ok: true, value: article });
    expect(sendMessage).toHaveBeenCalledTimes(2);
    expect(createDocument).not.toHaveBeenCalled();
  });

  test('an extraction the document answered with an error is not asked again', async () => {
    listed = true;
    sendMessage.mockResolvedValue({ ok: false, error: { code: 'extraction-failed', data: {} } });
    const extracted = await extractPage(capture);
    expect(extracted.ok).toBe(false);
    expect(sendMessage).toHaveBeenCalledTimes(1);
  });
});
