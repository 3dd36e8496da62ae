import { beforeEach, describe, expect, test } from 'vitest';
import {
  deleteArticle,
  findArticleForPage,
  getArticle,
  getSetting,
  listArticles,
  openDb,
  type ReadmarkDb,
  saveArticle,
  setSetting,
  updateProgress,
} from '@/utils/storage';
import { makeExtracted, makeHighlight } from '../../support/articles';

let db: ReadmarkDb;
beforeEach(() => {
  // A database of its own per test (Dexie binds to the IndexedDB factory it loaded with).
  db = openDb(`readmark-test-${crypto.randomUUID()}`);
});

describe('schema', () => {
  // The stores of each version are checked in schema-v3.test.ts (opened from a version-1 library).
  test('keeps one article per canonical URL (a unique index)', async () => {
    await db.open();
    expect(db.articles.schema.idxByName.canonicalUrl?.unique).toBe(true);
  });
});

describe('saveArticle', () => {
  test('stores metadata and body under one id', async () => {
    const saved = await saveArticle(db, makeExtracted(), 1000);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const stored = await getArticle(db, saved.value.id);
    expect(stored?.meta).toMatchObject({
      title: 'Harbour town votes to rebuild its footbridge',
      savedAt: 1000,
    });
    expect(stored?.content.textContent).toBe('The council voted to replace the bridge.');
  });

  test('saving the same canonical URL again updates the one record and keeps id, tags and first saved date', async () => {
    const first = await saveArticle(db, makeExtracted(), 1000);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await db.articles.update(first.value.id, { tags: ['harbour'] });
    await db.highlights.put(makeHighlight(first.value.id, { note: 'keep me' }));
    const second = await saveArticle(
      db,
      makeExtracted({ title: 'Updated title', textContent: 'New text.' }),
      2000,
    );
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect(second.value.id).toBe(first.value.id);
    expect(await db.articles.count()).toBe(1);
    expect(second.value).toMatchObject({
      title: 'Updated title',
      tags: ['harbour'],
      savedAt: 1000,
      updatedAt: 2000,
    });
    expect((await getArticle(db, first.value.id))?.content.textContent).toBe('New text.');
    expect(await db.highlights.where('articleId').equals(first.value.id).count()).toBe(1);
  });

  test('a failed write leaves no half-written article and says why', async () => {
    // A body that IndexedDB cannot clone makes the second put fail inside the transaction.
    const broken = makeExtracted({
      removed: [{ rule: 'x', label: 'x', sample: 'x', html: (() => 1) as never }],
    });
    const result = await saveArticle(db, broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('storage-failed');
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
  });
});

describe('reading and deleting', () => {
  test('lists newest first and finds by the page URL', async () => {
    const at = (path: string, title: string) =>
      makeExtracted({ url: `https://a.example${path}`, canonicalUrl: `https://a.example${path}`, title });
    await saveArticle(db, at('/1', 'Old'), 1000);
    await saveArticle(db, at('/2', 'New'), 2000);
    expect((await listArticles(db)).map((a) => a.title)).toEqual(['New', 'Old']);
    expect((await findArticleForPage(db, 'https://a.example/1?utm_source=x#top', null))?.title).toBe('Old');
    expect(await findArticleForPage(db, 'https://a.example/3', null)).toBeUndefined();
  });

  test('delete removes the article, its body and its highlights together', async () => {
    const saved = await saveArticle(db, makeExtracted());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    await db.highlights.put(makeHighlight(saved.value.id, { color: 'green' }));
    expect((await deleteArticle(db, saved.value.id)).ok).toBe(true);
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
    expect(await db.highlights.count()).toBe(0);
    expect(await getArticle(db, saved.value.id)).toBeUndefined();
  });
});

describe('progress and settings', () => {
  test('progress is clamped, and reaching the end marks the article read once', async () => {
    const saved = await saveArticle(db, makeExtracted());
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    await updateProgress(db, saved.value.id, 0.4, 10);
    expect(await db.articles.get(saved.value.id)).toMatchObject({ progress: 0.4, readAt: null });
    await updateProgress(db, saved.value.id, 1.7, 20);
    expect(await db.articles.get(saved.value.id)).toMatchObject({ progress: 1, readAt: 20 });
    await updateProgress(db, saved.value.id, 0.1, 30);
    expect(await db.articles.get(saved.value.id)).toMatchObject({ progress: 0.1, readAt: 20 });
  });

  test('settings fall back until set', async () => {
    expect(await getSetting(db, 'reader', { font: 'serif' })).toEqual({ font: 'serif' });
    await setSetting(db, 'reader', { font: 'sans' });
    expect(await getSetting(db, 'reader', { font: 'serif' })).toEqual({ font: 'sans' });
  });
});

describe('storage full', () => {
  test('a quota error in the middle of a save leaves nothing half-written and says why', async () => {
    // The body write fails the way a full disk does; the meta written before it must roll back.
    db.contents.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const result = await saveArticle(db, makeExtracted());
    expect(result).toEqual({ ok: false, error: { code: 'storage-full' } });
    expect(await db.articles.count()).toBe(0);
    expect(await db.contents.count()).toBe(0);
  });
});

describe('identity is bound to the origin the article was saved from', () => {
  const B = 'http://127.0.0.1:4002/story-b';
  const A = 'http://127.0.0.1:4001/page-a';

  test("saving a page that declares another site's canonical makes its own record; the other stays whole", async () => {
    const b = await saveArticle(
      db,
      makeExtracted({ url: B, canonicalUrl: B, title: 'B', textContent: 'B text' }),
    );
    if (!b.ok) throw new Error(JSON.stringify(b.error));
    await db.articles.update(b.value.id, { tags: ['kept'] });
    await db.highlights.put(makeHighlight(b.value.id, { note: "B's note" }));

    expect(await findArticleForPage(db, A, B)).toBeUndefined();
    const a = await saveArticle(
      db,
      makeExtracted({ url: A, canonicalUrl: B, title: 'A', textContent: 'A text' }),
    );
    if (!a.ok) throw new Error(JSON.stringify(a.error));

    expect(a.value.id).not.toBe(b.value.id);
    expect(a.value.canonicalUrl).toBe(A);
    const storedB = await getArticle(db, b.value.id);
    expect(storedB?.meta).toMatchObject({ title: 'B', url: B, canonicalUrl: B, tags: ['kept'] });
    expect(storedB?.content.textContent).toBe('B text');
    expect((await db.highlights.where('articleId').equals(b.value.id).toArray()).map((h) => h.note)).toEqual([
      "B's note",
    ]);
    expect((await findArticleForPage(db, A, B))?.id).toBe(a.value.id);
    expect((await findArticleForPage(db, B, null))?.id).toBe(b.value.id);
  });

  test('a canonical on the same origin still merges a variant with its article', async () => {
    const first = await saveArticle(db, makeExtracted({ url: B, canonicalUrl: B }));
    const variant = await saveArticle(
      db,
      makeExtracted({ url: 'http://127.0.0.1:4002/amp/story-b', canonicalUrl: B, title: 'Again' }),
    );
    if (!first.ok || !variant.ok) throw new Error('save failed');
    expect(variant.value.id).toBe(first.value.id);
    expect(await db.articles.count()).toBe(1);
  });

  test('a page that is not a web page is refused with a reason, nothing written', async () => {
    const saved = await saveArticle(db, makeExtracted({ url: 'file:///tmp/a.html', canonicalUrl: B }));
    expect(saved).toMatchObject({ ok: false, error: { code: 'not-web-address' } });
    expect(await db.articles.count()).toBe(0);
  });
});
