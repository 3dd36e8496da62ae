import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { makeFolder } from '../support/dav-servers';
import { Device, expectDone } from '../unit/sync/harness';
import type { ExtensionBrowser } from './browser';
import { readStore } from './idb';
import { attachRealPopup } from './real-popup';
import {
  davFiles,
  davServers,
  editNote,
  fillSyncForm,
  highlightsOf,
  join,
  PASSPHRASE,
  saveWithHighlight,
  syncNow,
  useSyncPair,
} from './sync-helpers';

// docs/sync.md C.6: the server down, failing (500, 503, 507), an empty listing, an empty folder
// and another library's folder, through the fault proxy in front of a real server. Each time
// the settings page and the popup say what happened in plain words, the library is untouched, no
// success is recorded, and the next good run goes through. The faults are the proxy's, whatever
// server is behind it, so one server (the first installed) is enough here, as in sync-clock: the
// engine meets the same faults through both real servers in tests/unit/sync/{rclone,apache}.test.ts,
// and sync.e2e and sync-kill drive both servers from Chromium.

interface Status {
  lastSuccessAt: number | null;
  pending: number;
}

describe.each(davServers().slice(0, 1))('sync faults through $name', (server) => {
  const pair = useSyncPair(server);
  let settings: Page;
  let page: Page;

  const storedStatus = async (on: Page) =>
    (await readStore<{ key: string; value: Status }>(on, 'syncMeta')).find((row) => row.key === 'status')
      ?.value;

  /** Everything the reader has, to compare before and after a failed run. */
  const library = async (on: Page) => ({
    articles: await readStore(on, 'articles'),
    highlights: await readStore(on, 'highlights'),
    contents: (await readStore(on, 'contents')).length,
  });

  /** The popup on the saved article shows the same sync line. */
  async function popupSyncLine(browser: ExtensionBrowser, expected: string) {
    await browser.clickToolbarButton(page);
    const popup = await attachRealPopup(browser);
    await popup.waitFor(
      `document.querySelector('[data-testid="sync-status"]')?.textContent.includes(${JSON.stringify(expected)})`,
    );
    await popup.close();
  }

  /** One sync with the proxy misbehaving: told in plain words, nothing changed, no success. */
  async function failsSafely(message: string) {
    const before = await library(settings);
    const statusBefore = await storedStatus(settings);
    const shown = await syncNow(settings);
    expect(shown).toContain(message);
    expect(shown).toContain('Nothing'); // "Nothing was changed / lost / deleted"
    await popupSyncLine(pair.a, message);
    expect(await library(settings)).toEqual(before);
    expect((await storedStatus(settings))?.lastSuccessAt).toBe(statusBefore?.lastSuccessAt);
  }

  test('server down or failing: the error in plain words, nothing changed, the next run succeeds', async () => {
    page = await saveWithHighlight(pair.a, pair.fixtures, 'tear down the tidal footbridge');
    settings = await join(pair.a, pair.folder, 'Laptop');
    const [highlight] = await highlightsOf(settings);
    await editNote(settings, highlight!.id, 'Written while the server was failing');

    pair.proxy.faults.down = true;
    await failsSafely('The sync server could not be reached');
    pair.proxy.reset();
    pair.proxy.faults.status = (method) => (method === 'PUT' ? 500 : undefined);
    await failsSafely('The sync server failed (it answered 500)');
    pair.proxy.faults.status = () => 503;
    await failsSafely('The sync server failed (it answered 503)');
    pair.proxy.faults.status = (method) => (method === 'PUT' ? 507 : undefined);
    await failsSafely('The sync server has no space left');
    expect(await syncNow(settings)).toContain('1 change waiting to be sent');

    pair.proxy.reset();
    const shown = await syncNow(settings);
    expect(shown).toContain('Last successful sync');
    expect(shown).not.toContain('waiting');
    expect(shown).not.toContain('failed');
    // The note written during the failures went up: a new machine gets it.
    const settingsB = await join(pair.b, pair.folder, 'Desktop');
    expect((await highlightsOf(settingsB)).map((h) => h.note)).toEqual([
      'Written while the server was failing',
    ]);
  });

  test('an empty listing, an empty or missing folder, another library: sync stops, nothing deleted', async () => {
    // Each stop in its own words (codes sync-listing-inconsistent, -folder-missing, -foreign-folder).
    pair.proxy.faults.emptyListing = true;
    await failsSafely('Sync stopped: the server’s listing lacks files it had before');
    pair.proxy.reset();

    // The reader points the form elsewhere: an empty folder, a folder that is not there.
    await makeFolder(`${pair.dav.url}empty/`);
    await settings.getByLabel('Server URL').fill(`${pair.proxy.url}empty/`);
    await failsSafely('Sync stopped: the sync folder is empty or gone');
    expect(await davFiles(pair.dav.url, 'empty/')).toHaveLength(1); // the folder alone: nothing written
    await settings.getByLabel('Server URL').fill(`${pair.proxy.url}nowhere/`);
    await failsSafely('Sync stopped: the sync folder is empty or gone');

    // Another library's folder, made by another machine with a library of its own.
    await makeFolder(`${pair.dav.url}other/`);
    const elsewhere = new Device('elsewhere', `${pair.dav.url}other/`);
    await elsewhere.save('art1', 'https://example.org/another-library');
    expectDone(await elsewhere.sync({ createIfEmpty: true }));
    const foreign = `${pair.proxy.url}other/`;
    const otherFiles = await davFiles(pair.dav.url, 'other/devices/');
    await settings.getByLabel('Server URL').fill(foreign);
    await failsSafely('Sync stopped: this folder holds another Readmark library');
    expect(await davFiles(pair.dav.url, 'other/devices/')).toEqual(otherFiles);

    // Back to the right folder: the next run goes through.
    await fillSyncForm(settings, pair.folder, 'Laptop', PASSPHRASE);
    expect(await syncNow(settings)).toContain('Last successful sync');
    expect(await statusTextOf(settings)).not.toContain('stopped');
  });

  const statusTextOf = (on: Page) => on.getByTestId('sync-settings-status').textContent();
});
