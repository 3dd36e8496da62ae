import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  hasApache,
  hasRclone,
  makeFolder,
  PASSWORD,
  type Running,
  startApache,
  startRclone,
  USER,
} from '../support/dav-servers';
import { type ExtensionBrowser, launchWithExtension, SCREENSHOTS } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { selectText } from './page-helpers';
import { attachRealPopup } from './real-popup';

const PASSPHRASE = 'tidal footbridge oak handrails';
const ARTICLE = '/pages/news-article.html';
const TITLE = 'Harbour town votes to rebuild its tidal footbridge';

interface Highlight {
  id: string;
  articleId: string;
  quote: { exact: string };
  note: string;
}

// Two machines (two Chromium profiles with the built extension) syncing through a real WebDAV
// server on 127.0.0.1 — `rclone serve webdav` (ignores If-Match) and Apache mod_dav (honours it) —
// set up through the real Settings → Sync form and driven with "Sync now".
// The profiles start with access to 127.0.0.1 in their manifest copy (headless Chromium cannot
// answer the permission prompt), so the form's permission request is granted without a prompt.
const SERVERS = [
  { name: 'rclone serve webdav', present: hasRclone(), start: startRclone },
  { name: 'Apache mod_dav', present: hasApache(), start: startApache },
];
for (const server of SERVERS)
  if (!server.present) console.warn(`[sync e2e] ${server.name} is not installed: its run is skipped`);

describe.each(SERVERS.filter((server) => server.present))(
  'sync between two profiles through $name',
  ({ start }) => {
    let fixtures: FixtureServer;
    let dav: Running;
    let folder: string;
    let a: ExtensionBrowser;
    let b: ExtensionBrowser;

    beforeAll(async () => {
      fixtures = await startFixtureServer();
      dav = await start();
      folder = `${dav.url}readmark/`;
      await makeFolder(folder);
      a = await launchWithExtension([], { hostAccess: true });
      b = await launchWithExtension([], { hostAccess: true });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await dav?.stop();
      await fixtures?.close();
    });

    async function settings(browser: ExtensionBrowser): Promise<Page> {
      const page = await browser.open(browser.extensionUrl('/options.html'));
      await page.getByLabel('Server URL').waitFor();
      return page;
    }

    async function setUp(page: Page, deviceName: string, passphrase: string) {
      await page.getByLabel('Server URL').fill(folder);
      await page.getByLabel('User name').fill(USER);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Device name').fill(deviceName);
      await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    }

    /** Clicks "Sync now" (a real click: the permission request needs the gesture), waits for the run to end. */
    async function syncNow(page: Page): Promise<string> {
      // Watch the button go busy and come back, from before the click.
      await page.evaluate(() => {
        const button = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Sync now')!;
        let busy = false;
        (window as unknown as { syncDone: Promise<void> }).syncDone = new Promise<void>((resolve) => {
          new MutationObserver(() => {
            if (button.disabled) busy = true;
            else if (busy) resolve();
          }).observe(button, { attributes: true, childList: true, subtree: true, characterData: true });
        });
      });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.evaluate(() => (window as unknown as { syncDone: Promise<void> }).syncDone);
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-settings-status"]'));
      return statusText(page);
    }

    const statusText = (page: Page) =>
      page.evaluate(() => document.querySelector('[data-testid="sync-settings-status"]')?.textContent ?? '');

    /** The folder's files as the server lists them (name, size, etag), in a stable order. */
    async function davFiles(path: string): Promise<string[]> {
      const response = await fetch(`${folder}${path}`, {
        method: 'PROPFIND',
        headers: { Authorization: `Basic ${btoa(`${USER}:${PASSWORD}`)}`, Depth: '1' },
      });
      const xml = await response.text();
      // Servers differ in namespace prefixes (rclone: D:, Apache: D: and lp1:) and attributes.
      return [...xml.matchAll(/<(?:\w+:)?response\b[^>]*>([\s\S]*?)<\/(?:\w+:)?response>/g)]
        .map(([, entry]) =>
          ['href', 'getcontentlength', 'getetag']
            .map((prop) => new RegExp(`<(?:\\w+:)?${prop}\\b[^>]*>([^<]*)<`).exec(entry!)?.[1])
            // Apache's ETag is weak (W/) for a second after a write, then strong: the same file.
            .map((value) => value?.replace(/^W\//, ''))
            .join(' '),
        )
        .sort();
    }

    /** Selects `text` on the page and highlights it from the real popup (saving the page if needed). */
    async function highlightFromPopup(browser: ExtensionBrowser, page: Page, text: string) {
      await selectText(page, text);
      await browser.clickToolbarButton(page);
      const popup = await attachRealPopup(browser);
      await popup.waitFor(`document.querySelector('#highlight-selection')`);
      await popup.evaluate(`document.querySelector('#highlight-selection').click()`);
      await popup.waitFor(
        `document.querySelector('#selection-status')?.textContent.includes('Selection highlighted')`,
      );
      await popup.close();
    }

    test('an article saved and highlighted on A appears on B; a wrong passphrase on B writes nothing', async () => {
      const pageA = await a.open(`${fixtures.origin}${ARTICLE}`);
      await highlightFromPopup(a, pageA, 'tear down the tidal footbridge');

      const settingsA = await settings(a);
      await setUp(settingsA, 'Laptop', PASSPHRASE);
      expect(await syncNow(settingsA)).toContain('Last successful sync');
      await settingsA.screenshot({ path: join(SCREENSHOTS, 'sync-settings.png'), fullPage: true });

      // B with the wrong passphrase: told so, nothing in its library, nothing new on the server.
      const devicesBefore = await davFiles('devices/');
      expect(devicesBefore).toHaveLength(2); // the folder and A's device file
      const settingsB = await settings(b);
      await setUp(settingsB, 'Desktop', 'not the passphrase');
      const refused = await syncNow(settingsB);
      expect(refused).toContain('Wrong passphrase');
      expect(refused).toContain('Not synced yet');
      expect(await readStore(settingsB, 'articles')).toEqual([]);
      expect(await readStore(settingsB, 'highlights')).toEqual([]);
      expect(await davFiles('devices/')).toEqual(devicesBefore);

      // The right passphrase: the article, its highlight and its body arrive.
      await settingsB.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      expect(await syncNow(settingsB)).toContain('Last successful sync');
      expect(await settingsB.getByTestId('sync-devices').textContent()).toBe(
        'Devices sharing this folder: Laptop',
      );
      const [article] = await readStore<{ id: string; title: string }>(settingsB, 'articles');
      expect(article?.title).toBe(TITLE);
      const highlights = await readStore<Highlight>(settingsB, 'highlights');
      expect(highlights.map((h) => h.quote.exact)).toEqual(['tear down the tidal footbridge']);
      expect(highlights[0]?.articleId).toBe(article?.id);
      const contents = await readStore<{ articleId: string; textContent: string }>(settingsB, 'contents');
      expect(contents[0]?.textContent).toContain('Two of its oak handrails will be kept by the town museum');

      // The library shows it, with the sync line.
      const library = await b.open(b.extensionUrl('/library.html'));
      await library.getByText(TITLE).first().waitFor();
      expect(await library.locator('[data-testid="sync-status"]').textContent()).toContain(
        'Last successful sync',
      );
      await library.close();
      await pageA.close();
    });

    test('highlights made on both machines between syncs all survive on both', async () => {
      const pageA = await a.open(`${fixtures.origin}${ARTICLE}`);
      const pageB = await b.open(`${fixtures.origin}${ARTICLE}`);
      await highlightFromPopup(a, pageA, 'Two of its oak handrails');
      await highlightFromPopup(b, pageB, 'The town council voted');

      const settingsA = await settings(a);
      const settingsB = await settings(b);
      await syncNow(settingsA);
      await syncNow(settingsB);
      await syncNow(settingsA);
      const quotes = async (page: Page) =>
        (await readStore<Highlight>(page, 'highlights')).map((h) => h.quote.exact).sort();
      const onA = await quotes(settingsA);
      const onB = await quotes(settingsB);
      expect(onA).toHaveLength(3);
      expect(onA).toEqual(onB);
      expect(onA).toEqual(
        ['Two of its oak handrails', 'The town council voted', 'tear down the tidal footbridge'].sort(),
      );
      // One article on each, not two copies of the same page.
      expect(await readStore(settingsA, 'articles')).toHaveLength(1);
      expect(await readStore(settingsB, 'articles')).toHaveLength(1);
      await pageA.close();
      await pageB.close();
    });

    test('deleting the whole library on A makes B ask first; Continue deletes it there too', async () => {
      const library = await a.open(a.extensionUrl('/library.html'));
      await library.getByRole('button', { name: `Delete “${TITLE}”` }).click();
      await expect.poll(() => readStore(library, 'articles')).toEqual([]);
      const settingsA = await settings(a);
      expect(await syncNow(settingsA)).toContain('Last successful sync');

      const settingsB = await settings(b);
      const asked = await syncNow(settingsB);
      expect(asked).toContain('This sync would delete 1 and add 0 of your 1 articles');
      expect(await readStore(settingsB, 'articles')).toHaveLength(1);
      await settingsB.screenshot({ path: join(SCREENSHOTS, 'sync-mass-change.png'), fullPage: true });
      await settingsB.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => readStore(settingsB, 'articles'), { timeout: 30_000 }).toEqual([]);
      expect(await readStore(settingsB, 'highlights')).toEqual([]);
      await expect.poll(() => statusText(settingsB), { timeout: 30_000 }).not.toContain('would delete');
      await library.close();
    });
  },
);
