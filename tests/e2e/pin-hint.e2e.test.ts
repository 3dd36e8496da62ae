import { describe, expect, test } from 'vitest';
import { PIN_HINT_DISMISSED } from '@/components/popup/PinHint';
import { useExtensionBrowser } from './browser';
import { readStoreExpression } from './idb';
import { attachRealPopup } from './real-popup';

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
    await expect
      .poll(async () =>
        (await popup.evaluate<{ key: string; value: unknown }[]>(readStoreExpression('settings'))).some(
          (row) => row.key === PIN_HINT_DISMISSED && row.value === true,
        ),
      )
      .toBe(true);
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
