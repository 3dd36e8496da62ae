import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { selectText } from './page-helpers';
import { attachRealPopup, openRealPopup } from './real-popup';

const SELECTED = 'tear down the tidal footbridge';

// Text selected before the toolbar click is not ignored: the popup shows it and offers to
// highlight it, saving the page first when it is not saved yet.
describe('popup: highlight the selection', () => {
  const env = useExtensionBrowser();

  test('an unsaved page: "Save and highlight selection" saves it and keeps the highlight', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/news-article.html`);
    await selectText(page, SELECTED);
    await env.browser.clickToolbarButton(page);
    const popup = await attachRealPopup(env.browser);
    await popup.waitFor(`document.querySelector('#highlight-selection')`);
    expect(
      await popup.evaluate<string>(`document.querySelector('.selection-offer blockquote').textContent`),
    ).toBe(`“${SELECTED}”`);
    expect(await popup.evaluate<string>(`document.querySelector('#highlight-selection').textContent`)).toBe(
      'Save and highlight selection',
    );
    await popup.evaluate(`document.querySelector('#highlight-selection').click()`);
    await popup.waitFor(
      `document.querySelector('#selection-status')?.textContent.includes('Selection highlighted')`,
    );
    // The popup now knows the page is saved.
    expect(await popup.evaluate<string>(`document.querySelector('#save').textContent`)).toMatch(
      /^Save again/,
    );
    await popup.close();

    const [article] = await readStore<{ id: string; title: string }>(env.browser.sw, 'articles');
    expect(article?.title).toBe('Harbour town votes to rebuild its tidal footbridge');
    const highlights = await readStore<{ articleId: string; quote: { exact: string } }>(
      env.browser.sw,
      'highlights',
    );
    expect(highlights).toHaveLength(1);
    expect(highlights[0]).toMatchObject({ articleId: article!.id, quote: { exact: SELECTED } });
    await page.close();
  });

  test('without a selection the popup offers nothing extra', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/sourdough-starter.html`);
    const popup = await openRealPopup(env.browser, page);
    expect(await popup.evaluate<boolean>(`Boolean(document.querySelector('.selection-offer'))`)).toBe(false);
    await popup.close();
    await page.close();
  });
});
