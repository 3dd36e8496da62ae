import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { SCREENSHOTS } from './browser';
import { startFixtureServer } from './fixture-server';
import { readStore } from './idb';
import { png } from './png';
import { saveThroughPopup } from './real-popup';
import {
  ARTICLE,
  davFiles as davFilesIn,
  davServers,
  fillSyncForm,
  type StoredHighlight as Highlight,
  highlightFromPopup,
  PASSPHRASE,
  openSettings as settings,
  statusText,
  syncNow,
  TITLE,
  useSyncPair,
} from './sync-helpers';

// Two machines (two Chromium profiles with the built extension) syncing through a real WebDAV
// server on 127.0.0.1 — `rclone serve webdav` (ignores If-Match) and Apache mod_dav (honours it) —
// set up through the real Settings → Sync form and driven with "Sync now" (sync-helpers.ts).
// On both servers: a save with its highlight travelling (and a wrong passphrase refused), and a
// stored picture travelling (the only picture test against a real server). On the first server
// installed only: highlights made on both machines, and the mass-delete question; how those merge
// and when a run asks is the engine's, which meets both real servers in
// tests/unit/sync/{rclone,apache}.test.ts, and what these add is the reader's side.
const servers = davServers();
describe.each(servers)('sync between two profiles through $name', (server) => {
  const pair = useSyncPair(server);
  const setUp = (page: Page, deviceName: string, passphrase: string) =>
    fillSyncForm(page, pair.folder, deviceName, passphrase);
  const davFiles = (path: string) => davFilesIn(pair.folder, path);

  test('an article saved and highlighted on A appears on B; a wrong passphrase on B writes nothing', async () => {
    const pageA = await pair.a.open(`${pair.fixtures.origin}${ARTICLE}`);
    await highlightFromPopup(pair.a, pageA, 'tear down the tidal footbridge');

    const settingsA = await settings(pair.a);
    await setUp(settingsA, 'Laptop', PASSPHRASE);
    expect(await syncNow(settingsA)).toContain('Last successful sync');
    await settingsA.screenshot({ path: join(SCREENSHOTS, 'sync-settings.png'), fullPage: true });

    // B with the wrong passphrase: told so, nothing in its library, nothing new on the server.
    const devicesBefore = await davFiles('devices/');
    expect(devicesBefore).toHaveLength(2); // the folder and A's device file
    const settingsB = await settings(pair.b);
    await setUp(settingsB, 'Desktop', 'not the passphrase');
    const refused = await syncNow(settingsB);
    expect(refused).toContain('Wrong passphrase');
    await settingsB.getByTestId('sync-settings-status').scrollIntoViewIfNeeded();
    await settingsB.screenshot({ path: join(SCREENSHOTS, 'sync-wrong-passphrase.png') });
    expect(refused).toContain('Not synced yet');
    expect(await readStore(settingsB, 'articles')).toEqual([]);
    expect(await readStore(settingsB, 'highlights')).toEqual([]);
    expect(await davFiles('devices/')).toEqual(devicesBefore);

    // The right passphrase: the article, its highlight and its body arrive.
    await settingsB.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    expect(await syncNow(settingsB)).toContain('Last successful sync');
    const devices = (await settingsB.getByTestId('sync-devices').textContent()) ?? '';
    expect(devices).toContain('The other devices sharing this folder:');
    expect(devices).toMatch(/Laptop last synced \w+/);
    const [article] = await readStore<{ id: string; title: string }>(settingsB, 'articles');
    expect(article?.title).toBe(TITLE);
    const highlights = await readStore<Highlight>(settingsB, 'highlights');
    expect(highlights.map((h) => h.quote.exact)).toEqual(['tear down the tidal footbridge']);
    expect(highlights[0]?.articleId).toBe(article?.id);
    const contents = await readStore<{ articleId: string; textContent: string }>(settingsB, 'contents');
    expect(contents[0]?.textContent).toContain('Two of its oak handrails will be kept by the town museum');

    // The library shows it, with the sync line.
    const library = await pair.b.open(pair.b.extensionUrl('/library.html'));
    await library.getByText(TITLE).first().waitFor();
    expect(await library.locator('[data-testid="sync-status"]').textContent()).toContain(
      'Last successful sync',
    );
    await library.close();

    // "Forget" a device (as for one gone for good): asked first; it leaves the list, nothing else.
    await settingsB.getByRole('button', { name: 'Forget the device “Laptop”' }).click();
    await settingsB.getByText('Forget “Laptop”? Do this for a device you no longer sync from').waitFor();
    await settingsB.screenshot({ path: join(SCREENSHOTS, 'sync-forget-device.png'), fullPage: true });
    await settingsB.getByRole('button', { name: 'Forget this device' }).click();
    await expect.poll(() => settingsB.getByTestId('sync-devices').count()).toBe(0);
    expect(await readStore(settingsB, 'articles')).toHaveLength(1);
    await pageA.close();
  });

  if (server === servers[0]) {
    test('highlights made on both machines between syncs all survive on both', async () => {
      const pageA = await pair.a.open(`${pair.fixtures.origin}${ARTICLE}`);
      const pageB = await pair.b.open(`${pair.fixtures.origin}${ARTICLE}`);
      await highlightFromPopup(pair.a, pageA, 'Two of its oak handrails');
      await highlightFromPopup(pair.b, pageB, 'The town council voted');

      const settingsA = await settings(pair.a);
      const settingsB = await settings(pair.b);
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
      const library = await pair.a.open(pair.a.extensionUrl('/library.html'));
      await library.getByRole('button', { name: `Delete “${TITLE}”` }).click();
      await expect.poll(() => readStore(library, 'articles')).toEqual([]);
      const settingsA = await settings(pair.a);
      expect(await syncNow(settingsA)).toContain('Last successful sync');

      const settingsB = await settings(pair.b);
      const asked = await syncNow(settingsB);
      expect(asked).toContain('This sync would delete 1 and add 0 of your 1 article.');
      expect(await readStore(settingsB, 'articles')).toHaveLength(1);
      await settingsB.screenshot({ path: join(SCREENSHOTS, 'sync-mass-change.png'), fullPage: true });
      await settingsB.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => readStore(settingsB, 'articles'), { timeout: 30_000 }).toEqual([]);
      expect(await readStore(settingsB, 'highlights')).toEqual([]);
      await expect.poll(() => statusText(settingsB), { timeout: 30_000 }).not.toContain('would delete');
      await library.close();
    });
  }

  test('a picture stored with an article on A shows in B’s reader from B’s own store, not the network', async () => {
    // The page and its picture are served only while A saves it.
    const site = await startFixtureServer();
    const title = 'The lighthouse keeper’s last winter';
    const prose = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i} follows the keeper through the storms of the last winter before the light was automated, the logbook, the lamp and the long nights.</p>`,
    ).join('\n');
    site.route(
      '/lighthouse.html',
      `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>
${prose}<figure><img src="/pics/lamp.png" width="90" height="60" alt="The lamp room"></figure>${prose}</article></body></html>`,
    );
    site.route('/pics/lamp.png', png(90, 60, [180, 40, 40]), 'image/png');
    await saveThroughPopup(pair.a, `${site.origin}/lighthouse.html`);
    await site.close();

    const settingsA = await settings(pair.a);
    expect(await readStore(settingsA, 'imageBlobs')).toHaveLength(1);
    expect(await syncNow(settingsA)).toContain('Last successful sync');
    expect(await davFiles('img/')).toHaveLength(2); // the folder and one of the 256 prefix folders
    const settingsB = await settings(pair.b);
    expect(await syncNow(settingsB)).toContain('Last successful sync');
    const article = (await readStore<{ id: string; title: string }>(settingsB, 'articles')).find(
      (a) => a.title === title,
    );
    expect(article).toBeDefined();
    expect(await readStore(settingsB, 'imageBlobs')).toHaveLength(1);

    const reader = await pair.b.context.newPage();
    const requests: string[] = [];
    reader.on('request', (request) => {
      if (!request.url().startsWith('chrome-extension://')) requests.push(request.url());
    });
    await reader.goto(pair.b.extensionUrl(`/reader.html?id=${article!.id}`));
    const lamp = () =>
      reader.$eval('.reader-content img', (img) => ({
        src: img.getAttribute('src') ?? '',
        width: (img as HTMLImageElement).naturalWidth,
      }));
    await expect.poll(async () => (await lamp()).width, { timeout: 15_000 }).toBe(90);
    expect((await lamp()).src).toMatch(/^blob:chrome-extension:/);
    expect(requests.filter((url) => !url.startsWith('blob:chrome-extension:'))).toEqual([]);
    await reader.locator('.reader-content img').scrollIntoViewIfNeeded();
    await reader.screenshot({ path: join(SCREENSHOTS, 'sync-picture-reader.png') });
    await reader.close();
  });
});
