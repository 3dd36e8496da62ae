import { vi } from 'vitest';
import { browser } from 'wxt/browser';

/**
 * The browser as the popup meets it on an article's tab: the tab `id` shows `url`, and every
 * script injected there answers as the capture script, a small page of it (`pageScript`: whether
 * the in-page UI already runs there). Answers the injection's spy.
 */
export function mockCapturedTab(id: number, url: string, pageScript = false) {
  vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id, url }] as never);
  return vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([
    {
      frameId: 0,
      documentId: 'd',
      result: { url, title: 'Story', html: '<p>Story</p>', selection: '', pageScript },
    },
  ] as never);
}
