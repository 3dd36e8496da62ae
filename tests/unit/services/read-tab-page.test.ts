import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { readTabPage, startTabReading } from '@/utils/services';

// The popup's first script (entrypoints/popup-start.ts) starts the tab's lookup and the capture
// script's injection before the popup's modules load; the entry module's readTabPage takes that
// start over instead of asking the browser again, and checks what it answers as before.

/** A Worker that never answers: these tests end before any extraction. */
class SilentWorker {
  onmessage = null;
  onerror = null;
  postMessage() {}
  terminate() {}
}

beforeEach(() => {
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
