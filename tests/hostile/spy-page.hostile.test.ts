import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import { type FixtureServer, startFixtureServer } from '../e2e/fixture-server';
import { readStore } from '../e2e/idb';
import { clickText, paintedCounts } from '../e2e/page-helpers';
import { byClass, openNoteEditor, waitForPageUi } from '../e2e/page-ui';
import { attachRealPopup } from '../e2e/real-popup';
import { recordFigures } from './support/figures';
import { integrityOf, readLibrary } from './support/raw-integrity';

// A page that spies on everything: a MutationObserver on the whole document (installed by the
// page before any extension script exists), and a patched attachShadow that tries to force shadow
// roots open. The reader's note and tag must never reach anything the page can read: notes are
// shown and typed in Readmark's note editor window, never in the page.

const NOTE = 'Secret note: call the harbour master about the blue ledger';
const TAG = 'private-tag-lighthouse';
const QUOTE = 'the lantern keeper counted the gulls on the breakwater';

const SPY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page that watches</title>
<script>
window.__spy = { mutations: 0, seen: [], shadows: 0 };
const record = (text) => { if (text) window.__spy.seen.push(String(text)); };
const observer = new MutationObserver((list) => {
  for (const m of list) {
    window.__spy.mutations++;
    record(m.target.nodeType === 3 ? m.target.data : '');
    if (m.attributeName) record(m.attributeName + '=' + m.target.getAttribute(m.attributeName));
    for (const node of m.addedNodes) record(node.outerHTML ?? node.textContent);
    record(m.oldValue);
  }
});
const options = { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true };
observer.observe(document, options);
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  window.__spy.shadows++;
  const root = attach.call(this, { ...init, mode: 'open' });
  observer.observe(root, options);
  return root;
};
</script></head><body><article><h1>A page that watches</h1>
${Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Entry ${i + 1}: the night ferry left on time, and ${QUOTE} before the tide turned slowly against the harbour wall and the town went quiet.</p>`,
).join('\n')}
</article></body></html>`;

describe('a spying page cannot read the reader’s notes or tags', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let page: Page;
  let library: Page;
  let spy = { mutations: 0, seen: [] as string[], shadows: 0 };

  beforeAll(async () => {
    server = await startFixtureServer();
    server.route('/hostile/spy.html', SPY_PAGE);
    browser = await launchWithExtension();
    page = await browser.open(`${server.origin}/hostile/spy.html`);
    library = await browser.open(browser.extensionUrl('/library.html'));
  });
  afterAll(async () => {
    recordFigures('3 spy page', {
      'mutations the page observed': spy.mutations,
      'shadow roots the page saw created': spy.shadows,
      'note or tag strings seen by the page': spy.seen.filter((s) => s.includes(NOTE) || s.includes(TAG))
        .length,
    });
    await browser?.close();
    await server?.close();
  });

  test('note and tag are shown by Readmark (its note editor) yet never seen by the page', async () => {
    await browser.clickToolbarButton(page);
    let popup = await attachRealPopup(browser);
    await popup.waitFor(`document.querySelector('#save')`);
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#export-markdown')`);
    await popup.close();

    // The note and the tag are written where the reader writes them: the extension's database.
    const [article] = await readStore<{ id: string }>(library, 'articles');
    const [content] = await readStore<{ textContent: string }>(library, 'contents');
    const start = content!.textContent.indexOf(QUOTE);
    expect(start).toBeGreaterThanOrEqual(0);
    await library.evaluate(
      ({ id, start, quote, text, note, tag }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('readmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['articles', 'highlights'], 'readwrite');
            const articles = tx.objectStore('articles');
            const get = articles.get(id);
            get.onsuccess = () => articles.put({ ...get.result, tags: [tag] });
            tx.objectStore('highlights').put({
              id: 'spy-highlight',
              articleId: id,
              color: 'purple',
              note,
              quote: {
                type: 'TextQuoteSelector',
                exact: quote,
                prefix: text.slice(Math.max(0, start - 32), start),
                suffix: text.slice(start + quote.length, start + quote.length + 32),
              },
              position: { type: 'TextPositionSelector', start, end: start + quote.length },
              createdAt: Date.now(),
              updatedAt: Date.now(),
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { id: article!.id, start, quote: QUOTE, text: content!.textContent, note: NOTE, tag: TAG },
    );

    // Repaint: the popup lists the page's highlights and paints them; then open the note on the page.
    await browser.clickToolbarButton(page);
    popup = await attachRealPopup(browser);
    await popup.waitFor(`document.querySelectorAll('.highlight-item').length === 1`);
    await popup.close();
    const tabId = await library.evaluate(
      async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)!.id!,
      page.url(),
    );
    await library.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'repaint', payload: {} }), tabId);
    await expect.poll(() => paintedCounts(page), { timeout: 5_000 }).toEqual({ purple: 1 });
    await clickText(page, 'counted the gulls');
    await waitForPageUi(page, byClass('note-toggle'));
    // Positive control: Readmark does show the note, in its own editor window opened from this page.
    const editor = await openNoteEditor(browser, page);
    expect(await editor.locator('textarea').inputValue()).toBe(NOTE);
    // Escape closes the editor window, which may be gone before the key's round trip returns:
    // what counts is that it closes.
    const closed = editor.waitForEvent('close');
    await editor.keyboard.down('Escape').catch(() => undefined);
    await closed;
    await page.waitForTimeout(300);

    spy = await page.evaluate(() => (window as unknown as { __spy: typeof spy }).__spy);
    expect(spy.mutations).toBeGreaterThan(0);
    const leaks = spy.seen.filter((s) => s.includes(NOTE) || s.includes(TAG));
    expect(leaks).toEqual([]);
    const visible = await page.evaluate(() => document.documentElement.outerHTML + document.body.textContent);
    expect(visible).not.toContain(NOTE);
    expect(visible).not.toContain(TAG);
    // The page's patched attachShadow never ran for Readmark's UI (content scripts have their own world).
    expect(await page.evaluate(() => document.querySelector('readmark-ui')?.shadowRoot ?? null)).toBeNull();
    expect(integrityOf(await readLibrary(library))).toEqual({
      partialArticles: [],
      highlightsWithoutArticle: [],
    });
  });
});
