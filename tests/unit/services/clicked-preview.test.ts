import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setUpClickedPreview } from '@/utils/services';
import { makeExtracted } from '../../support/articles';

// Chrome: a toolbar click reaches the background while its worker runs (no popup set); the tab's
// capture and extraction start there, the popup opens with ?clicked and takes that reading once.

const article = makeExtracted({ title: 'Harbour bridge to be rebuilt' });
const timing = { ready: 1, received: 2, extracted: 3, sanitised: 4 };
const page = (url: string) => ({
  url,
  title: 'Harbour bridge to be rebuilt',
  html: '<html><body><p>The council voted.</p></body></html>',
  selection: 'voted',
  pageScript: true,
});

/** A toolbar click on a tab (the fake browser's onClicked, with only the fields Readmark reads). */
const click = (tab: { id: number; windowId: number; url: string }) =>
  fakeBrowser.action.onClicked.trigger(tab as never, undefined as never);

let setPopup: ReturnType<typeof vi.fn>;
let openPopup: ReturnType<typeof vi.fn>;
let inject: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  const scope = browser as unknown as Record<string, unknown>;
  scope.offscreen = { createDocument: vi.fn() };
  setPopup = vi.fn().mockResolvedValue(undefined);
  openPopup = vi.fn().mockResolvedValue(undefined);
  Object.assign(browser.action, { setPopup, openPopup });
  // The offscreen document is open and extracts whatever it is sent.
  (browser.runtime as unknown as Record<string, unknown>).getContexts = vi.fn().mockResolvedValue([{}]);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) =>
    message.type === 'offscreenExtract' ? { ok: true, value: { article, timing } } : undefined) as never);
  inject = vi
    .spyOn(browser.scripting, 'executeScript')
    .mockImplementation((async () => [
      { frameId: 0, documentId: 'd', result: page('https://news.example/bridge') },
    ]) as never);
});

afterEach(() => {
  const scope = browser as unknown as Record<string, unknown>;
  delete scope.offscreen;
  delete (browser.runtime as unknown as Record<string, unknown>).getContexts;
  fakeBrowser.action.onClicked.removeAllListeners();
  vi.restoreAllMocks();
});

describe('the preview started at the toolbar click', () => {
  test('the click leaves no popup set, opens one with ?clicked, and that popup takes the reading once', async () => {
    const { takeClickedPreview } = setUpClickedPreview();
    expect(setPopup).toHaveBeenLastCalledWith({ popup: '' });
    await click({
      id: 7,
      windowId: 3,
      url: 'https://news.example/bridge',
    });
    expect(openPopup).toHaveBeenCalledWith({ windowId: 3 });
    expect(setPopup).toHaveBeenCalledWith({ popup: 'popup.html?clicked' });
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/capture.js'] });
    const taken = await takeClickedPreview();
    expect(taken).toEqual({
      ok: true,
      value: { tabId: 7, timing, reading: { kind: 'read', tabId: 7, article, selection: 'voted' } },
    });
    // Once: a second popup (or one on another tab) reads its tab itself.
    expect(await takeClickedPreview()).toEqual({ ok: true, value: null });
    // And the click stays the background's after the popup opened.
    await vi.waitFor(() => expect(setPopup).toHaveBeenLastCalledWith({ popup: '' }));
  });

  test('the article is the one the tab shows, whatever address the page claims', async () => {
    inject.mockImplementation((async () => [
      { frameId: 0, documentId: 'd', result: page('https://elsewhere.example/fake') },
    ]) as never);
    const { takeClickedPreview } = setUpClickedPreview();
    await click({ id: 7, windowId: 3, url: 'https://news.example/bridge' });
    const taken = await takeClickedPreview();
    expect(taken.ok && taken.value?.reading).toMatchObject({ kind: 'error' });
  });

  test('a click on a page Readmark may not touch injects nothing and explains', async () => {
    const { takeClickedPreview } = setUpClickedPreview();
    await click({ id: 8, windowId: 3, url: 'chrome://settings/' });
    expect(inject).not.toHaveBeenCalled();
    expect(await takeClickedPreview()).toEqual({
      ok: true,
      value: { tabId: 8, timing: null, reading: { kind: 'restricted', reason: { code: 'page-browser' } } },
    });
  });

  test('a popup that did not open leaves no reading to take, and the next click opens the manifest’s popup', async () => {
    openPopup.mockRejectedValue(new Error('no active window'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { takeClickedPreview } = setUpClickedPreview();
    await click({ id: 7, windowId: 3, url: 'https://news.example/bridge' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    await vi.waitFor(() => expect(setPopup).toHaveBeenLastCalledWith({ popup: 'popup.html' }));
    expect(await takeClickedPreview()).toEqual({ ok: true, value: null });
  });

  test('without offscreen documents (Firefox) the manifest’s popup stays and nothing listens to clicks', async () => {
    delete (browser as unknown as Record<string, unknown>).offscreen;
    const { takeClickedPreview } = setUpClickedPreview();
    expect(setPopup).not.toHaveBeenCalled();
    await click({ id: 7, windowId: 3, url: 'https://news.example/bridge' });
    expect(inject).not.toHaveBeenCalled();
    expect(await takeClickedPreview()).toEqual({ ok: true, value: null });
  });
});
