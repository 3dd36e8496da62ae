// @vitest-environment node
// Settling body marks (sync-apply.ts, settleBodies), as the extension wires it (fake-indexeddb,
// in-process WebDAV server). A device's second run after set-up marks every body of its library
// (the second seeding pass, sync-service.ts): settling them one transaction each made that run
// ~110 s at 10,000 articles in Chromium. They settle a batch a transaction, and still catch the
// body a page changed without capture.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { settleBodies } from '@/utils/services';
import { openDb, saveArticle } from '@/utils/storage';
import { makeExtracted } from '../../support/articles';
import { library, newFolder, saveStories, settle, setUp, useSyncServer } from './service-devices';

const server = useSyncServer();
const ARTICLES = 250;

afterEach(() => vi.restoreAllMocks());

describe('settling body marks', () => {
  test('a whole library of marks settles in a few transactions; only a body changed uncaptured travels', async () => {
    const url = await newFolder(server.url, 'settle');
    const db = library();
    await settle(db);
    const ids = await saveStories(db, ARTICLES);
    await setUp(db, url, 'Laptop');
    expect(await db.syncOutbox.count()).toBe(0);

    // As a second seeding pass leaves it: every body marked. One body was changed by a page that
    // had not heard of the set-up yet (its write was not captured).
    await db.syncMeta.bulkPut(ids.map((id) => ({ key: `body:${id}`, value: 1 })));
    const uncaptured = openDb(db.name);
    const changed = ids[7]!;
    await uncaptured.contents.update(changed, { contentHtml: '<p>Story 7, corrected.</p>' });
    uncaptured.close();

    const transactions = vi.spyOn(db, 'transaction');
    await settleBodies(db);
    // One a batch of 100 (was one a body: 250).
    expect(transactions.mock.calls.length).toBeLessThanOrEqual(Math.ceil(ARTICLES / 100));
    expect(await db.syncMeta.where('key').startsWith('body:').count()).toBe(0);
    const ops = (await db.syncOutbox.toArray()).map((row) => row.op);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: 'article', id: changed, set: { bodyHash: expect.any(String) } });
  });

  test('a body changed between its read and its settling keeps its mark for the next run', async () => {
    const url = await newFolder(server.url, 'settle-race');
    const db = library();
    await settle(db);
    const ids: string[] = [];
    for (const i of [1, 2]) {
      const page = `https://news.example/${i}`;
      const saved = await saveArticle(
        db,
        makeExtracted({ url: page, canonicalUrl: page, contentHtml: `<p>Story ${i}.</p>` }),
      );
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      ids.push(saved.value.id);
    }
    await setUp(db, url, 'Laptop');
    await db.syncMeta.bulkPut(ids.map((id) => ({ key: `body:${id}`, value: 1 })));
    // Right after settling read the bodies (to hash them), a page that had not heard of the
    // set-up rewrites the first one.
    const [changed, same] = ids as [string, string];
    const read = db.contents.bulkGet.bind(db.contents);
    vi.spyOn(db.contents, 'bulkGet').mockImplementationOnce((keys) =>
      read(keys).then(async (rows) => {
        const uncaptured = openDb(db.name);
        await uncaptured.contents.update(changed, { contentHtml: '<p>Rewritten.</p>' });
        uncaptured.close();
        return rows;
      }),
    );
    await settleBodies(db);
    expect(await db.syncMeta.where('key').startsWith('body:').primaryKeys()).toEqual([`body:${changed}`]);
    expect(await db.syncOutbox.count()).toBe(0);
    vi.restoreAllMocks();
    // The next run's settling hashes the body as it is now: it travels.
    await settleBodies(db);
    const sent = (await db.syncOutbox.toArray()).map((row) => (row.op as { id: string }).id);
    expect(sent).toEqual([changed]);
    expect(sent).not.toContain(same);
  });
});
