import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { captureTab, pageScriptReady } from '@/utils/services';

// The popup's capture: the capture script's result is checked like a message (it was made in the
// page's renderer), the browser's refusals become the reader's explanations, and the full content
// script is injected once, only where it does not answer already.

const page = {
  url: 'https://news.example/story',
  title: 'Story',
  html: '<html><body><p>Story</p></body></html>',
  selection: 'the bridge',
  pageScript: false,
};

function injectionAnswers(result: unknown) {
  return vi
    .spyOn(browser.scripting, 'executeScript')
    .mockImplementation(async () => [{ frameId: 0, documentId: 'd', result }] as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('captureTab', () => {
  test('injects the capture script into the tab and answers its result', async () => {
    const inject = injectionAnswers(page);
    expect(await captureTab(7)).toEqual({ ok: true, value: page });
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/capture.js'] });
  });

  test.each([
    ['no result (the script failed)', undefined],
    ['a field of the wrong type', { ...page, html: 42 }],
    ['a field too many', { ...page, cookie: 'x' }],
    ['an address that is not one', { ...page, url: 'not a url' }],
    ['a selection far longer than the popup shows', { ...page, selection: 'x'.repeat(5_000) }],
    ['no word on the in-page UI', { ...page, pageScript: undefined }],
  ])('refuses a result with %s', async (_, result) => {
    injectionAnswers(result);
    const captured = await captureTab(7);
    expect(captured.ok).toBe(false);
    expect(!captured.ok && captured.error.code).toBe('page-no-answer');
  });

  test("the browser's refusal to inject is explained", async () => {
    vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(
      new Error(
        'Cannot access contents of url "chrome://settings/". Extension manifest must request permission.',
      ),
    );
    expect(await captureTab(7)).toEqual({ ok: false, error: { code: 'page-browser' } });
  });
});

describe('pageScriptReady', () => {
  test('injects the content script once where none answers', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    const inject = injectionAnswers(undefined);
    await Promise.all([pageScriptReady(101), pageScriptReady(101)]);
    await pageScriptReady(101);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 101 }, files: ['/content-scripts/content.js'] });
  });

  test('leaves a tab whose content script answers alone', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: [] } as never);
    const inject = injectionAnswers(undefined);
    await pageScriptReady(102);
    expect(inject).not.toHaveBeenCalled();
  });

  test('where the capture found the content script missing, it is injected without asking the page', async () => {
    const ask = vi.spyOn(browser.tabs, 'sendMessage');
    const inject = injectionAnswers(undefined);
    await pageScriptReady(104, false);
    expect(ask).not.toHaveBeenCalled();
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 104 }, files: ['/content-scripts/content.js'] });
  });

  test('where the capture found the content script running, nothing is asked or injected', async () => {
    const ask = vi.spyOn(browser.tabs, 'sendMessage');
    const inject = injectionAnswers(undefined);
    await pageScriptReady(105, true);
    expect(ask).not.toHaveBeenCalled();
    expect(inject).not.toHaveBeenCalled();
  });

  test('a refused injection is not thrown: the message that needed the script reports it', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(
      new Error('Cannot access a chrome:// URL'),
    );
    await expect(pageScriptReady(103)).resolves.toBeUndefined();
  });
});
