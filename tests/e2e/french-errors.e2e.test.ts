import { describe, expect, test } from 'vitest';
import { getMessageIn, loadMessages } from '../support/i18n';
import { useExtensionBrowser } from './browser';
import { attachRealPopup } from './real-popup';

const fr = getMessageIn('fr');
const englishMessages = Object.values(loadMessages('en')).map((entry) => entry.message);

/** The fixed part of a message (before its first placeholder), to find it in a page's text. */
const lead = (text: string) => text.split('$')[0]!.trim();

// A reader whose browser speaks French sees Readmark's errors in French, not in English.
describe('the popup in French', () => {
  const env = useExtensionBrowser([], { language: 'fr' });

  test('the extension speaks French', async () => {
    const page = await env.browser.open(env.browser.extensionUrl('/library.html'));
    // Its messages come from _locales/fr (getUILanguage and @@ui_locale still say en_US headless).
    expect(await page.evaluate(() => chrome.i18n.getMessage('save'))).toBe(fr('save'));
    await page.close();
  });

  /** Clicks Readmark's button on `url` and answers the popup's alert text. */
  async function popupAlertOn(url: string): Promise<string> {
    const page = await env.browser.open(url);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#status[role=alert]')`);
    const shown = await popup.evaluate<string>(`document.querySelector('#status').textContent`);
    await popup.close();
    await page.close();
    return shown;
  }

  test("a browser page: the popup explains in French that browsers don't let extensions read it", async () => {
    const shown = await popupAlertOn('chrome://version');
    expect(shown).toBe(fr('restrictedBrowserPage'));
    expect(englishMessages).not.toContain(shown);
  });

  test('a page with no article text: the extraction failure is worded in French', async () => {
    env.server.route(
      '/blank.html',
      '<!doctype html><html><head><title>Vide</title></head><body></body></html>',
    );
    const shown = await popupAlertOn(`${env.server.origin}/blank.html`);
    expect(shown).toBe(fr('errorNoArticleText'));
    expect(englishMessages).not.toContain(shown);
  });

  test('without a toolbar click the refusal is explained in French (only the browser’s own reason is not)', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    const popup = await env.browser.openPopupFor(await env.browser.activeTabId(page));
    await expect.poll(() => popup.locator('#status[role=alert]').count(), { timeout: 10_000 }).toBe(1);
    const shown = (await popup.locator('#status').textContent()) ?? '';
    expect(shown.startsWith(lead(loadMessages('fr').restrictedNoAccess!.message))).toBe(true);
    expect(shown).not.toContain(lead(loadMessages('en').restrictedNoAccess!.message));
    await popup.close();
    await page.close();
  });
});
