// @vitest-environment node
// Capture only while sync is set up, and "Turn sync off on this device": libraries in
// fake-indexeddb wired as the extension wires them, syncing through an in-process WebDAV server.
import { describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { loadSyncConfig, loadSyncStatus, turnSyncOff } from '@/utils/services';
import {
  listArticles,
  listHighlights,
  openDb,
  putHighlight,
  type ReadmarkDb,
  setChangeCapture,
  updateHighlight,
} from '@/utils/storage';
import { makeHighlight } from '../../support/articles';
import {
  expectSynced,
  folderFiles,
  library,
  newFolder,
  SYNC_STORES,
  save,
  settle,
  setUp,
  syncStoresOfAWrite,
  useSyncServer,
} from './service-devices';

const server = useSyncServer();

const syncRows = async (db: ReadmarkDb) =>
  (await db.syncMeta.count()) + (await db.syncEntities.count()) + (await db.syncOutbox.count());

describe('capture while sync is not set up', () => {
  test('a reader who never set sync up: writes are not widened and leave nothing behind', async () => {
    const db = library();
    await settle(db);
    expect(await syncStoresOfAWrite(db)).toEqual([]);
    const article = await save(db, 'https://example.org/never');
    await putHighlight(db, makeHighlight(article.id, { note: 'a note' }));
    expect(await syncRows(db)).toBe(0);
  });

  test('before the switch is known, writes are widened (a change is never missed for want of knowing)', async () => {
    const db = library();
    // No settle: the first read of the switch has not answered yet.
    expect(await syncStoresOfAWrite(db)).toEqual(SYNC_STORES);
  });

  test('a set-up heard from another page widens that page’s writes at once', async () => {
    const name = crypto.randomUUID();
    const settings = library(name);
    const otherPage = library(name);
    await settle(otherPage);
    expect(await syncStoresOfAWrite(otherPage)).toEqual([]);
    const url = await newFolder(server.url, 'heard');
    await setUp(settings, url, 'Laptop');
    await settle(otherPage);
    expect(await syncStoresOfAWrite(otherPage)).toEqual(SYNC_STORES);
  });

  test('changes made between set-up and the first run travel; so does one a page missed', async () => {
    const url = await newFolder(server.url, 'between');
    const a = library();
    // Saved before sync existed, and between set-up and the first run (no sync book yet).
    const before = await save(a, 'https://example.org/before');
    const { saveSyncConfig } = await import('@/utils/services');
    await saveSyncConfig(a, {
      url,
      user: 'reader',
      password: 'app-password',
      deviceName: 'A',
      encrypted: true,
    });
    const between = await save(a, 'https://example.org/between');
    await putHighlight(a, makeHighlight(between.id, { note: 'between set-up and run' }));
    await expectSynced(a, { passphrase: 'correct horse battery' });

    // A page that had not heard of the set-up writes without capture; the next run still sends it.
    const missed = makeHighlight(before.id, { note: 'written by a page that had not heard' });
    const stalePage = openDb(a.name);
    setChangeCapture(stalePage, null);
    await putHighlight(stalePage, missed);
    await expectSynced(a);

    const b = library();
    await setUp(b, url, 'B');
    expect((await listArticles(b)).map((x) => x.url).sort()).toEqual([
      'https://example.org/before',
      'https://example.org/between',
    ]);
    expect((await listHighlights(b, between.id)).map((h) => h.note)).toEqual(['between set-up and run']);
    expect((await listHighlights(b, before.id)).map((h) => h.note)).toEqual([missed.note]);
  });
});

describe('turning sync off on this device', () => {
  test('keeps the library, leaves the folder untouched, forgets everything sync kept; setting up again works', async () => {
    const url = await newFolder(server.url, 'off');
    const a = library();
    const b = library();
    const article = await save(a, 'https://example.org/kept');
    const highlight = makeHighlight(article.id, { note: 'kept note' });
    await putHighlight(a, highlight);
    await setUp(a, url, 'Laptop');
    await setUp(b, url, 'Desktop');
    const files = await folderFiles(url);
    const libraryBefore = JSON.stringify([await listArticles(a), await listHighlights(a, article.id)]);

    await turnSyncOff(a);
    expect(JSON.stringify([await listArticles(a), await listHighlights(a, article.id)])).toBe(libraryBefore);
    expect(await syncRows(a)).toBe(0);
    expect(await loadSyncConfig(a)).toBeNull();
    expect((await loadSyncStatus(a)).lastSuccessAt).toBeNull();
    expect(await browser.alarms.getAll()).toEqual([]);
    expect(await folderFiles(url)).toEqual(files);
    // Off: writes cost what they cost without sync, and nothing is recorded.
    expect(await syncStoresOfAWrite(a)).toEqual([]);
    await updateHighlight(a, highlight.id, { note: 'edited while off' });
    const whileOff = await save(a, 'https://example.org/while-off');
    expect(await syncRows(a)).toBe(0);
    // An alarm that fires anyway runs nothing.
    expect((await (await import('@/utils/services')).runSync(a, { automatic: true })).lastError?.code).toBe(
      'sync-not-set-up',
    );
    expect(await syncRows(a)).toBe(0);

    // The other device goes on syncing through the untouched folder.
    await save(b, 'https://example.org/from-b');
    await expectSynced(b);

    // Set up again: a new device, the whole library recorded again; nothing doubles, nothing lost.
    await setUp(a, url, 'Laptop again');
    expect((await listArticles(a)).map((x) => x.url).sort()).toEqual([
      'https://example.org/from-b',
      'https://example.org/kept',
      'https://example.org/while-off',
    ]);
    // The re-joined device cannot know which note text it had seen: the text it has wins (the
    // latest edit) and the folder's shows as a conflict copy. Nothing is lost.
    const [note] = (await listHighlights(a, article.id)).map((h) => h.note);
    expect(note?.startsWith('edited while off')).toBe(true);
    expect(note).toContain('kept note');
    await expectSynced(b);
    expect((await listArticles(b)).map((x) => x.id).sort()).toEqual(
      (await listArticles(a)).map((x) => x.id).sort(),
    );
    expect((await listArticles(b)).some((x) => x.id === whileOff.id)).toBe(true);
    expect((await listHighlights(b, article.id)).map((h) => h.note)).toEqual([note]);
  });
});
