import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, SCREENSHOTS } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { clickText, dragSelect, paintedCounts, selectText } from './page-helpers';
import { byClass, clickPageUi, openNoteEditor, pageUiText, swatch, waitForPageUi } from './page-ui';
import { openRealPopup } from './real-popup';

interface StoredHighlight {
  id: string;
  articleId: string;
  color: string;
  note: string;
  quote: { exact: string };
}

const KEPT = 'Engineers told councillors that salt had reached the steel pins';
const DELETED = 'The estimated price is 4.2 million pounds';
const PAGE = '/pages/news-article.html';

// Highlight on the live page → reload → painted again; the page changes → re-anchored or orphan.
describe('highlights on the live page', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let page: Page;

  const highlights = () => readStore<StoredHighlight>(browser.sw, 'highlights');
  const openPopup = async () => {
    const popup = await openRealPopup(browser, page);
    return popup;
  };

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension();
    page = await browser.open(`${server.origin}${PAGE}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('select → toolbar → colour, on a page not saved yet, saves the article and the highlight', async () => {
    // Without host access the page script arrives with the reader's click on Readmark.
    await (await openPopup()).close();
    await dragSelect(page, KEPT);
    await waitForPageUi(page, swatch('pink'));
    await page.screenshot({ path: join(SCREENSHOTS, 'toolbar.png') });
    await clickPageUi(page, swatch('pink'));
    await expect.poll(async () => (await highlights()).length, { timeout: 15_000 }).toBe(1);
    const [saved] = await highlights();
    expect(saved).toMatchObject({ color: 'pink', note: '', quote: { exact: KEPT } });
    const articles = await readStore<{ id: string }>(browser.sw, 'articles');
    expect(articles).toHaveLength(1);
    expect(saved!.articleId).toBe(articles[0]!.id);
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1 });
  });

  test('click a highlight → add a note in Readmark’s note editor; the note never enters the page', async () => {
    await clickText(page, 'salt had reached');
    await waitForPageUi(page, byClass('note-toggle'));
    const editor = await openNoteEditor(browser, page);
    expect(await editor.locator('.quote').textContent()).toBe(KEPT);
    await editor.keyboard.type('Ask the engineers for the survey');
    // Saving closes the editor window (the click must not wait for a page that is gone).
    await editor.locator('.save-note').click({ noWaitAfter: true });
    await expect.poll(async () => (await highlights())[0]?.note).toBe('Ask the engineers for the survey');
    await expect.poll(() => editor.isClosed()).toBe(true);
    expect(await page.content()).not.toContain('Ask the engineers');
    // The page's toolbar heard that the note was saved: the highlight now offers "Edit note".
    await clickText(page, 'salt had reached');
    await expect.poll(() => pageUiText(page)).toContain('Edit note');
    await page.keyboard.press('Escape');
  });

  test('the context-menu / shortcut path highlights the selection', async () => {
    await selectText(page, DELETED);
    const tabId = await browser.activeTabId(page);
    await browser.sw.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'highlightSelection', payload: { color: 'green' } }),
      tabId,
    );
    await expect.poll(async () => (await highlights()).length).toBe(2);
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1, green: 1 });
  });

  test('reload → opening Readmark paints them again and the popup lists them', async () => {
    await page.reload();
    expect(await paintedCounts(page)).toEqual({});
    const popup = await openPopup();
    await popup.waitFor(`document.querySelectorAll('.highlight-item').length === 2`);
    const listed = await popup.evaluate<string>(`document.querySelector('.page-highlights').textContent`);
    expect(listed).toContain(KEPT);
    expect(listed).toContain('Ask the engineers for the survey');
    await popup.screenshot(join(SCREENSHOTS, 'popup-highlights.png'));
    await popup.close();
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1, green: 1 });
  });

  test('on an edited page an edited passage re-anchors and a deleted one is an orphan with its note', async () => {
    const original = readFileSync(resolve(process.cwd(), `tests/fixtures${PAGE}`), 'utf8');
    const edited = original
      .replace('<p>MERROW BAY', '<p>UPDATE: this story was corrected on Wednesday.</p><p>MERROW BAY')
      .replace('salt had reached', 'salt has reached')
      .replace(/<p>The estimated price[^<]*<\/p>/, '');
    server.route(PAGE, edited);
    await page.reload();
    const popup = await openPopup();
    await popup.waitFor(`document.querySelectorAll('.highlight-item.orphan').length === 1`);
    const orphan = await popup.evaluate<string>(
      `document.querySelector('.highlight-item.orphan').textContent`,
    );
    expect(orphan).toContain(DELETED);
    expect(await paintedCounts(page)).toEqual({ pink: 1 });

    // Re-attach the orphan to a passage of the changed page.
    await selectText(page, 'A lift section in the middle');
    await popup.evaluate(`document.querySelector('.highlight-item.orphan .reattach').click()`);
    await popup.waitFor(`document.querySelectorAll('.highlight-item.orphan').length === 0`);
    await popup.close();
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1, green: 1 });
    expect(await highlights()).toHaveLength(2);
  });

  test('delete with undo puts the highlight back, note and all', async () => {
    await clickText(page, 'salt has reached');
    await waitForPageUi(page, byClass('delete'));
    await clickPageUi(page, byClass('delete'));
    await expect.poll(async () => (await highlights()).length).toBe(1);
    // The store commits before the answer reaches the page, so the toast can come a moment later.
    await expect.poll(() => pageUiText(page)).toContain('Highlight deleted.');
    await clickPageUi(page, byClass('undo'));
    await expect.poll(async () => (await highlights()).length).toBe(2);
    expect((await highlights()).find((h) => h.color === 'pink')?.note).toBe(
      'Ask the engineers for the survey',
    );
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1, green: 1 });
  });

  test('the reader view shows the same highlights, and one made there appears on the page', async () => {
    const [article] = await readStore<{ id: string }>(browser.sw, 'articles');
    const reader = await browser.open(browser.extensionUrl(`/reader.html?id=${article!.id}`));
    // The reader scrolls smoothly to keep the reading place when the layout changes; without
    // motion the drag below measures the text where it really is.
    await reader.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => paintedCounts(reader)).toEqual({ pink: 1, green: 1 });
    await reader.locator('#reader-panel-toggle').click();
    await expect.poll(() => reader.locator('.reader-highlight').count()).toBe(2);
    expect(await reader.locator('.reader-panel').textContent()).toContain('Ask the engineers for the survey');
    expect(await reader.locator('.reader-highlight.orphan').count()).toBe(0);
    await reader.locator('#reader-panel-toggle').click();

    await dragSelect(reader, 'The old bridge will not be lost entirely');
    await waitForPageUi(reader, swatch('blue'));
    await clickPageUi(reader, swatch('blue'));
    await expect.poll(async () => (await highlights()).length).toBe(3);
    expect((await highlights()).find((h) => h.color === 'blue')?.quote.exact).toBe(
      'The old bridge will not be lost entirely',
    );
    await expect.poll(() => paintedCounts(reader)).toEqual({ pink: 1, green: 1, blue: 1 });
    await reader.screenshot({ path: join(SCREENSHOTS, 'reader-highlights.png') });
    await reader.close();

    await page.reload();
    await (await openPopup()).close();
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1, green: 1, blue: 1 });
  });
});
