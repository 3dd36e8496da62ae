// @vitest-environment node
// Node's own Blob: happy-dom's Blob is not structured-cloneable, and IndexedDB stores clones.
import { beforeEach, describe, expect, test } from 'vitest';
import { type CapturedImage, IMAGE_CAPS } from '@/utils/model';
import {
  addArticleImages,
  deleteArticle,
  deleteMany,
  getArticleImages,
  openDb,
  type ReadmarkDb,
  restoreDeleted,
  saveArticleWithImages,
  summariseArticleImages,
  withinCaps,
} from '@/utils/storage';
import { makeExtracted } from '../../support/articles';

let db: ReadmarkDb;
beforeEach(() => {
  db = openDb(`readmark-images-${crypto.randomUUID()}`);
});

async function image(url: string, bytes: number | string): Promise<CapturedImage> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes).fill(7);
  const digest = await crypto.subtle.digest('SHA-256', data);
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { url, hash, blob: new Blob([data], { type: 'image/png' }) };
}

const other = (n: number) =>
  makeExtracted({ canonicalUrl: `https://news.example/other-${n}`, url: `https://news.example/other-${n}` });

describe('saveArticleWithImages', () => {
  test('stores the article and its pictures; the same bytes under two URLs are stored once', async () => {
    const a = await image('https://cdn.example/a.png', 'picture A');
    const sameBytes = await image('https://cdn.example/a-copy.png', 'picture A');
    const b = await image('https://cdn.example/b.png', 'picture B, longer');
    const saved = await saveArticleWithImages(db, makeExtracted(), [a, sameBytes, b]);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    expect(saved.value.images).toEqual({ count: 3, bytes: 9 + 17 });
    expect(saved.value.imagesDropped).toBeNull();
    expect(await db.imageBlobs.count()).toBe(2);
    const byUrl = await getArticleImages(db, saved.value.meta.id);
    expect([...byUrl.keys()].sort()).toEqual([a.url, sameBytes.url, b.url].sort());
    expect(await byUrl.get(sameBytes.url)?.text()).toBe('picture A');
    expect(byUrl.get(a.url)?.type).toBe('image/png');
    expect(await summariseArticleImages(db, saved.value.meta.id)).toEqual({ count: 3, bytes: 26 });
  });

  test('two articles share a blob; deleting one keeps it for the other, deleting both drops it', async () => {
    const shared = await image('https://cdn.example/logo.png', 'shared picture');
    const first = await saveArticleWithImages(db, other(1), [shared]);
    const second = await saveArticleWithImages(db, other(2), [shared]);
    if (!first.ok || !second.ok) throw new Error('save failed');
    expect(await db.imageBlobs.count()).toBe(1);
    await deleteArticle(db, first.value.meta.id);
    expect(await db.imageBlobs.count()).toBe(1);
    expect((await getArticleImages(db, second.value.meta.id)).size).toBe(1);
    await deleteArticle(db, second.value.meta.id);
    expect(await db.imageBlobs.count()).toBe(0);
    expect(await db.articleImages.count()).toBe(0);
  });

  test('saving again replaces the pictures and drops the ones no longer used', async () => {
    const old = await image('https://cdn.example/old.png', 'old');
    const fresh = await image('https://cdn.example/new.png', 'new');
    const first = await saveArticleWithImages(db, makeExtracted(), [old]);
    const again = await saveArticleWithImages(db, makeExtracted(), [fresh]);
    if (!first.ok || !again.ok) throw new Error('save failed');
    expect(again.value.meta.id).toBe(first.value.meta.id);
    expect([...(await getArticleImages(db, first.value.meta.id)).keys()]).toEqual([fresh.url]);
    expect(await db.imageBlobs.count()).toBe(1);
  });

  test('a full disk saves the article without its pictures and says so', async () => {
    const pic = await image('https://cdn.example/a.png', 'picture');
    const put = db.imageBlobs.bulkPut.bind(db.imageBlobs);
    db.imageBlobs.bulkPut = (async (items: never[]) => {
      if (items.length) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      return put(items);
    }) as typeof db.imageBlobs.bulkPut;
    const saved = await saveArticleWithImages(db, makeExtracted(), [pic]);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    expect(saved.value.imagesDropped).toEqual({ code: 'images-no-space' });
    expect(saved.value.images.count).toBe(0);
    expect(await db.articles.count()).toBe(1);
    expect(await db.contents.count()).toBe(1);
    expect(await db.articleImages.count()).toBe(0);
  });

  test('any other failure saves nothing, pictures or text', async () => {
    const pic = await image('https://cdn.example/a.png', 'picture');
    db.articleImages.bulkPut = (async () => {
      throw new Error('disk on fire');
    }) as unknown as typeof db.articleImages.bulkPut;
    const saved = await saveArticleWithImages(db, makeExtracted(), [pic]);
    expect(saved).toEqual({ ok: false, error: { code: 'storage-failed', data: { detail: 'disk on fire' } } });
    expect(await db.articles.count()).toBe(0);
    expect(await db.imageBlobs.count()).toBe(0);
  });
});

describe('caps', () => {
  test('a picture over the per-image cap is left out; the others are kept in order', async () => {
    const big = await image('https://cdn.example/huge.png', IMAGE_CAPS.perImage + 1);
    const small = await image('https://cdn.example/small.png', 10);
    expect(withinCaps([big, small]).map((i) => i.url)).toEqual([small.url]);
  });

  test('the per-article total counts distinct bytes and stops pictures that would pass it', async () => {
    const four = await image('https://cdn.example/4.png', 4 * 1024 * 1024);
    const pics = await Promise.all(
      Array.from({ length: 7 }, (_, i) => image(`https://cdn.example/${i}.png`, 4 * 1024 * 1024 - i - 1)),
    );
    const kept = withinCaps([four, { ...four, url: 'https://cdn.example/4-again.png' }, ...pics]);
    // 4 MiB + the same bytes again (free) + five more 4 MiB pictures = 24 MiB; a sixth would pass 25.
    expect(kept.map((i) => i.url)).toEqual([
      four.url,
      'https://cdn.example/4-again.png',
      ...pics.slice(0, 5).map((p) => p.url),
    ]);
  });

  test('addArticleImages counts what is already stored against the caps and skips known URLs', async () => {
    const first = await image('https://cdn.example/1.png', 20 * 1024 * 1024);
    const saved = await saveArticleWithImages(db, makeExtracted(), [first]);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const next = await image('https://cdn.example/2.png', 4 * 1024 * 1024);
    const tooMuch = await image('https://cdn.example/3.png', 2 * 1024 * 1024);
    // 20 MiB is over the per-image cap: nothing was stored, so the budget is whole again.
    expect(saved.value.images.count).toBe(0);
    const added = await addArticleImages(db, saved.value.meta.id, [next, tooMuch]);
    expect(added).toEqual({ ok: true, value: { count: 2, bytes: 6 * 1024 * 1024 } });
    const again = await addArticleImages(db, saved.value.meta.id, [next]);
    expect(again).toEqual({ ok: true, value: { count: 0, bytes: 0 } });
    expect(await addArticleImages(db, 'gone', [next])).toEqual({
      ok: false,
      error: { code: 'article-gone' },
    });
  });
});

test('deleteMany takes the pictures with it and restoreDeleted puts them back', async () => {
  const pic = await image('https://cdn.example/a.png', 'only here');
  const saved = await saveArticleWithImages(db, makeExtracted(), [pic]);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const deleted = await deleteMany(db, [saved.value.meta.id]);
  if (!deleted.ok) throw new Error(JSON.stringify(deleted.error));
  expect(await db.imageBlobs.count()).toBe(0);
  await restoreDeleted(db, deleted.value);
  expect(await (await getArticleImages(db, saved.value.meta.id)).get(pic.url)?.text()).toBe('only here');
});
