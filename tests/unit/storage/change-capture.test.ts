// Sync's change capture under every library write (utils/storage/change-capture.ts with the hook
// of utils/services/sync-records.ts): what each ordinary storage function leaves in the outbox,
// in the same transaction, and what it must not (before sync is set up; applying synced records).
import { beforeEach, describe, expect, test } from 'vitest';
import { DexieSyncStore, installSyncCapture, saveSyncConfig } from '@/utils/services';
import {
  addTag,
  deleteMany,
  openDb,
  putHighlight,
  type ReadmarkDb,
  restoreDeleted,
  saveArticle,
  writeSyncedRecords,
} from '@/utils/storage';
import type { Op } from '@/utils/sync';
import { makeExtracted, makeHighlight } from '../../support/articles';

let db: ReadmarkDb;
beforeEach(() => {
  db = installSyncCapture(openDb(`readmark-capture-${crypto.randomUUID()}`));
});

const outbox = async () => (await db.syncOutbox.orderBy('hlc').toArray()).map((row) => row.op as Op);
/** Sync set up (its configuration saved) and its book made, as the first run makes it. */
async function setUpSync() {
  await saveSyncConfig(db, {
    url: 'https://dav.example.org/readmark/',
    user: 'me',
    password: 'pw',
    deviceName: 'Laptop',
    encrypted: true,
  });
  return new DexieSyncStore(db, 'Laptop').loadLight();
}

async function save(url = 'https://example.org/a') {
  const saved = await saveArticle(db, makeExtracted({ url }));
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}

describe('change capture', () => {
  test('records nothing before sync is set up', async () => {
    await save();
    expect(await db.syncOutbox.count()).toBe(0);
    expect(await db.syncEntities.count()).toBe(0);
  });

  test('a save, a tag, a delete and its undo each leave exactly their change in the outbox', async () => {
    await setUpSync();
    const article = await save();
    const [created] = await outbox();
    expect(created).toMatchObject({ kind: 'article', id: article.id });
    expect(created?.set?.canonicalUrl).toBe(article.canonicalUrl);
    expect(created?.set?.title).toBe(article.title);
    // The body is marked, to be hashed before the next run.
    expect(await db.syncMeta.get(`body:${article.id}`)).toBeDefined();

    await db.syncOutbox.clear();
    await addTag(db, [article.id], 'longread');
    const [tagged] = await outbox();
    // Only what changed travels: another device's edit of the title is not overwritten.
    expect(Object.keys(tagged?.set ?? {}).sort()).toEqual(['tag:longread', 'updatedAt']);

    await putHighlight(db, makeHighlight(article.id, { note: 'mine' }));
    await db.syncOutbox.clear();
    const deleted = await deleteMany(db, [article.id]);
    if (!deleted.ok) throw new Error('delete failed');
    expect((await outbox()).map((op) => [op.kind, Boolean(op.del)])).toEqual([
      ['highlight', true],
      ['article', true],
    ]);

    await db.syncOutbox.clear();
    expect((await restoreDeleted(db, deleted.value)).ok).toBe(true);
    const restored = await outbox();
    expect(restored.map((op) => op.kind).sort()).toEqual(['article', 'highlight']);
    expect(restored.every((op) => op.set && !op.del)).toBe(true);
  });

  test('a range delete (Table.clear) is captured; writing synced records is not', async () => {
    await setUpSync();
    const article = await save();
    await putHighlight(db, makeHighlight(article.id));
    await db.syncOutbox.clear();
    await db.highlights.clear();
    expect((await outbox()).map((op) => [op.kind, Boolean(op.del)])).toEqual([['highlight', true]]);

    await db.syncOutbox.clear();
    const other = {
      ...article,
      id: 'from-another-device',
      canonicalUrl: 'https://example.org/b',
      url: 'https://example.org/b',
    };
    await writeSyncedRecords(db, { articles: [other], highlights: [makeHighlight(other.id)] });
    expect(await db.articles.get(other.id)).toBeDefined();
    expect(await db.syncOutbox.count()).toBe(0);
  });
});
