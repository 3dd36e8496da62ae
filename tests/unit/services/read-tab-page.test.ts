import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { err, ok } from '@/utils/model';
import { type OwnExtraction, previewOf, readTabFirst, readTabPage } from '@/utils/services';
import { makeExtracted } from '../../support/articles';
import { mockCapturedTab } from '../../support/captured-tab';

// The popup's first script (entrypoints/popup-start.ts) reads the tab before any of the popup's
// modules has loaded: the tab's lookup and the capture script's injection start at once, and
// the capture goes to the offscreen document; only where that cannot extract does it ask the
// modules for the popup's own Worker (readTabFirst's `own`).

/** A Worker that answers only when a test makes it (`asked`: the last one given a page). */
class SilentWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror = null;
  postMessage() {
    asked = this;
  }
  terminate() {}
}
let asked: SilentWorker | null = null;

beforeEach(() => {
  asked = null;
  vi.stubGlobal('Worker', SilentWorker);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function tabShows(url: string) {
  return vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 9, url }] as never);
}

describe('a tab reading', () => {
  test('looks the tab up and injects the capture script once', async () => {
    const query = tabShows('https://news.example/story');
    // A result the check refuses: the reading ends right after the capture, before extraction.
    const inject = vi
      .spyOn(browser.scripting, 'executeScript')
      .mockResolvedValue([{ frameId: 0, documentId: 'd', result: { html: 42 } }] as never);
    const read = await readTabPage();
    expect(read).toMatchObject({ kind: 'restricted', reason: { code: 'page-no-answer' } });
    expect(query).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 9 }, files: ['/capture.js'] });
  });

  test('a page Readmark may not touch is explained, and nothing is injected into it', async () => {
    tabShows('chrome://settings/');
    const inject = vi.spyOn(browser.scripting, 'executeScript');
    expect(await readTabPage()).toEqual({ kind: 'restricted', reason: { code: 'page-browser' } });
    expect(inject).not.toHaveBeenCalled();
  });

  test("the browser's refusal to inject, met by the start, is explained", async () => {
    tabShows('https://news.example/story');
    vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(
      new Error(
        'Cannot access contents of url "chrome://newtab/". Extension manifest must request permission.',
      ),
    );
    expect(await readTabPage()).toEqual({ kind: 'restricted', reason: { code: 'page-browser' } });
  });

  test('a failed tab lookup rejects the reading (the popup shows it as an error)', async () => {
    vi.spyOn(browser.tabs, 'query').mockRejectedValue(new Error('No current window'));
    await expect(readTabPage()).rejects.toThrow('No current window');
  });
});

describe('the in-page UI and the extraction', () => {
  // The capture says the full content script does not run in the page yet, so it is injected
  // without asking the page first; when is what these tests are about (README, preview speed,
  // eleventh round: beside the extraction it took the cores from the Worker).
  function pageCaptured(tabId: number) {
    const inject = mockCapturedTab(tabId, 'https://news.example/story');
    return () =>
      inject.mock.calls.some(
        ([call]) => (call as { files?: string[] }).files?.[0] === '/content-scripts/content.js',
      );
  }
  const answer = () =>
    asked?.onmessage?.({
      data: {
        result: err('extract-failed', { detail: 'test' }),
        timing: { ready: 0, received: 0, extracted: 0 },
      },
    });

  test('is injected when the extraction answers, before the reading ends, not beside it', async () => {
    const pageScriptInjected = pageCaptured(31);
    const reading = readTabPage();
    await expect.poll(() => asked).not.toBeNull();
    expect(pageScriptInjected()).toBe(false);
    answer();
    expect(await reading).toMatchObject({ kind: 'error', error: { code: 'extract-failed' } });
    expect(pageScriptInjected()).toBe(true);
  });

  test('is injected without waiting longer for an extraction that takes its time', async () => {
    const pageScriptInjected = pageCaptured(32);
    const reading = readTabPage();
    await expect.poll(() => asked).not.toBeNull();
    // No answer yet: the bound (100 ms after the capture) attaches the page's UI all the same.
    await expect.poll(pageScriptInjected, { timeout: 2_000 }).toBe(true);
    answer();
    await reading;
  });
});

describe('the popup’s first script’s reading', () => {
  const whole = makeExtracted({ title: 'Council votes on the bridge', url: 'https://news.example/story' });

  test('where no offscreen document can extract, the popup’s own Worker is asked for once and reads the capture', async () => {
    mockCapturedTab(7, 'https://news.example/story');
    const preview = vi.fn<OwnExtraction['preview']>(async () =>
      ok({ preview: previewOf(whole), complete: async () => ok(whole) }),
    );
    const own = vi.fn(async (): Promise<OwnExtraction> => ({ preview, whole: async () => ok(whole) }));

    const read = await readTabFirst(own);
    expect(read).toMatchObject({ kind: 'read', tabId: 7, article: { title: 'Council votes on the bridge' } });
    expect(own).toHaveBeenCalledTimes(1);
    // The capture it was given is the one bound to the tab's own address.
    expect(preview.mock.calls[0]![0]).toMatchObject({
      url: 'https://news.example/story',
      html: '<p>Story</p>',
    });
  });

  test('a failed tab lookup rejects it, as the popup’s own reading does', async () => {
    vi.spyOn(browser.tabs, 'query').mockRejectedValue(new Error('No current window'));
    await expect(readTabFirst(async () => ({ preview: vi.fn(), whole: vi.fn() }))).rejects.toThrow(
      'No current window',
    );
  });
});
