import { describe, expect, test } from 'vitest';
import { getMessageIn, loadMessages } from '../support/i18n';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { clickText, dragSelect, paintedCounts } from './page-helpers';
import { clickPageUi, pageUiAlertText, pageUiText, swatch, waitForPageUi } from './page-ui';
import { openRealPopup } from './real-popup';

const fr = getMessageIn('fr');
const english = new Set(Object.values(loadMessages('en')).map((entry) => entry.message));
const PASSAGE = 'Engineers told councillors that salt had reached the steel pins';

// The in-page UI (toolbar and toasts in the page's Shadow DOM) speaks the browser's language
// too, errors included: the content script words the background's error codes itself.
describe('the in-page UI in French', () => {
  const env = useExtensionBrowser([], { language: 'fr' });

  test('a highlight deleted in another tab: recolouring it on the page says so in French', async () => {
    const { browser, server } = env;
    const page = await browser.open(`${server.origin}/pages/news-article.html`);
    const popup = await openRealPopup(browser, page);
    await popup.close();

    await dragSelect(page, PASSAGE);
    await waitForPageUi(page, swatch('yellow'));
    // The toolbar's own labels are French.
    expect(await pageUiText(page)).toContain(fr('toolbarAddNote'));
    await clickPageUi(page, swatch('yellow'));
    const library = await browser.open(browser.extensionUrl('/library.html'));
    await expect
      .poll(async () => (await readStore(library, 'highlights')).length, { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => paintedCounts(page)).toEqual({ yellow: 1 });

    // Deleted from the extension's side (as the reader view in another tab would) while the page
    // still shows it: the page's next change to it is refused with a code, worded here in French.
    await library.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('readmark');
          open.onsuccess = () => {
            const tx = open.result.transaction('highlights', 'readwrite');
            tx.objectStore('highlights').clear();
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.bringToFront();
    await clickText(page, 'salt had reached');
    await waitForPageUi(page, swatch('green'));
    await clickPageUi(page, swatch('green'));
    await expect.poll(() => pageUiAlertText(page), { timeout: 15_000 }).not.toBe('');
    const shown = await pageUiAlertText(page);
    expect(shown).toContain(fr('errorHighlightGone'));
    expect(english.has(shown)).toBe(false);
    for (const word of shown.split(/\s+/)) expect(['highlight', 'longer', 'exists.']).not.toContain(word);
  });
});
