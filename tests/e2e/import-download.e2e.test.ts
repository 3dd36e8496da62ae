import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousAxeFindings } from './axe';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';

const GONE = JSON.stringify({ code: 'site-status', data: { status: 404 } });

interface StoredMeta {
  id: string;
  url: string;
  title: string;
  tags: string[];
  notDownloaded?: number;
  updatedAt: number;
}

/** A Netscape bookmarks file (every browser's export): URLs only. */
function bookmarksFile(entries: string[]): string {
  return [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p>',
    ...entries,
    '</DL><p>',
  ].join('\n');
}

/** Settings → Import: picks the file, waits for the summary (then `beforeConfirm`), confirms, waits for the outcome. */
async function importBookmarks(
  options: Page,
  file: string,
  expected: { summary: string; done: string },
  beforeConfirm?: () => Promise<void>,
): Promise<void> {
  await options.setInputFiles('#import-file', {
    name: 'bookmarks.html',
    mimeType: 'text/html',
    buffer: Buffer.from(file),
  });
  await expect.poll(() => options.locator('#import-summary').textContent()).toBe(expected.summary);
  await beforeConfirm?.();
  await options.click('#import-confirm');
  await expect.poll(() => options.locator('#import-done').textContent()).toContain(expected.done);
}

// A bookmarks file imports URLs only: they are stored with an empty body as "not downloaded yet",
// and the library offers to download them with a plain explanation of the access it will ask for.
// (Headless Chromium cannot answer the permission prompt: the download with access is the next test.)
describe('import: URL-only articles wait as "not downloaded yet"', () => {
  const env = useExtensionBrowser();

  test('bookmarks → summary → import → library rows marked, with the download offer', async () => {
    const origin = env.server.origin;
    const file = bookmarksFile([
      `<DT><A HREF="${origin}/pages/sourdough-starter.html" ADD_DATE="1690000000" TAGS="bread">Starter notes</A>`,
      `<DT><A HREF="${origin}/pages/news-article.html" ADD_DATE="1690000100">The bridge story</A>`,
      '<DT><A HREF="javascript:void(0)">A bookmarklet</A>',
    ]);
    const options = await env.browser.open(env.browser.extensionUrl('/options.html'));
    await importBookmarks(
      options,
      file,
      { summary: 'From bookmarks: 2 articles, 0 highlights, 0 notes, 1 tag.', done: '2 new articles' },
      async () => {
        expect(await options.locator('#import-to-download').textContent()).toContain(': 2.');
        expect(await options.locator('#import-skipped').textContent()).toContain(
          'not a web address (javascript:): 1',
        );
      },
    );
    const stored = await readStore<StoredMeta>(options, 'articles');
    expect(stored.map((m) => [m.title, m.notDownloaded]).sort()).toEqual([
      ['Starter notes', 1],
      ['The bridge story', 1],
    ]);

    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    await expect.poll(() => library.locator('.state.not-downloaded').count()).toBe(2);
    await expect
      .poll(() => library.locator('#download-banner').textContent())
      .toContain('Not downloaded yet: 2 imported articles');
    const banner = await library.locator('#download-banner').textContent();
    expect(banner).toContain('fetch them now from 1 site:');
    expect(await library.locator('#download-start').isEnabled()).toBe(true);
    expect(await seriousAxeFindings(library)).toEqual([]);

    // The reader says what is missing and links to the original, instead of an empty page.
    const starter = stored.find((m) => m.title === 'Starter notes')!;
    const reader = await env.browser.open(env.browser.extensionUrl(`/reader.html?id=${starter.id}`));
    await expect
      .poll(() => reader.locator('#reader-not-downloaded').textContent())
      .toContain('Not downloaded yet');
    expect(await reader.locator('#reader-not-downloaded a').getAttribute('href')).toBe(starter.url);
  });
});

// A reader who already gave Readmark access to the sites (here the broad access Chromium grants a
// command-line extension, kept) imports bookmarks: the background downloads them with the library
// never opened (extraction in the offscreen document), and records the page that is gone.
describe('import: the background downloads URL-only articles with the library closed', () => {
  const env = useExtensionBrowser([], { hostAccess: true });

  test('bookmarks → import → downloaded by the background; the failure is listed with Retry', async () => {
    const origin = env.server.origin;
    const options = await env.browser.open(env.browser.extensionUrl('/options.html'));
    await importBookmarks(
      options,
      bookmarksFile([
        `<DT><A HREF="${origin}/pages/sourdough-starter.html" TAGS="bread">Starter notes</A>`,
        `<DT><A HREF="${origin}/pages/gone.html">A page that is gone</A>`,
      ]),
      { summary: 'From bookmarks: 2 articles, 0 highlights, 0 notes, 1 tag.', done: '2 new articles' },
    );
    const library = env.browser.extensionUrl('/library.html');
    expect(env.browser.context.pages().some((page) => page.url().startsWith(library))).toBe(false);

    const stored = () => readStore<StoredMeta & { downloadError?: string }>(options, 'articles');
    await expect
      .poll(
        async () => (await stored()).map((m) => [m.title, m.notDownloaded ?? 0, m.downloadError]).sort(),
        {
          timeout: 30_000,
        },
      )
      .toEqual([
        // The failure is stored as its code and data; the library words it.
        ['A page that is gone', 1, GONE],
        ['Starter notes', 0, undefined],
      ]);
    const starter = (await stored()).find((m) => m.title === 'Starter notes')!;
    expect(starter.tags).toEqual(['bread']);
    const bodies = await readStore<{ articleId: string; textContent: string }>(options, 'contents');
    expect(bodies.find((c) => c.articleId === starter.id)!.textContent).toContain(
      'Every January the same letters arrive.',
    );

    // The library shows what the background did: no offer (access is there), the failure with Retry.
    const page = await env.browser.open(library);
    await expect
      .poll(() => page.locator('#download-failed').textContent())
      .toContain('the site answered 404');
    expect(await page.locator('#download-start').count()).toBe(0);
    expect(await page.locator('.state.not-downloaded').count()).toBe(1);

    // Retry goes to the background, which tries the page again (and records the answer again).
    const gone = (await stored()).find((m) => m.title === 'A page that is gone')!;
    await page.click('#download-retry');
    await expect
      .poll(
        async () => {
          const now = (await stored()).find((m) => m.id === gone.id)!;
          return now.updatedAt > gone.updatedAt && now.downloadError;
        },
        { timeout: 15_000 },
      ) // the site's next turn may be 3 s away
      .toBe(GONE);
  });
});
