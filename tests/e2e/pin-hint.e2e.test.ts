import { describe, expect, test } from 'vitest';
import { PIN_HINT_DISMISSED } from '@/components/popup/PinHint';
import { useExtensionBrowser } from './browser';
import { attachRealPopup } from './real-popup';

/** An expression for the popup: whether the extension's database holds `key` as true. */
const storedSetting = (key: string) => `new Promise((resolve) => {
  const open = indexedDB.open('readmark');
  open.onerror = () => resolve(false);
  open.onsuccess = () => {
    const get = open.result.transaction('settings').objectStore('settings').get(${JSON.stringify(key)});
    get.onsuccess = () => resolve(get.result?.value === true);
    get.onerror = () => resolve(false);
  };
})`;

// A button that is not pinned costs every click ≈230 ms before the popup starts loading (Chrome
// pops it out into the toolbar first; npm run bench:preview-bisect): the popup suggests pinning
// it, from what the browser itself says (action.getUserSettings), until the reader says "Got it".
describe('popup: the hint to pin Readmark to the toolbar', () => {
  const env = useExtensionBrowser();

  test('shown after the preview while the button is not pinned, gone for good after "Got it"', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#save')`, 20_000);
    await popup.waitFor(`document.querySelector('#pin-hint')`);
    expect(await popup.evaluate<string>(`document.querySelector('#pin-hint').textContent`)).toContain(
      'pin Readmark to the toolbar',
    );
    await popup.evaluate(`document.querySelector('#pin-hint-dismiss').click()`);
    await popup.waitFor(`!document.querySelector('#pin-hint')`);
    // The answer is stored before the popup closes: waited for in the database, as the popup reads it.
    await expect.poll(() => popup.evaluate<boolean>(storedSetting(PIN_HINT_DISMISSED))).toBe(true);
    await popup.close();

    await env.browser.clickToolbarButton(page);
    const again = await attachRealPopup(env.browser);
    await again.waitFor(`document.querySelector('#save')`, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await again.evaluate<boolean>(`document.querySelector('#pin-hint') === null`)).toBe(true);
    await again.close();
    await page.close();
  });
});
