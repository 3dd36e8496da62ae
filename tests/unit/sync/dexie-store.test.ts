// @vitest-environment node
// The engine's bookkeeping in IndexedDB (schema version 5, fake-indexeddb): a library synced through
// a WebDAV server with one device on Dexie and one in memory; commits all-or-nothing; a reopened
// database resumes where the last commit left it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DexieSyncStore } from '@/utils/services';
import { openDb } from '@/utils/storage';
import { type FileKeys, materialise, syncOnce, WebDavTarget } from '@/utils/sync';
import { makeFolder, PASSWORD, type Running, startWebDavServer, USER } from '../../support/dav-servers';
import { Device, expectDone, PASSPHRASE } from './harness';
import { libraryView } from './support';

let server: Running;
beforeAll(async () => {
  server = await startWebDavServer();
});
afterAll(() => server.stop());

const keyCache = new Map<string, FileKeys>();

describe('DexieSyncStore', () => {
  test('a Dexie-backed device and a memory one converge through the server, and resume after reopening', async () => {
    const url = `${server.url}dexie/`;
    await makeFolder(url);
    const name = `readmark-sync-${crypto.randomUUID()}`;
    let db = openDb(name);
    let store = new DexieSyncStore(db, 'Laptop');
    const target = new WebDavTarget({ url, user: USER, password: PASSWORD });
    const run = (options = {}) =>
      syncOnce({ target, store, passphrase: PASSPHRASE, keyCache, settleMs: 100, ...options });

    await store.recordLocalChange('article', 'art1', {
      set: { canonicalUrl: 'https://example.org/a', title: 'A' },
    });
    await store.recordLocalChange('highlight', 'h1', {
      set: { articleId: 'art1', quote: { exact: 'q' }, color: 'yellow' },
      note: 'from the laptop',
    });
    expectDone(await run({ createIfEmpty: true }));
    expect((await store.load()).outbox).toEqual([]);

    const b = new Device('devB', url);
    // The Dexie device stamps by the real clock, the memory one by a fake clock from 2023: set
    // that to now, or B would rightly pause on a clock years ahead (engine CLOCK_AHEAD_LIMIT_MS).
    b.store.clockOffset = Date.now() - b.store.now();
    expectDone(await b.sync());
    b.store.edit('highlight', 'h1', { note: 'from B' });
    b.store.addHighlight('h2', 'art1', 'second');
    expectDone(await b.sync());

    // The worker dies; a new one opens the same database and carries on.
    db.close();
    db = openDb(name);
    store = new DexieSyncStore(db, 'Laptop');
    const before = await store.load();
    expect(before.book.head).toBe(1);
    expectDone(await run());
    const after = await store.load();
    expect(libraryView(materialise(after.state))).toEqual(libraryView(b.store.library()));
    expect(materialise(after.state).highlights.get('h1')?.note).toBe('from B');
    expect(after.book.cursors[b.store.deviceId]).toBe(1);
    db.close();
  });

  test('a commit is all or nothing', async () => {
    const db = openDb(`readmark-sync-${crypto.randomUUID()}`);
    const store = new DexieSyncStore(db, 'Desktop');
    await store.recordLocalChange('article', 'art1', { set: { canonicalUrl: 'https://example.org/a' } });
    const before = await store.load();
    const broken = { kind: 'article' as const, id: 'art2', hlc: 'not a stamp', set: { title: 'x' } };
    await expect(
      store.commit({
        book: { head: 7, cursors: { other: 3 } },
        apply: [broken],
        uploaded: [before.outbox[0]!.hlc],
      }),
    ).rejects.toThrow();
    expect(await store.load()).toEqual(before);
    db.close();
  });
});
