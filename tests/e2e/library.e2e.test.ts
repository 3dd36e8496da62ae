import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousAxeFindings } from './axe';
import { SCREENSHOTS, useExtensionBrowser } from './browser';
import { readStore } from './idb';
import { attachRealPopup, saveThroughPopup } from './real-popup';

interface StoredMeta {
  id: string;
  title: string;
  tags: string[];
  archived: 0 | 1;
  favourite: 0 | 1;
}

const TITLES = {
  news: 'Harbour town votes to rebuild its tidal footbridge',
  lens: 'Cleaning a lighthouse lens by hand',
  starter: 'Why your sourdough starter sulks in winter',
};

// The library: first run, three articles saved through the real toolbar popup, search as you
// type, tags, shelves, filters, the reader, delete with undo, the keyboard alone, light and dark.
describe('library', () => {
  const env = useExtensionBrowser();
  let library: Page;

  const rows = () => library.locator('.article');
  const titles = () => library.locator('.article .article-title').allTextContents();
  const row = (title: string) =>
    library.locator('.article', { has: library.getByRole('link', { name: title }) });
  const stored = async () => readStore<StoredMeta>(library, 'articles');
  const byTitle = async (title: string) => (await stored()).find((m) => m.title === title)!;
  /** Types a query and waits until the list shows its results. */
  async function searchFor(query: string) {
    await library.locator('#library-search').fill(query);
    await expect.poll(() => library.locator('.article-list').getAttribute('data-query')).toBe(query);
  }

  const save = (path: string) => saveThroughPopup(env.browser, `${env.server.origin}${path}`);

  test('a first run explains how articles get here, in light and dark, with no serious axe finding', async () => {
    library = await env.browser.open(env.browser.extensionUrl('/library.html'));
    await library.setViewportSize({ width: 1100, height: 800 });
    await expect.poll(() => library.locator('.empty').isVisible()).toBe(true);
    expect(await library.locator('.empty h2').textContent()).toContain('empty');
    expect(await seriousAxeFindings(library)).toEqual([]);
    await library.screenshot({ path: join(SCREENSHOTS, 'library-empty-light.png') });
    await library.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeFindings(library)).toEqual([]);
    await library.screenshot({ path: join(SCREENSHOTS, 'library-empty-dark.png') });
    await library.emulateMedia({ colorScheme: 'light' });
  });

  test('articles saved through the toolbar appear at once, newest first', async () => {
    await save('/pages/news-article.html');
    await save('/pages/lighthouse-lens.html');
    await save('/pages/sourdough-starter.html');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await titles()).toEqual([TITLES.starter, TITLES.lens, TITLES.news]);
    expect(await row(TITLES.lens).locator('.meta').textContent()).toMatch(
      /The Lamp Room · saved .+ · \d+ min read/,
    );
  });

  test('full-text search finds by prefix, despite a typo, and in the body; the index is saved', async () => {
    await expect.poll(() => library.locator('#search-note').textContent()).toBe('');
    await searchFor('lighthou');
    expect(await titles()).toEqual([TITLES.lens]);
    await searchFor('sourdouhg');
    expect(await titles()).toEqual([TITLES.starter]);
    await searchFor('paraffin');
    expect(await titles()).toEqual([TITLES.lens]);
    // The row says where: a passage of the body, the matched word marked, as text and <mark> only.
    const snippet = row(TITLES.lens).locator('.snippet');
    await expect.poll(() => snippet.textContent()).toContain('soot from the old paraffin years');
    expect(await snippet.locator('mark').allTextContents()).toEqual(['paraffin']);
    expect(await snippet.evaluate((p) => [...p.querySelectorAll('*')].map((e) => e.tagName))).toEqual([
      'MARK',
    ]);
    await searchFor('lens salt');
    await expect
      .poll(() => snippet.locator('mark').allTextContents())
      .toEqual(expect.arrayContaining(['lens', 'Salt']));
    await searchFor('footbridge harbour');
    expect(await titles()).toEqual([TITLES.news]);
    await library.screenshot({ path: join(SCREENSHOTS, 'library-search.png') });
    await searchFor('');
    await expect.poll(() => rows().count()).toBe(3);
    await expect
      .poll(async () => (await readStore<{ key: string }>(library, 'settings')).map((s) => s.key), {
        timeout: 10_000,
      })
      .toContain('library.searchIndex');
  });

  test('tags: add to a shift-selected range, filter, rename everywhere, remove from one article', async () => {
    await row(TITLES.starter).locator('.article-select').click();
    await row(TITLES.news)
      .locator('.article-select')
      .click({ modifiers: ['Shift'] });
    expect(await library.locator('.bulk-count').textContent()).toBe('3 selected');
    await row(TITLES.news).locator('.article-select').click(); // unselect one
    await library.locator('#bulk-tag-input').fill('  Weekend ');
    await library.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(async () => (await byTitle(TITLES.lens)).tags).toEqual(['Weekend']);
    expect((await byTitle(TITLES.news)).tags).toEqual([]);
    await library.getByRole('button', { name: 'Clear selection' }).click();

    await library.locator('#library-tag').selectOption('Weekend');
    await expect.poll(titles).toEqual([TITLES.starter, TITLES.lens]);
    await library.locator('#library-tag').selectOption('');

    await library.getByText('Manage tags').click();
    await library.getByRole('button', { name: 'Rename tag “Weekend”' }).click();
    await library.getByLabel('Rename “Weekend” to').fill('Slow reads');
    await library.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(async () => (await byTitle(TITLES.starter)).tags).toEqual(['Slow reads']);
    await row(TITLES.starter)
      .getByRole('button', { name: /Remove tag “Slow reads”/ })
      .click();
    await expect.poll(async () => (await byTitle(TITLES.starter)).tags).toEqual([]);
    expect((await byTitle(TITLES.lens)).tags).toEqual(['Slow reads']);
  });

  test('archive moves an article to its shelf; site filter and shelves combine', async () => {
    await row(TITLES.news)
      .getByRole('button', { name: `Archive “${TITLES.news}”` })
      .click();
    await expect.poll(titles).toEqual([TITLES.starter, TITLES.lens]);
    expect((await byTitle(TITLES.news)).archived).toBe(1);
    await library.getByRole('button', { name: /^Archived/ }).click();
    await expect.poll(titles).toEqual([TITLES.news]);
    await library.getByRole('button', { name: /^All/ }).click();
    // Every fixture comes from 127.0.0.1: one host is one site, whatever names its pages give.
    const sites = library.locator('#library-site option');
    expect(await sites.count()).toBe(2); // "All sites" and the one host
    await library.locator('#library-site').selectOption({ index: 1 });
    await expect.poll(titles).toEqual([TITLES.starter, TITLES.lens]);
    await library.locator('#library-site').selectOption('');
    await library.locator('#library-sort').selectOption('title-asc');
    await expect.poll(titles).toEqual([TITLES.lens, TITLES.starter]);
    await library.locator('#library-sort').selectOption('relevance');
  });

  test('a title opens the article in the reader', async () => {
    await library.getByRole('link', { name: TITLES.lens }).click();
    await library.waitForURL(/reader\.html\?id=/);
    await expect.poll(() => library.locator('.reader-content p').count()).toBeGreaterThan(3);
    await library.goBack();
    await expect.poll(() => rows().count()).toBe(2);
  });

  test('bulk export: the selection as one zip of Markdown files, with front matter', async () => {
    const shown = await titles();
    for (const title of shown) await row(title).locator('.article-select').click();
    // The Export panel takes the selection as the list last rendered it: wait for the last tick.
    await expect.poll(() => library.locator('.bulk-count').textContent()).toBe(`${shown.length} selected`);
    await library.getByRole('button', { name: 'Export', exact: true }).click();
    await library.locator('#export-start').waitFor();
    const [download] = await Promise.all([
      library.waitForEvent('download'),
      library.locator('#export-start').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^readmark-markdown-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const names = Object.keys(files);
    expect(names).toHaveLength(shown.length);
    for (const name of names) {
      expect(name).toMatch(/\.md$/);
      expect(strFromU8(files[name]!)).toMatch(/^---\ntitle: "/);
    }
    await expect.poll(() => library.locator('#export-done').isVisible()).toBe(true);
    await library.getByRole('button', { name: 'Close', exact: true }).click();
    await library.getByRole('button', { name: 'Clear selection' }).click();
  });

  test('delete takes the article, its body and highlights away; undo puts them all back', async () => {
    const lens = await byTitle(TITLES.lens);
    await library.evaluate(
      (articleId) =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('readmark');
          open.onsuccess = () => {
            const tx = open.result.transaction('highlights', 'readwrite');
            tx.objectStore('highlights').put({
              id: 'h-e2e',
              articleId,
              color: 'yellow',
              note: 'soft cloths only',
              quote: { type: 'TextQuoteSelector', exact: 'irreplaceable', prefix: '', suffix: '' },
              position: { type: 'TextPositionSelector', start: 0, end: 13 },
              createdAt: 1,
              updatedAt: 1,
            });
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          };
        }),
      lens.id,
    );
    await row(TITLES.lens)
      .getByRole('button', { name: `Delete “${TITLES.lens}”` })
      .click();
    await expect.poll(titles).toEqual([TITLES.starter]);
    expect(await readStore(library, 'highlights')).toHaveLength(0);
    expect(await readStore(library, 'contents')).toHaveLength(2);
    await library.screenshot({ path: join(SCREENSHOTS, 'library-undo.png') });
    await library.locator('#undo-delete').click();
    await expect.poll(titles).toEqual([TITLES.starter, TITLES.lens]);
    expect(await readStore(library, 'highlights')).toHaveLength(1);
    expect(await readStore(library, 'contents')).toHaveLength(3);
    // The restored highlight's note is searchable again.
    await searchFor('cloths');
    await expect.poll(titles).toEqual([TITLES.lens]);
    await searchFor('');
  });

  test('opened again, the list comes from the summary snapshot, with the changes made since and while open', async () => {
    // The search worker takes the snapshot once its index is ready and the library quiet.
    const snapshotCurrent = () =>
      library.evaluate(
        () =>
          new Promise<boolean>((done, fail) => {
            const open = indexedDB.open('readmark');
            open.onsuccess = () => {
              const store = open.result.transaction('summaries').objectStore('summaries');
              const log = store.get(0);
              const snapshot = store.get(1);
              snapshot.onsuccess = () => {
                done(typeof snapshot.result?.json === 'string' && snapshot.result.seq === log.result?.seq);
                open.result.close();
              };
              snapshot.onerror = () => fail(snapshot.error);
            };
          }),
      );
    await expect.poll(snapshotCurrent, { timeout: 20_000 }).toBe(true);
    const before = await titles();
    await library.reload();
    await expect.poll(titles).toEqual(before);
    // Read by the page's first script (library-start.js) while its modules loaded.
    const earlyRead = () =>
      library.evaluate(
        () => (performance.getEntriesByName('rm:library-read-end')[0] as PerformanceMark | undefined)?.detail,
      );
    expect(await earlyRead()).toEqual({ snapshot: true });
    // A change made in another page shows here at once (from the change log), and after a reload.
    const other = await env.browser.open(env.browser.extensionUrl('/library.html'));
    const favourite = (page: Page) =>
      page
        .locator('.article', { has: page.getByRole('link', { name: TITLES.lens }) })
        .locator('button.favourite');
    await favourite(other).click();
    await expect.poll(() => favourite(library).getAttribute('aria-pressed')).toBe('true');
    await other.close();
    // The first rows paint from the first screen record (summaries key 2), written with every
    // change: the shelf's newest articles in order, the favourite already in it.
    const firstScreen = async () =>
      (
        await readStore<{ id: unknown; rows?: { title: string; favourite: number }[] }>(library, 'summaries')
      ).find((record) => record.id === 2)?.rows;
    expect((await firstScreen())?.map((row) => row.title)).toEqual(before);
    expect((await firstScreen())?.find((row) => row.title === TITLES.lens)?.favourite).toBe(1);
    await library.reload();
    await expect.poll(() => favourite(library).getAttribute('aria-pressed')).toBe('true');
    expect(await titles()).toEqual(before);
    await favourite(library).click();
    await expect.poll(async () => (await byTitle(TITLES.lens)).favourite).toBe(0);
  });

  test("from the popup's link, then the keyboard alone: search, move, favourite, select, archive, open", async () => {
    // As the popup's "Open in library" opens it: the saved article in view and focused.
    const lens = await byTitle(TITLES.lens);
    await library.goto(env.browser.extensionUrl(`/library.html?focus=${lens.id}`));
    await expect.poll(() => rows().count()).toBe(2);
    const focusedTitle = () => library.evaluate(() => document.activeElement?.textContent ?? '');
    await expect.poll(focusedTitle).toBe(TITLES.lens);
    expect(await row(TITLES.lens).getAttribute('class')).toContain('focused');
    await library.locator('body').press('/');
    expect(await library.evaluate(() => document.activeElement?.id)).toBe('library-search');
    await library.keyboard.type('sourdough');
    await expect.poll(() => library.locator('.article-list').getAttribute('data-query')).toBe('sourdough');
    await library.keyboard.press('Escape');
    await expect.poll(focusedTitle).toBe(TITLES.starter);
    await library.keyboard.press('s');
    await expect.poll(async () => (await byTitle(TITLES.starter)).favourite).toBe(1);
    await searchFor('');
    await expect.poll(() => rows().count()).toBe(2);
    await library.keyboard.press('Escape');
    await library.keyboard.press('j');
    await expect.poll(focusedTitle).toBe(TITLES.lens);
    await library.keyboard.press('k');
    await expect.poll(focusedTitle).toBe(TITLES.starter);
    await library.keyboard.press('x');
    await expect.poll(() => library.locator('.bulk-count').textContent()).toBe('1 selected');
    await library.screenshot({ path: join(SCREENSHOTS, 'library-light.png') });
    expect(await seriousAxeFindings(library)).toEqual([]);
    await library.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeFindings(library)).toEqual([]);
    await library.screenshot({ path: join(SCREENSHOTS, 'library-dark.png') });
    await library.emulateMedia({ colorScheme: 'light' });
    await library.keyboard.press('x');
    await library.keyboard.press('j');
    await library.keyboard.press('e');
    await expect.poll(async () => (await byTitle(TITLES.lens)).archived).toBe(1);
    await expect.poll(titles).toEqual([TITLES.starter]);
    await library.keyboard.press('Enter');
    await library.waitForURL(/reader\.html\?id=/);
    await expect.poll(() => library.title()).toBe(TITLES.starter);
  });

  test('the popup (opened as a tab) has no serious axe finding', async () => {
    const page = await env.browser.open(`${env.server.origin}/pages/sectioned-guide.html`);
    await env.browser.clickToolbarButton(page);
    const real = await attachRealPopup(env.browser);
    await real.close();
    const popup = await env.browser.openPopupFor(await env.browser.activeTabId(page));
    await expect.poll(() => popup.locator('#save').count()).toBe(1);
    expect(await seriousAxeFindings(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeFindings(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});
