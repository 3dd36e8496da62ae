import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { paintedCounts, selectText } from './page-helpers';
import { openRealPopup, saveInRealPopup } from './real-popup';

interface StoredArticle {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  tags: string[];
}

// Issue #12: page A on one origin declares (canonical link, og:url and JSON-LD) that it is article
// B, saved earlier from another origin. Two fixture servers on 127.0.0.1 with different ports are
// two origins. A must get nothing of B, and saving A must leave B whole.

const B_TITLE = 'Lighthouse keepers log the longest winter on record';
const B_QUOTE = 'the lamp was trimmed every four hours through sixty nights';
const A_TITLE = 'A bakery on the quay starts selling rye before dawn';

const paragraphs = (sentences: string[]) =>
  sentences.map((s) => `<p>${s} ${s.toLowerCase()} and the town talked about it for weeks.</p>`).join('\n');

const storyB = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${B_TITLE}</title></head>
<body><article><h1>${B_TITLE}</h1>
${paragraphs([
  `On the northern rock ${B_QUOTE}, according to the keepers' own logbook.`,
  'The keepers wrote down the wind, the swell and every ship that passed the point.',
  'Supplies came by boat only twice, and the second landing nearly failed in a gale.',
  'The longest entry describes a night when the fog horn ran without pause until morning.',
  'When spring came the relief crew found the station clean and the log complete.',
])}
</article></body></html>`;

const pageA = (
  b: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${A_TITLE}</title>
<link rel="canonical" href="${b}">
<meta property="og:url" content="${b}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"${b}","mainEntityOfPage":"${b}","headline":"${B_TITLE}"}</script>
</head><body><article><h1>${A_TITLE}</h1>
${paragraphs([
  'The bakery on the quay now opens at four so that the fishing crews can buy rye bread.',
  'Its owner says the first loaves sell out before the boats have even left the harbour.',
  'A second oven was bought in the autumn after the queue reached the end of the pier.',
  'The council has asked the bakery to keep the pavement clear of flour sacks at night.',
  'Regulars say the smell of caraway reaches the lighthouse when the wind is right.',
])}
</article></body></html>`;

describe('a page cannot claim an article saved from another origin', () => {
  let origin1: FixtureServer;
  let origin2: FixtureServer;
  let browser: ExtensionBrowser;
  let library: Page;
  let urlA: string;
  let urlB: string;

  const articles = () => readStore<StoredArticle>(library, 'articles');
  const highlights = () =>
    readStore<{ id: string; articleId: string; quote: { exact: string } }>(library, 'highlights');
  /** Asks the page's content script, as the extension does, to load its highlights again and list them. */
  const highlightsHandedTo = async (page: Page) => {
    const tabId = await browser.activeTabId(page);
    return browser.sw.evaluate(async (id) => {
      await chrome.tabs.sendMessage(id, { type: 'repaint', payload: {} });
      return chrome.tabs.sendMessage(id, { type: 'highlightStatus', payload: {} });
    }, tabId);
  };
  beforeAll(async () => {
    origin1 = await startFixtureServer();
    origin2 = await startFixtureServer();
    urlB = `${origin2.origin}/story-b.html`;
    urlA = `${origin1.origin}/page-a.html`;
    origin2.route('/story-b.html', storyB);
    origin1.route('/page-a.html', pageA(urlB));
    browser = await launchWithExtension();
    library = await browser.open(browser.extensionUrl('/library.html'));
  });
  afterAll(async () => {
    await browser?.close();
    await origin1?.close();
    await origin2?.close();
  });

  test('B is saved on origin 2 with a highlight and a tag', async () => {
    const pageB = await browser.open(urlB);
    await saveInRealPopup(browser, pageB);
    await selectText(pageB, B_QUOTE);
    const tabId = await browser.activeTabId(pageB);
    await browser.sw.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'highlightSelection', payload: { color: 'green' } }),
      tabId,
    );
    await expect.poll(async () => (await highlights()).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => paintedCounts(pageB)).toEqual({ green: 1 });
    // A tag, as the library's tag editor stores it.
    const [b] = await articles();
    await library.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('readmark');
          open.onsuccess = () => {
            const store = open.result.transaction('articles', 'readwrite').objectStore('articles');
            const get = store.get(id);
            get.onsuccess = () => {
              store.put({ ...get.result, tags: ['keepers'] }).onsuccess = () => resolve();
            };
            get.onerror = () => reject(get.error);
          };
          open.onerror = () => reject(open.error);
        }),
      b!.id,
    );
    await pageB.close();
  });

  test("on A, the toolbar does not show B as saved, and B's highlights are not handed to A", async () => {
    const pageA = await browser.open(urlA);
    const popup = await openRealPopup(browser, pageA);
    const shown = await popup.evaluate<{ status: string; button: string; exports: number; title: string }>(`({
      status: document.querySelector('#status')?.textContent ?? '',
      button: document.querySelector('#save').textContent,
      exports: document.querySelectorAll('.page-highlights, .export-article').length,
      title: document.body.textContent,
    })`);
    expect(shown.status).not.toContain('Saved');
    expect(shown.button).not.toMatch(/again/i);
    expect(shown.exports).toBe(0);
    expect(shown.title).toContain(A_TITLE);
    await popup.close();
    // The popup injected the content script; it asked the background for this page's highlights.
    expect(await highlightsHandedTo(pageA)).toEqual({ ok: true, value: [] });
    expect(await paintedCounts(pageA)).toEqual({});
    await pageA.close();
  });

  test('saving A makes its own record; B stays whole in the library with its highlight and tag', async () => {
    const pageA = await browser.open(urlA);
    await saveInRealPopup(browser, pageA);

    const stored = await articles();
    expect(stored).toHaveLength(2);
    // A's title may be what it claims (its JSON-LD headline is B's): metadata, not identity.
    const a = stored.find((article) => article.url === urlA);
    const b = stored.find((article) => article.url === urlB);
    expect(a).toMatchObject({ canonicalUrl: urlA, tags: [] });
    expect(b).toMatchObject({ title: B_TITLE, canonicalUrl: urlB, tags: ['keepers'] });
    expect(a!.id).not.toBe(b!.id);
    const contents = await readStore<{ articleId: string; textContent: string }>(library, 'contents');
    expect(contents.find((c) => c.articleId === b!.id)?.textContent).toContain(B_QUOTE);
    expect(contents.find((c) => c.articleId === a!.id)?.textContent).not.toContain(B_QUOTE);
    expect(await highlights()).toMatchObject([{ articleId: b!.id, quote: { exact: B_QUOTE } }]);
    expect(await highlightsHandedTo(pageA)).toEqual({ ok: true, value: [] });

    // The library lists both.
    await library.reload();
    await expect
      .poll(() => library.evaluate(() => document.querySelectorAll('[id^="article-"]').length))
      .toBeGreaterThanOrEqual(2);
    expect(await library.evaluate(() => document.body.textContent ?? '')).toContain(B_TITLE);

    // And B's own page still gets B's highlight.
    const pageB = await browser.open(urlB);
    await (await openRealPopup(browser, pageB)).close();
    expect(await highlightsHandedTo(pageB)).toMatchObject({ ok: true, value: [{ anchored: true }] });
    await expect.poll(() => paintedCounts(pageB)).toEqual({ green: 1 });
  });
});
