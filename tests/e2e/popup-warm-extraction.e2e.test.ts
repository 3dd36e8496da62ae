import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { attachRealPopup } from './real-popup';
import { stopServiceWorker } from './service-worker';

// The popup's preview is extracted by the offscreen document's Worker, which the background opens
// when it starts and which outlives every popup: ready (and warm) before the reader clicks. Without
// the document the popup starts a Worker of its own and asks for the document again. The popup
// captures with the small capture script; the in-page UI is attached after the extraction.
describe('popup: a warm extraction Worker in the offscreen document', () => {
  const env = useExtensionBrowser();

  const offscreenOpen = () =>
    env.browser.sw.evaluate(
      async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
    );

  /** Clicks Readmark on `page`; answers where the popup's extraction Worker was ready (ms since the popup's start). */
  async function previewWorkerReady(page: Page): Promise<number> {
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#save')`, 20_000);
    expect(await popup.evaluate<string>(`document.querySelector('#preview-title').textContent`)).toBe(
      'Harbour town votes to rebuild its tidal footbridge',
    );
    const ready = await popup.evaluate<number | null>(
      `performance.getEntriesByName('rm:worker-ready')[0]?.startTime ?? null`,
    );
    await popup.close();
    expect(ready).not.toBeNull();
    return ready as number;
  }

  test('the document is open from the start; the preview comes from its Worker, ready before the popup', async () => {
    await expect.poll(offscreenOpen, { timeout: 15_000 }).toBe(1);
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    // Marks in the popup's clock, clamped at 0: a Worker the popup started could not be ready at 0.
    expect(await previewWorkerReady(page)).toBe(0);
    await page.close();
  });

  test('the popup finds the document in its own renderer process, where it is handed the capture without a message', async () => {
    await expect.poll(offscreenOpen, { timeout: 15_000 }).toBe(1);
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#preview-title')`, 20_000);
    // What offscreenInProcess looks for: a view of the document that offers its handler.
    const offered = await popup.evaluate<string[]>(
      `chrome.extension.getViews().filter((view) => typeof view.readmarkOffscreen === 'function').map((view) => view.location.pathname)`,
    );
    expect(offered).toEqual(['/offscreen.html']);
    await popup.close();
    await page.close();
  });

  test('the in-page UI is attached to the tab after the capture script, without the preview waiting for it', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    const tabId = await env.browser.activeTabId(page);
    const pageUiAnswers = () =>
      env.browser.sw.evaluate(
        (id) =>
          chrome.tabs
            .sendMessage(id, { type: 'highlightStatus', payload: {} })
            .then((answer: { ok?: boolean }) => answer?.ok === true)
            .catch(() => false),
        tabId,
      );
    expect(await pageUiAnswers()).toBe(false);
    await previewWorkerReady(page);
    await expect.poll(pageUiAnswers, { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  test('with the service worker stopped (as Chrome stops an idle one) the preview still comes from the warm document', async () => {
    await expect.poll(offscreenOpen, { timeout: 15_000 }).toBe(1);
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    const cdp = await env.browser.context.browser()!.newBrowserCDPSession();
    expect(await stopServiceWorker(cdp, env.browser.extensionUrl('/'))).toBe(true);
    // Handed to the document in the popup's process (no runtime message to start the worker
    // first); no answer would have sent the popup to a Worker of its own, ready after its start.
    expect(await previewWorkerReady(page)).toBe(0);
    await cdp.detach();
    await page.close();
  });

  test('without the document the popup extracts in its own Worker, and the document is opened again for the next popup', async () => {
    await expect.poll(offscreenOpen, { timeout: 15_000 }).toBe(1);
    // The worker (woken by the look-up above, when a test before stopped it) checks the document
    // 250 ms after its start (entrypoints/background.ts) and would open it again: closed before
    // that, the popup below found it open. Its start-up work is done once the worker is older.
    await expect
      .poll(() => env.browser.sw.evaluate(() => performance.now()), { timeout: 10_000 })
      .toBeGreaterThan(1_500);
    await env.browser.sw.evaluate(() => chrome.offscreen.closeDocument());
    expect(await offscreenOpen()).toBe(0);
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    expect(await previewWorkerReady(page)).toBeGreaterThan(0);
    await expect.poll(offscreenOpen, { timeout: 10_000 }).toBe(1);
    expect(await previewWorkerReady(page)).toBe(0);
    await page.close();
  });
});
