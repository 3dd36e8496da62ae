// @vitest-environment node
// The sync service end to end below the UI: two (three) libraries in fake-indexeddb, each with the
// change capture installed as the extension's pages and worker install it, syncing through an
// in-process WebDAV server. Library writes go through utils/storage's ordinary functions only.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import {
  forgetSyncDevice,
  installSyncCapture,
  loadSyncStatus,
  runSync,
  type SyncConfig,
  saveSyncConfig,
} from '@/utils/services';
import {
  addTag,
  deleteArticle,
  getArticle,
  listArticles,
  listHighlights,
  openDb,
  putHighlight,
  type ReadmarkDb,
  saveArticle,
  updateHighlight,
} from '@/utils/storage';
import { makeExtracted, makeHighlight } from '../../support/articles';
import { makeFolder, PASSWORD, type Running, startWebDavServer, USER } from '../../support/dav-servers';
import { cheapPassphraseKeys } from '../sync/harness';
import { SETTLE_MS } from '../sync/service-devices';

let server: Running;
let granted = true;
cheapPassphraseKeys();
beforeAll(async () => {
  server = await startWebDavServer();
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async () => granted);
});
afterAll(() => server.stop());

async function device(
  url: string,
  deviceName: string,
  passphrase: string | null = 'correct horse battery',
): Promise<ReadmarkDb> {
  const db = openDb(`readmark-sync-${crypto.randomUUID()}`);
  installSyncCapture(db);
  const config: SyncConfig = {
    url,
    user: USER,
    password: PASSWORD,
    encrypted: passphrase !== null,
    deviceName,
  };
  await saveSyncConfig(db, config);
  if (passphrase) typed.set(db, passphrase);
  return db;
}

/** The passphrase typed at set-up: given to runs until one opens the folder (the UI's way). */
const typed = new WeakMap<ReadmarkDb, string>();

async function sync(db: ReadmarkDb) {
  const passphrase = typed.get(db);
  const status = await runSync(db, { settleMs: SETTLE_MS, ...(passphrase ? { passphrase } : {}) });
  expect(status.lastError).toBeNull();
  typed.delete(db);
  return status;
}

async function folder(name: string) {
  const url = `${server.url}${name}/`;
  await makeFolder(url);
  return url;
}

describe('sync service', () => {
  test('an article saved on A, with its highlight, note, tag and body, appears on B; nothing echoes back', async () => {
    const url = await folder('save');
    const a = await device(url, 'Laptop');
    const saved = await saveArticle(a, makeExtracted({ title: 'Saved on the laptop' }));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const id = saved.value.id;
    await putHighlight(a, makeHighlight(id, { note: 'a note from A' }));
    await addTag(a, [id], 'longread');
    expect((await sync(a)).pending).toBe(0);

    const b = await device(url, 'Desktop');
    expect((await sync(b)).devices.map((device) => device.name)).toEqual(['Laptop']);
    const [article] = await listArticles(b);
    expect(article?.title).toBe('Saved on the laptop');
    expect(article?.tags).toEqual(['longread']);
    expect(article?.id).toBe(id);
    const highlights = await listHighlights(b, id);
    expect(highlights.map((h) => h.note)).toEqual(['a note from A']);
    expect((await getArticle(b, id))?.content.textContent).toBe(
      (await getArticle(a, id))?.content.textContent,
    );
    // Applying what arrived recorded nothing to send back.
    expect(await b.syncOutbox.count()).toBe(0);
    expect((await loadSyncStatus(b)).pending).toBe(0);
  });

  test('"Forget" takes a device off the list until it syncs again', async () => {
    const url = await folder('forget');
    const a = await device(url, 'Old laptop');
    await saveArticle(a, makeExtracted({ title: 'Saved on the old laptop' }));
    await sync(a);
    const b = await device(url, 'Desktop');
    const [laptop] = (await sync(b)).devices;
    expect(laptop?.name).toBe('Old laptop');
    expect(laptop?.lastSeenAt).toBeGreaterThan(Date.now() - 60_000);

    expect((await forgetSyncDevice(b, laptop!.id)).devices).toEqual([]);
    expect((await loadSyncStatus(b)).devices).toEqual([]);
    expect((await sync(b)).devices).toEqual([]);
    // What it synced stays.
    expect((await listArticles(b)).map((article) => article.title)).toEqual(['Saved on the old laptop']);

    // It syncs again: listed again.
    await saveArticle(a, makeExtracted({ title: 'Another one', url: 'https://example.org/another' }));
    await sync(a);
    expect((await sync(b)).devices.map((device) => device.name)).toEqual(['Old laptop']);
  });

  test('highlights made offline on both survive; the same note edited on both keeps one and shows the other', async () => {
    const url = await folder('offline');
    const a = await device(url, 'Laptop');
    const saved = await saveArticle(a, makeExtracted());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const id = saved.value.id;
    const shared = makeHighlight(id, { note: 'first' });
    await putHighlight(a, shared);
    await sync(a);
    const b = await device(url, 'Desktop');
    await sync(b);

    await putHighlight(a, makeHighlight(id, { note: 'only on A' }));
    await putHighlight(b, makeHighlight(id, { note: 'only on B' }));
    await updateHighlight(a, shared.id, { note: 'edited on A' });
    await updateHighlight(b, shared.id, { note: 'edited on B' });
    await sync(a);
    await sync(b);
    await sync(a);

    const notesA = (await listHighlights(a, id)).map((h) => h.note).sort();
    const notesB = (await listHighlights(b, id)).map((h) => h.note).sort();
    expect(notesA).toHaveLength(3);
    expect(notesA).toEqual(notesB);
    const both = notesA.find((note) => note.includes('edited on A'))!;
    expect(both).toContain('edited on B');
    expect(both).toContain('conflict copy');
    expect(notesA).toContain('only on A');
    expect(notesA).toContain('only on B');
    expect(await a.syncOutbox.count()).toBe(0);
    expect(await b.syncOutbox.count()).toBe(0);
  });

  test('a delete on A removes the article on B once B says continue; a wrong passphrase writes nothing; no permission, no run', async () => {
    const url = await folder('delete');
    const a = await device(url, 'Laptop');
    const saved = await saveArticle(a, makeExtracted());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    await sync(a);
    const b = await device(url, 'Desktop');
    await sync(b);
    expect(await listArticles(b)).toHaveLength(1);
    await deleteArticle(a, saved.value.id);
    await sync(a);
    // Deleting the whole (one-article) library is a mass change: B asks first and changes nothing.
    const asked = await runSync(b);
    expect(asked.lastError?.code).toBe('sync-mass-change');
    expect(asked.approval).toBeTruthy();
    expect(await listArticles(b)).toHaveLength(1);
    const approved = await runSync(b, { approve: asked.approval! });
    expect(approved.lastError).toBeNull();
    expect(approved.approval).toBeNull();
    expect(await listArticles(b)).toHaveLength(0);

    const c = await device(url, 'Intruder', 'not the passphrase');
    await saveArticle(c, makeExtracted({ url: 'https://example.org/other', title: 'Local only' }));
    const status = await runSync(c, { passphrase: 'not the passphrase' });
    expect(status.lastError?.code).toBe('sync-wrong-passphrase');
    expect(status.lastSuccessAt).toBeNull();
    expect((await listArticles(c)).map((x) => x.title)).toEqual(['Local only']);

    granted = false;
    try {
      const refused = await runSync(a);
      expect(refused.lastError?.code).toBe('sync-no-permission');
    } finally {
      granted = true;
    }
  });
  test('a machine whose clock runs years ahead: B asks (the status offers Continue) and applies nothing until then', async () => {
    const url = await folder('clock');
    const a = await device(url, 'Fast laptop');
    const realNow = Date.now.bind(Date);
    const ahead = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 2 * 365 * 86_400_000);
    try {
      const saved = await saveArticle(a, makeExtracted({ title: 'Saved in the future' }));
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      await sync(a);
    } finally {
      ahead.mockRestore();
    }
    const b = await device(url, 'Desktop');
    const asked = await runSync(b, { passphrase: 'correct horse battery' });
    expect(asked.lastError).toEqual({ code: 'sync-clock-ahead', data: { device: 'Fast laptop', days: 729 } });
    expect(asked.approval).toBeTruthy();
    expect(asked.lastSuccessAt).toBeNull();
    expect(await listArticles(b)).toHaveLength(0);
    const approved = await runSync(b, { approve: asked.approval! });
    expect(approved.lastError).toBeNull();
    expect(approved.approval).toBeNull();
    expect((await listArticles(b)).map((x) => x.title)).toEqual(['Saved in the future']);
  });

  test('a status stored under a code this version no longer has shows no error rather than failing', async () => {
    const db = await device(await folder('stale'), 'Old');
    await db.syncMeta.put({
      key: 'status',
      value: { lastRunAt: 1, lastError: { code: 'sync-damaged', data: {} } },
    });
    expect((await loadSyncStatus(db)).lastError).toBeNull();
  });
});
