import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { attachRealPopup, openRealPopup } from './real-popup';

// Pages that are not plain articles: every one ends in a clear message, never a spinner.
describe('pages that are not articles, and pages no extension may touch', () => {
  const env = useExtensionBrowser();

  test('a page that is not an article says so and offers "Save anyway", which saves', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/not-an-article.html`);
    const popup = await openRealPopup(env.browser, page);
    expect(await popup.evaluate<string>(`document.querySelector('#not-article').textContent`)).toContain(
      'does not look like an article',
    );
    expect(await popup.evaluate<string>(`document.querySelector('#save').textContent`)).toBe('Save anyway');
    await popup.screenshot(join(SCREENSHOTS, 'popup-not-article.png'));
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    await popup.close();
    const [saved] = await readStore<{ title: string }>(env.browser.sw, 'articles');
    expect(saved?.title).toContain('Tide tables');
    await page.close();
  });

  test("a browser page explains that browsers don't let extensions read it", async () => {
    const page = await env.browser.open('chrome://version');
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#status[role=alert]')`);
    expect(await popup.evaluate<string>(`document.querySelector('#status').textContent`)).toContain(
      "browser's own pages",
    );
    await popup.screenshot(join(SCREENSHOTS, 'popup-restricted.png'));
    await popup.close();
    await page.close();
  });

  test('without a toolbar click (no activeTab) the popup explains instead of failing silently', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    const tabId = await env.browser.activeTabId(page);
    const popup = await env.browser.openPopupFor(tabId);
    await expect.poll(() => popup.locator('#status[role=alert]').count(), { timeout: 10_000 }).toBe(1);
    expect(await popup.locator('#status').textContent()).toContain('not allowed to read this page');
    await popup.close();
    await page.close();
  });

  test('a removed block the reader keeps is saved in the article, and only the rest stay in the trace', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#removed-summary button')`);
    await popup.evaluate(`document.querySelector('#removed-summary button').click()`);
    await popup.waitFor(`document.querySelectorAll('.removed-list li').length === 2`);
    await popup.screenshot(join(SCREENSHOTS, 'popup-removed.png'));
    await popup.evaluate(
      `[...document.querySelectorAll('.removed-list li')].find((li) => li.textContent.includes('newsletter box')).querySelector('button.keep').click()`,
    );
    await popup.waitFor(
      `document.querySelector('#removed-summary').textContent.startsWith('Removed: advertisement')`,
    );
    const previewWords = Number(
      (await popup.evaluate<string>(`document.querySelectorAll('.preview .meta')[1].textContent`))
        .match(/([\d,]+) words/)![1]!
        .replace(/,/g, ''),
    );
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#status')?.textContent.includes('Saved')`);
    await popup.close();
    const metas = await readStore<{ title: string; wordCount: number }>(env.browser.sw, 'articles');
    const meta = metas.find((m) => m.title.includes('tidal footbridge'));
    expect(meta!.wordCount).toBeGreaterThan(previewWords);
    const contents = await readStore<{ textContent: string; removed: { label: string }[] }>(
      env.browser.sw,
      'contents',
    );
    const saved = contents.find(
      (c) => c.textContent.includes('tidal footbridge') || c.textContent.includes('MERROW BAY'),
    );
    expect(saved?.textContent).toContain('Get the morning tide report');
    expect(saved?.removed.map((block) => block.label)).toEqual(['advertisement']);
    await page.close();
  });
});
