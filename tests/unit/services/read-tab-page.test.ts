import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { err } from '@/utils/model';
import { readTabPage, startTabReading } from '@/utils/services';

// The popup's first script (entrypoints/popup-start.ts) starts the tab's lookup and the capture
// script's injection before the popup's modules load; the entry module's readTabPage takes that
// start over instead of asking the browser again, and checks what it answers as before.

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

describe('readTabPage over the start the popup’s first script made', () => {
  test('the tab is looked up and the capture script injected once, by the start', async () => {
    const query = tabShows('https://news.example/story');
    // A result the check refuses: the reading ends right after the capture, before extraction.
    const inject = vi
      .spyOn(browser.scripting, 'executeScript')
      .mockResolvedValue([{ frameId: 0, documentId: 'd', result: { html: 42 } }] as never);
    startTabReading();
    expect(query).toHaveBeenCalledTimes(1);
    const read = await readTabPage();
    expect(read).toMatchObject({ kind: 'restricted', reason: { code: 'page-no-answer' } });
    expect(query).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 9 }, files: ['/capture.js'] });
  });

  test('a start is taken once: the next reading asks the browser again', async () => {
    const query = tabShows('chrome://settings/');
    startTabReading();
    await readTabPage();
    await readTabPage();
    expect(query).toHaveBeenCalledTimes(2);
  });

  test('a page Readmark may not touch is explained, and nothing is injected into it', async () => {
    tabShows('chrome://settings/');
    const inject = vi.spyOn(browser.scripting, 'executeScript');
    startTabReading();
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
    startTabReading();
    expect(await readTabPage()).toEqual({ kind: 'restricted', reason: { code: 'page-browser' } });
  });

  test('a failed tab lookup rejects the reading (the popup shows it as an error)', async () => {
    vi.spyOn(browser.tabs, 'query').mockRejectedValue(new Error('No current window'));
    startTabReading();
    await expect(readTabPage()).rejects.toThrow('No current window');
  });
});

describe('the in-page UI and the extraction', () => {
  // The capture says the full content script does not run in the page yet, so it is injected
  // without asking the page first; when is what these tests are about (README, preview speed,
  // eleventh round: beside the extraction it took the cores from the Worker).
  function pageCaptured(tabId: number) {
    vi.spyOn(browser.tabs, 'query').mockResolvedValue([
      { id: tabId, url: 'https://news.example/story' },
    ] as never);
    const capture = {
      url: 'https://news.example/story',
      title: 'Story',
      html: '<html><body><p>Story</p></body></html>',
      selection: '',
      pageScript: false,
    };
    const inject = vi
      .spyOn(browser.scripting, 'executeScript')
      .mockImplementation(async () => [{ frameId: 0, documentId: 'd', result: capture }] as never);
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
    startTabReading();
    const reading = readTabPage();
    await expect.poll(() => asked).not.toBeNull();
    expect(pageScriptInjected()).toBe(false);
    answer();
    expect(await reading).toMatchObject({ kind: 'error', error: { code: 'extract-failed' } });
    expect(pageScriptInjected()).toBe(true);
  });

  test('is injected without waiting longer for an extraction that takes its time', async () => {
    const pageScriptInjected = pageCaptured(32);
    startTabReading();
    const reading = readTabPage();
    await expect.poll(() => asked).not.toBeNull();
    // No answer yet: the bound (100 ms after the capture) attaches the page's UI all the same.
    await expect.poll(pageScriptInjected, { timeout: 2_000 }).toBe(true);
    answer();
    await reading;
  });
});
