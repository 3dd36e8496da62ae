import { describe, expect, test } from 'vitest';
import { seriousAxeFindings } from './axe';
import { useExtensionBrowser } from './browser';
import { readStore } from './idb';

interface StoredMeta {
  id: string;
  url: string;
  title: string;
  tags: string[];
  notDownloaded?: number;
}

// A bookmarks file imports URLs only: they are stored with an empty body as "not downloaded yet",
// and the library offers to download them with a plain explanation of the access it will ask for.
// (The download itself is covered by tests/unit/import/download-queue.test.ts: headless Chromium
// cannot answer the permission prompt, and a fresh profile has no host access to resume with.)
describe('import: URL-only articles wait as "not downloaded yet"', () => {
  const env = useExtensionBrowser();

  test('bookmarks → summary → import → library rows marked, with the download offer', async () => {
    const origin = env.server.origin;
    const file = [
      '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
      '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
      '<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p>',
      `<DT><A HREF="${origin}/pages/sourdough-starter.html" ADD_DATE="1690000000" TAGS="bread">Starter notes</A>`,
      `<DT><A HREF="${origin}/pages/news-article.html" ADD_DATE="1690000100">The bridge story</A>`,
      '<DT><A HREF="javascript:void(0)">A bookmarklet</A>',
      '</DL><p>',
    ].join('\n');
    const options = await env.browser.open(env.browser.extensionUrl('/options.html'));
    await options.setInputFiles('#import-file', {
      name: 'bookmarks.html',
      mimeType: 'text/html',
      buffer: Buffer.from(file),
    });
    await expect
      .poll(() => options.locator('#import-summary').textContent())
      .toBe('From bookmarks: 2 articles, 0 highlights, 0 notes, 1 tags.');
    expect(await options.locator('#import-to-download').textContent()).toContain(': 2.');
    expect(await options.locator('#import-skipped').textContent()).toContain(
      'not a web address (javascript:): 1',
    );
    await options.click('#import-confirm');
    await expect.poll(() => options.locator('#import-done').textContent()).toContain('2 new articles');
    const stored = await readStore<StoredMeta>(options, 'articles');
    expect(stored.map((m) => [m.title, m.notDownloaded]).sort()).toEqual([
      ['Starter notes', 1],
      ['The bridge story', 1],
    ]);

    const library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    await expect.poll(() => library.locator('.state.not-downloaded').count()).toBe(2);
    const banner = await library.locator('#download-banner').textContent();
    expect(banner).toContain('Not downloaded yet: 2 imported articles');
    expect(banner).toContain('from their 1 sites');
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
