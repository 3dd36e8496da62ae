import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackup } from '@/utils/export';
import { generateLibrary } from '../fixtures/export/generate-library';
import { hasRclone, makeFolder, PASSWORD, type Running, startRclone, USER } from '../support/dav-servers';
import {
  type FirefoxPage,
  type FirefoxWithExtension,
  firefoxMissing,
  launchFirefoxWithExtension,
} from './firefox';
import { SYNC_RUN_MS, watchSyncRun } from './sync-helpers';

// Issue 17: "Same engine in Firefox's event page". Two Firefox profiles with the built Firefox
// extension sync through `rclone serve webdav`: A restores a small library from a backup file,
// both set sync up through the real Settings → Sync form and click "Sync now" (a trusted click,
// as the permission check needs); the run happens in Firefox's background event page.
const missing = firefoxMissing() ?? (hasRclone() ? null : 'rclone is not installed');
if (missing) console.warn(`[firefox sync e2e] skipped: ${missing}`);

const PASSPHRASE = 'quiet harbour lantern steps';
const SYNC_NOW = '.sync-form button[type="submit"]';
const STATUS = '[data-testid="sync-settings-status"]';
// A click on "Sync now" makes the button busy at once; this long means it began no run.
const CLICK_TAKES_MS = 5_000;

interface Article {
  id: string;
  title: string;
}
interface Highlight {
  id: string;
  articleId: string;
  quote: { exact: string };
}

describe.skipIf(missing !== null)('sync in Firefox (event page), two profiles through rclone', () => {
  let dav: Running;
  let folder: string;
  let a: FirefoxWithExtension;
  let b: FirefoxWithExtension;
  const library = generateLibrary({ articles: 3, highlights: 4, bodyMin: 400, bodyMax: 900, seed: 17 });
  const titles = library.articles.map(({ meta }) => meta.title).sort();

  beforeAll(async () => {
    dav = await startRclone();
    folder = `${dav.url}readmark/`;
    await makeFolder(folder);
    [a, b] = await Promise.all([
      launchFirefoxWithExtension({ localAccess: true }),
      launchFirefoxWithExtension({ localAccess: true }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dav?.stop();
  });

  async function settings(browser: FirefoxWithExtension): Promise<FirefoxPage> {
    const page = await browser.open(browser.extensionUrl('/options.html'));
    await page.waitFor(`document.querySelector(${JSON.stringify(SYNC_NOW)})`);
    return page;
  }

  async function setUp(page: FirefoxPage, deviceName: string) {
    await page.fill('Server URL', folder);
    await page.fill('User name', USER);
    await page.fill('Password', PASSWORD);
    await page.fill('Device name', deviceName);
    await page.fill('Passphrase', PASSPHRASE);
  }

  /** Clicks "Sync now" and waits for the run to end (the button goes busy, then comes back). */
  async function syncNow(page: FirefoxPage): Promise<string> {
    await page.evaluate(watchSyncRun(`document.querySelector(${JSON.stringify(SYNC_NOW)})`));
    await page.click(SYNC_NOW);
    // Two clean-clone runs in about fifty waited here until the bound without saying whether a run
    // had begun. A click that began none (the pointer lands where the button was a moment before)
    // is clicked again, as a reader would; a run that began and never ends still fails, named.
    try {
      await page.waitFor('window.syncStarted || window.syncDone', CLICK_TAKES_MS);
    } catch {
      await page.click(SYNC_NOW);
    }
    await page.waitFor('window.syncStarted || window.syncDone', CLICK_TAKES_MS);
    await page.waitFor('window.syncDone', SYNC_RUN_MS);
    await page.waitFor(`document.querySelector(${JSON.stringify(STATUS)})`);
    return page.text(STATUS);
  }

  const count = async (page: FirefoxPage) => (await page.readStore('articles')).length;

  test('a library restored on A reaches B with its highlights and bodies; a delete on B comes back to A', async () => {
    // A: restore the backup through the settings page, as a reader moving browsers would.
    const backup = await createBackup({
      articles: library.articles,
      highlights: library.highlights,
      settings: {},
    });
    if (!backup.ok) throw new Error('backup not created');
    const file = join(mkdtempSync(join(tmpdir(), 'readmark-ff-backup-')), 'readmark-backup.json');
    writeFileSync(file, backup.value);
    const settingsA = await settings(a);
    await settingsA.setFile('#restore-file', file);
    await settingsA.waitFor(`document.querySelector('#restore-summary')`);
    await settingsA.click('#restore-import');
    await settingsA.waitFor(`document.querySelector('#restore-done')`);
    expect((await settingsA.readStore<Article>('articles')).map((x) => x.title).sort()).toEqual(titles);

    await setUp(settingsA, 'Firefox laptop');
    expect(await syncNow(settingsA)).toContain('Last successful sync');

    // B: a fresh profile joins the folder and receives everything.
    const settingsB = await settings(b);
    await setUp(settingsB, 'Firefox desktop');
    expect(await syncNow(settingsB)).toContain('Last successful sync');
    expect(await settingsB.text('[data-testid="sync-devices"]')).toContain('Firefox laptop');
    const articlesB = await settingsB.readStore<Article>('articles');
    expect(articlesB.map((x) => x.title).sort()).toEqual(titles);
    const quotes = (list: Highlight[]) => list.map((h) => `${h.articleId} ${h.quote.exact}`).sort();
    expect(quotes(await settingsB.readStore<Highlight>('highlights'))).toEqual(quotes(library.highlights));
    const bodies = await settingsB.readStore<{ articleId: string; textContent: string }>('contents');
    expect(bodies.map((x) => x.articleId).sort()).toEqual(library.articles.map(({ meta }) => meta.id).sort());
    for (const { meta, content } of library.articles)
      expect(bodies.find((x) => x.articleId === meta.id)?.textContent).toBe(content.textContent);

    // B deletes one article from its library; A's next run deletes it too, with its highlights
    // (a handful of deletions passes the fail-safe without asking: tests/unit/sync/failsafe.test.ts).
    const gone = library.articles[0]!.meta;
    const libraryB = await b.open(b.extensionUrl('/library.html'));
    // The library paints its first rows, then the whole list: a click by coordinates can land on
    // a row that moved, so this one (a delete needs no trusted gesture) goes to the element itself.
    const deleteButton = `button[aria-label=${JSON.stringify(`Delete “${gone.title}”`)}]`;
    await libraryB.waitFor(`document.querySelector(${JSON.stringify(deleteButton)})`);
    await libraryB.evaluate(`document.querySelector(${JSON.stringify(deleteButton)}).click() ?? true`);
    await expect.poll(() => count(libraryB), { timeout: 30_000 }).toBe(2);
    expect(await syncNow(settingsB)).toContain('Last successful sync');
    expect(await syncNow(settingsA)).toContain('Last successful sync');
    expect((await settingsA.readStore<Article>('articles')).map((x) => x.id).sort()).toEqual(
      articlesB
        .filter((x) => x.id !== gone.id)
        .map((x) => x.id)
        .sort(),
    );
    const left = await settingsA.readStore<Highlight>('highlights');
    expect(left.some((h) => h.articleId === gone.id)).toBe(false);
    expect(quotes(left)).toEqual(quotes(library.highlights.filter((h) => h.articleId !== gone.id)));
  }, 180_000);
});
