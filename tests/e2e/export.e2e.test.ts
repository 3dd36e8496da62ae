import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type ExtensionBrowser, launchWithExtension, SCREENSHOTS } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { attachRealPopup, openRealPopup } from './real-popup';

const TITLE = 'Harbour town votes to rebuild its tidal footbridge';
const NOTE = 'Ask the museum about the oak handrails — and the 🌉 photos';

interface StoredArticle {
  id: string;
  title: string;
  canonicalUrl: string;
}
interface StoredHighlight {
  id: string;
  articleId: string;
  note: string;
  quote: { exact: string };
}

/** Clicks a button that downloads a file and answers the file's suggested name and text. */
async function download(page: Page, selector: string): Promise<{ name: string; text: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** Puts a highlight with raw IndexedDB from an extension page (the shape of utils/model/highlight.ts); the database must exist. */
function insertHighlight(page: Page, highlight: StoredHighlight & Record<string, unknown>) {
  return page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('readmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('highlights', 'readwrite');
          tx.objectStore('highlights').put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    highlight,
  );
}

// Export a saved article from the popup, back the library up in one browser profile and
// restore it in a fresh one: the reader's whole "take my reading with me" path.
describe('export and backup', () => {
  let server: FixtureServer;
  let first: ExtensionBrowser;
  let second: ExtensionBrowser | undefined;
  let article: Page;
  let backupPath = '';
  let saved: StoredArticle;

  beforeAll(async () => {
    server = await startFixtureServer();
    first = await launchWithExtension();
    article = await first.open(`${server.origin}/pages/news-article.html`);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await server?.close();
  });

  test('the article is saved through the real popup and given a highlight with a note', async () => {
    const popup = await openRealPopup(first, article);
    await popup.evaluate(`document.querySelector('#save').click()`);
    await popup.waitFor(`document.querySelector('#export-markdown')`);
    await popup.screenshot(join(SCREENSHOTS, 'popup-export.png'));
    await popup.close();

    const library = await first.open(first.extensionUrl('/library.html'));
    [saved] = (await readStore<StoredArticle>(library, 'articles')) as [StoredArticle];
    expect(saved.title).toBe(TITLE);
    const [content] = await readStore<{ textContent: string }>(library, 'contents');
    const exact = 'Two of its oak handrails will be kept by the town museum';
    const start = content!.textContent.indexOf(exact);
    expect(start).toBeGreaterThan(0);
    await insertHighlight(library, {
      id: 'e2e-highlight-1',
      articleId: saved.id,
      color: 'pink',
      note: NOTE,
      quote: {
        type: 'TextQuoteSelector',
        exact,
        prefix: content!.textContent.slice(start - 32, start),
        suffix: content!.textContent.slice(start + exact.length, start + exact.length + 32),
      } as StoredHighlight['quote'],
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    expect(await readStore(library, 'highlights')).toHaveLength(1);
    await library.close();
  });

  test('the popup exports the saved article as Markdown and as standalone HTML', async () => {
    const tabId = await first.activeTabId(article);
    await first.clickToolbarButton(article); // grants activeTab again for the popup opened as a tab
    const popup = await first.openPopupFor(tabId);
    await popup.waitForSelector('#export-markdown');

    const markdown = await download(popup, '#export-markdown');
    expect(markdown.name).toBe(`${TITLE}.md`);
    const [, yaml, body] = markdown.text.split(/^---$/m);
    const front = parseYaml(yaml!) as Record<string, unknown>;
    expect(front).toMatchObject({
      title: TITLE,
      author: 'Imogen Vasquez',
      site: 'The Coastline Courier',
      // The fixture's declared canonical is on port 80, another origin: the tab's URL is the key.
      canonical: `${server.origin}/pages/news-article.html`,
    });
    expect(body).toContain(`# ${TITLE}`);
    expect(body).toContain(
      'A lift section in the middle will let taller sailing boats reach the inner basin.',
    );
    expect(body).toContain(NOTE);
    expect(await popup.locator('#export-status').textContent()).toContain(`${TITLE}.md`);

    const html = await download(popup, '#export-html');
    expect(html.name).toBe(`${TITLE}.html`);
    expect(html.text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html.text).not.toMatch(/<script/i);
    expect(html.text).toContain('<mark class="hl hl-pink"');
    expect(html.text).toContain(NOTE);
    // The file opens on its own and shows the article with its note.
    const copy = join(SCREENSHOTS, '..', 'exports', html.name);
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, html.text);
    const opened = await first.open(pathToFileURL(copy).href);
    expect(await opened.locator('h1').first().textContent()).toBe(TITLE);
    expect(await opened.locator('.notes').textContent()).toContain(NOTE);
    await opened.close();
    await popup.close();
  });

  test('the options page downloads a verified backup', async () => {
    const options = await first.open(first.extensionUrl('/options.html'));
    await options.emulateMedia({ colorScheme: 'light' });
    await options.waitForSelector('#download-backup');
    const backup = await download(options, '#download-backup');
    expect(backup.name).toMatch(/^readmark-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(backup.text) as { format: string; articles: unknown[]; highlights: unknown[] };
    expect(file.format).toBe('readmark-backup');
    expect(file.articles).toHaveLength(1);
    expect(file.highlights).toHaveLength(1);
    backupPath = backup.path;
    await expect.poll(() => options.locator('#backup-done').textContent()).toContain(backup.name);
    await options.screenshot({ path: join(SCREENSHOTS, 'options.png'), fullPage: true });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.screenshot({ path: join(SCREENSHOTS, 'options-dark.png'), fullPage: true });
    await options.close();
  });

  // Last in this profile: taking over the browser's download behaviour bypasses Playwright's own.
  test('the real toolbar popup downloads the export too', async () => {
    const cdp = await first.context.browser()!.newBrowserCDPSession();
    const folder = mkdtempSync(join(tmpdir(), 'readmark-downloads-'));
    const done = new Promise<{ guid: string; name: string }>((resolve) => {
      let name = '';
      cdp.on('Browser.downloadWillBegin' as never, (event: { suggestedFilename: string }) => {
        name = event.suggestedFilename;
      });
      cdp.on('Browser.downloadProgress' as never, (event: { guid: string; state: string }) => {
        if (event.state === 'completed') resolve({ guid: event.guid, name });
      });
    });
    await cdp.send(
      'Browser.setDownloadBehavior' as never,
      { behavior: 'allowAndName', downloadPath: folder, eventsEnabled: true } as never,
    );
    await first.clickToolbarButton(article);
    const popup = await attachRealPopup(first);
    await popup.waitFor(`document.querySelector('#export-markdown')`);
    await popup.evaluate(`document.querySelector('#export-markdown').click()`);
    const file = await done;
    expect(file.name).toBe(`${TITLE}.md`);
    expect(readFileSync(join(folder, file.guid), 'utf8')).toContain(NOTE);
    await popup.close();
    await cdp.detach();
  });

  test('a fresh browser profile restores the same library from the file', async () => {
    second = await launchWithExtension();
    const options = await second.open(second.extensionUrl('/options.html'));
    await options.emulateMedia({ colorScheme: 'light' });
    await options.setInputFiles('#restore-file', backupPath);
    await expect
      .poll(() => options.locator('#restore-summary').textContent())
      .toMatch(/articles: 1, highlights: 1, settings: 0/);
    expect(await options.locator('#restore-rejected').count()).toBe(0);
    await options.click('#restore-import');
    await expect
      .poll(() => options.locator('#restore-done').textContent())
      .toMatch(/articles: 1, highlights: 1/);

    const articles = await readStore<StoredArticle>(options, 'articles');
    expect(articles.map(({ id, title, canonicalUrl }) => ({ id, title, canonicalUrl }))).toEqual([
      { id: saved.id, title: saved.title, canonicalUrl: saved.canonicalUrl },
    ]);
    const [highlight, ...more] = await readStore<StoredHighlight>(options, 'highlights');
    expect(more).toHaveLength(0);
    expect(highlight).toMatchObject({ articleId: saved.id, note: NOTE });
    const [content] = await readStore<{ contentHtml: string }>(options, 'contents');
    expect(content!.contentHtml).toContain('oak handrails');
    expect(content!.contentHtml).not.toMatch(/<script|<form|\son\w+=/i);

    // Restoring the same file again: the article is now a duplicate and the reader chooses.
    await options.setInputFiles('#restore-file', backupPath);
    await expect.poll(() => options.locator('#restore-duplicates').textContent()).toMatch(/1 of these/);
    await options.check('input[name="policy"][value="keep-both"]');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-restore.png'), fullPage: true });
    await options.click('#restore-import');
    await expect.poll(() => options.locator('#restore-done').textContent()).toMatch(/kept as copies 1/);
    expect(await readStore(options, 'articles')).toHaveLength(2);
    expect(await readStore(options, 'highlights')).toHaveLength(2);
    await options.close();
  });

  test('a file that is not a backup is refused with a reason and changes nothing', async () => {
    const options = await second!.open(second!.extensionUrl('/options.html'));
    await options.setInputFiles('#restore-file', {
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"something-else","version":1}'),
    });
    await expect.poll(() => options.locator('[role="alert"]').textContent()).toMatch(/not a Readmark backup/);
    expect(await options.locator('#restore-import').count()).toBe(0);
    expect(await readStore(options, 'articles')).toHaveLength(2);

    // A backup with damaged records: they are listed with their reasons before anything is written.
    const damaged = JSON.parse(readFileSync(backupPath, 'utf8')) as {
      articles: unknown[];
      highlights: unknown[];
    };
    damaged.articles.push({ meta: { id: 'x' }, content: {} });
    damaged.highlights.push({ id: 'lost', articleId: 'nowhere' });
    await options.setInputFiles('#restore-file', {
      name: 'damaged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(damaged)),
    });
    await expect.poll(() => options.locator('#restore-rejected li').count()).toBe(2);
    expect(await options.locator('#restore-rejected').textContent()).toMatch(
      /Article no\. 2 in the file: .*Highlight no\. 2 in the file: /,
    );
    await options.emulateMedia({ colorScheme: 'light' });
    await options.screenshot({ path: join(SCREENSHOTS, 'options-rejected.png'), fullPage: true });
    expect(await readStore(options, 'articles')).toHaveLength(2);
    await options.close();
  });

  test('a long backup shows its progress and Cancel stops it with no file', async () => {
    const options = await second!.open(second!.extensionUrl('/options.html'));
    await options.emulateMedia({ colorScheme: 'light' });
    await seedArticles(options, 20_000);
    let downloads = 0;
    options.on('download', () => downloads++);
    // Readmark hands files over with an `<a download>` click (components/shared/download.ts). The
    // page counts those clicks itself, so "no file" is read from the page's state, not waited for.
    await options.evaluate(() => {
      const counter = window as unknown as { downloadClicks: number };
      counter.downloadClicks = 0;
      document.addEventListener(
        'click',
        (event) => {
          if (event.target instanceof HTMLAnchorElement && event.target.download) counter.downloadClicks++;
        },
        true,
      );
    });
    await options.click('#download-backup');
    await options.waitForSelector('.task progress');
    await expect.poll(() => options.locator('.task-label').textContent()).toMatch(/of 20,00\d/);
    await options.screenshot({ path: join(SCREENSHOTS, 'options-progress.png'), fullPage: true });
    await options.click('.task-cancel');
    await expect.poll(() => options.locator('.task-outcome').textContent()).toMatch(/Cancelled/);
    expect(await options.locator('.task progress').count()).toBe(0);
    // The download would start in the same task that ends the run, before "Cancelled" is painted.
    expect(
      await options.evaluate(() => (window as unknown as { downloadClicks: number }).downloadClicks),
    ).toBe(0);
    expect(downloads).toBe(0);
    await options.close();
  });
});

/**
 * Adds `count` small articles with raw IndexedDB (the shapes of utils/model/article.ts). The
 * database must exist already: on a fresh profile, `indexedDB.open` would create an empty one.
 */
function seedArticles(page: Page, count: number) {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('readmark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['articles', 'contents'], 'readwrite');
          const body = '<p>A quiet paragraph about harbours, kettles and lanterns. </p>'.repeat(30);
          for (let i = 0; i < n; i++) {
            const id = `seed-${i}`;
            tx.objectStore('articles').put({
              id,
              url: `https://seed.example/${i}`,
              canonicalUrl: `https://seed.example/${i}`,
              title: `Seeded article ${i}`,
              byline: null,
              siteName: null,
              publishedTime: null,
              lang: 'en',
              dir: null,
              leadImage: null,
              excerpt: 'A quiet paragraph.',
              wordCount: 300,
              readingTimeMinutes: 2,
              tags: [],
              favourite: 0,
              archived: 0,
              savedAt: 1_700_000_000_000 + i,
              updatedAt: 1_700_000_000_000 + i,
              readAt: null,
              progress: 0,
            });
            tx.objectStore('contents').put({
              articleId: id,
              contentHtml: body,
              textContent: body,
              removed: [],
            });
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    count,
  );
}
