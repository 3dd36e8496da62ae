import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { dragSelect, paintedCounts } from './page-helpers';
import { byClass, clickPageUi, pageUiText, swatch, waitForPageUi } from './page-ui';
import { openRealPopup } from './real-popup';

const PASSAGE = 'Engineers told councillors that salt had reached the steel pins';

// Many news sites and blogs still serve plain http://. Such a page is no secure context, and a
// content script there shares that: no crypto.randomUUID, no Clipboard API. Chromium reaches the
// fixture server under a name that is not this machine's own address, as it would a real site.
describe('a page served over plain http:// (no secure context)', () => {
  const env = useExtensionBrowser([
    // Overrides the launcher's rules (the last switch counts): one more name for this machine.
    '--host-resolver-rules=MAP plain-http.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost',
  ]);
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = env.browser;
    const origin = env.server.origin.replace('127.0.0.1', 'plain-http.test');
    page = await browser.open(`${origin}/pages/news-article.html`);
  });

  test('select → colour saves and paints the highlight; Copy copies the passage', async () => {
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    const popup = await openRealPopup(browser, page);
    await popup.close();

    await dragSelect(page, PASSAGE);
    await waitForPageUi(page, swatch('pink'));
    // What the page's own copy event sees selected is what lands on the clipboard.
    await page.evaluate(() => {
      document.addEventListener('copy', () => {
        document.body.dataset.copied = String(document.getSelection());
      });
    });
    await clickPageUi(page, byClass('copy'));
    await expect.poll(() => page.evaluate(() => document.body.dataset.copied)).toBe(PASSAGE);
    await expect.poll(() => pageUiText(page)).toContain('Copied');

    await dragSelect(page, PASSAGE);
    await waitForPageUi(page, swatch('pink'));
    await clickPageUi(page, swatch('pink'));
    await expect
      .poll(async () => (await readStore<{ quote: { exact: string } }>(browser.sw, 'highlights')).length, {
        timeout: 15_000,
      })
      .toBe(1);
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1 });
  });

  test('after a reload the highlight is painted again', async () => {
    await page.reload();
    // The popup attaches the page script as its preview renders: close it only once it has.
    const popup = await openRealPopup(browser, page);
    await popup.close();
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1 });
  });
});
