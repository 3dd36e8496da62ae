import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { attachRealPopup } from './real-popup';
import { stopServiceWorker } from './service-worker';

// Chrome: while the service worker runs, the toolbar click reaches it and it starts reading the
// tab at once (utils/services/clicked-preview.ts); the popup it opens (?clicked) shows that reading.
describe('popup: the preview started at the toolbar click', () => {
  const env = useExtensionBrowser();

  const story = (title: string, opening: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${opening} The harbour master kept a ledger of every crossing, and the council read it aloud at the spring meeting.</p>`.repeat(6)}</article></body></html>`;

  /** Clicks Readmark on the page; answers the popup's address and the preview it shows. */
  async function clickAndRead(page: Parameters<typeof env.browser.clickToolbarButton>[0]) {
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#save')`, 20_000);
    const shown = await popup.evaluate<{
      url: string;
      ownCapture: boolean;
      title: string;
      opening: string;
    }>(`({
      url: location.href,
      // The popup's own reading marks its capture (read-tab-page.ts); the background's does not.
      ownCapture: performance.getEntriesByName('rm:capture-start').length > 0,
      title: document.querySelector('#preview-title').textContent,
      opening: document.querySelector('#opening').textContent,
    })`);
    await popup.close();
    return shown;
  }

  test("each tab's click shows that tab's article, read from the click, never the previous tab's", async () => {
    env.server.route('/click/ferry.html', story('Night ferry runs again', 'The night ferry left on time.'));
    env.server.route(
      '/click/lantern.html',
      story('Lantern keeper retires', 'The lantern keeper counted gulls.'),
    );
    const ferry = await env.browser.open(`${env.server.origin}/click/ferry.html`);
    const lantern = await env.browser.open(`${env.server.origin}/click/lantern.html`);
    const first = await clickAndRead(ferry);
    expect(first.url).toMatch(/\/popup\.html\?clicked$/);
    expect(first.ownCapture).toBe(false);
    expect(first.title).toBe('Night ferry runs again');
    const second = await clickAndRead(lantern);
    expect(second.url).toMatch(/\/popup\.html\?clicked$/);
    expect(second.ownCapture).toBe(false);
    expect(second.title).toBe('Lantern keeper retires');
    expect(second.opening).toContain('The lantern keeper counted gulls.');
    // And back: the reading is per click, not left over from a tab's earlier one.
    expect((await clickAndRead(ferry)).title).toBe('Night ferry runs again');
    await ferry.close();
    await lantern.close();
  });

  test('a click that wakes a stopped service worker still opens the popup with the preview', async () => {
    env.server.route('/click/tide.html', story('Tide tables reprinted', 'The tide turned slowly.'));
    const tide = await env.browser.open(`${env.server.origin}/click/tide.html`);
    expect(
      await stopServiceWorker(
        await env.browser.context.browser()!.newBrowserCDPSession(),
        env.browser.extensionUrl('/'),
      ),
    ).toBe(true);
    const shown = await clickAndRead(tide);
    expect(shown.title).toBe('Tide tables reprinted');
    // The woken worker took the click (the popup set to none outlives the worker).
    expect(shown.url).toMatch(/\/popup\.html\?clicked$/);
    expect(shown.ownCapture).toBe(false);
    await tide.close();
  });
});
