import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { dragSelect, paintedCounts } from './page-helpers';
import { clickPageUi, swatch, waitForPageUi } from './page-ui';
import { openRealPopup } from './real-popup';

// A single-page site: both story addresses serve one document that renders the story its
// address names; "next story" swaps the article and pushes the second address without a reload.
const STORIES: Record<string, { title: string; paragraphs: string[] }> = {
  '/spa/first-story': {
    title: 'Ferry timetable changes for the winter',
    paragraphs: [
      'The island ferry will sail four times a day from November, down from seven in the summer months.',
      'Harbour staff said the early crossing keeps its slot so that school pupils still reach the mainland on time.',
      'Fares stay the same until spring, when the operator will publish a new price list for residents and visitors.',
    ],
  },
  '/spa/second-story': {
    title: 'Library reopens after roof repairs',
    paragraphs: [
      'The town library opened its doors again on Monday after six months of repairs to its leaking slate roof.',
      'Volunteers carried nine thousand books back to the shelves over a single weekend, sorted by the old catalogue.',
      'The reading room now has a ramp at the side entrance and longer hours on Thursday evenings.',
    ],
  },
};
const FIRST = 'Harbour staff said the early crossing keeps its slot';
const SECOND = 'Volunteers carried nine thousand books back to the shelves';

const spaPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Town news</title></head>
<body><header><nav>Town news</nav></header><main id="story"></main>
<script>
const stories = ${JSON.stringify(STORIES)};
function render(path) {
  const story = stories[path];
  document.title = story.title;
  document.getElementById('story').innerHTML = '<article><h1>' + story.title + '</h1>' +
    story.paragraphs.map((p) => '<p>' + p + '</p>').join('') + '</article>';
}
render(location.pathname);
window.nextStory = () => {
  render('/spa/second-story');
  history.pushState(null, '', '/spa/second-story');
};
</script></body></html>`;

describe('the in-page UI across a single-page navigation and a re-injection', () => {
  const env = useExtensionBrowser();
  let page: Page;

  const openAndClosePopup = async () => {
    const popup = await openRealPopup(env.browser, page);
    await popup.close();
  };
  const highlightOn = async (text: string, color: string, expected: number) => {
    await dragSelect(page, text);
    await waitForPageUi(page, swatch(color));
    await clickPageUi(page, swatch(color));
    await expect
      .poll(async () => (await readStore(env.browser.sw, 'highlights')).length, { timeout: 15_000 })
      .toBe(expected);
  };
  const hosts = () => page.evaluate(() => document.querySelectorAll('readmark-ui').length);
  const paintedText = () =>
    page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h].map((range) => range.toString())));

  test('each story is saved with a highlight of its own colour, on a fresh load of its address', async () => {
    const { server, browser } = env;
    for (const path of Object.keys(STORIES)) server.route(path, spaPage);
    page = await browser.open(`${server.origin}/spa/second-story`);
    await openAndClosePopup();
    await highlightOn(SECOND, 'green', 1);
    await page.goto(`${server.origin}/spa/first-story`);
    await openAndClosePopup();
    await highlightOn(FIRST, 'pink', 2);
    expect(await readStore(browser.sw, 'articles')).toHaveLength(2);
  });

  test("a pushState navigation unpaints the first story's highlight and paints the second's", async () => {
    await expect.poll(() => paintedCounts(page)).toEqual({ pink: 1 });
    await page.evaluate(() => (window as unknown as { nextStory(): void }).nextStory());
    expect(page.url()).toBe(`${env.server.origin}/spa/second-story`);
    await expect.poll(() => paintedCounts(page)).toEqual({ green: 1 });
    expect(await paintedText()).toEqual([SECOND]);
    expect(await hosts()).toBe(1);
  });

  test('a second injection replaces the first copy: still one toolbar host, and it works', async () => {
    await openAndClosePopup(); // grants activeTab again for the injection below
    const tabId = await env.browser.activeTabId(page);
    for (let i = 0; i < 2; i++)
      await env.browser.sw.evaluate(
        (id) =>
          chrome.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/content.js'] }),
        tabId,
      );
    await expect.poll(() => paintedCounts(page)).toEqual({ green: 1 });
    expect(await hosts()).toBe(1);
    // The one copy left answers the reader: a new highlight on the second story.
    await highlightOn('longer hours on Thursday evenings', 'blue', 3);
    await expect.poll(() => paintedCounts(page)).toEqual({ green: 1, blue: 1 });
    expect(await hosts()).toBe(1);
  });
});
