// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { getArticle, getArticleImages, openDb, saveArticleWithImages } from '@/utils/storage';
import { seededLibrary, writeRawV1 } from '../../fixtures/hostile/raw-v1-library';

// Version 3 adds the picture stores. A library written by version 1 (raw IndexedDB, as released)
// opens at version 3 with every record intact and no pictures, and takes pictures from then on.
describe('schema version 3', () => {
  test('a version-1 library upgrades: records unchanged, picture stores empty and usable', async () => {
    const name = `readmark-v1-to-v3-${crypto.randomUUID()}`;
    const library = seededLibrary(20261206, 12);
    await writeRawV1(indexedDB, name, library);
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'articleImages',
      'articles',
      'contents',
      'highlights',
      'imageBlobs',
      'reviewCards',
      'reviewLog',
      'settings',
      'summaries',
      'syncEntities',
      'syncMeta',
      'syncOutbox',
    ]);
    expect(await db.articles.toArray()).toEqual(
      [...library.articles].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await db.highlights.count()).toBe(library.highlights.length);
    const first = library.articles[0]!;
    expect((await getArticle(db, first.id))?.content).toEqual(
      library.contents.find((c) => c.articleId === first.id),
    );
    expect(await db.imageBlobs.count()).toBe(0);

    // An old article saved again gets its pictures, under the same id.
    const bytes = new TextEncoder().encode('lighthouse picture');
    const saved = await saveArticleWithImages(
      db,
      {
        ...library.contents.find((c) => c.articleId === first.id)!,
        ...first,
        opening: '',
        isProbablyArticle: true,
        pageType: 'article',
      },
      [{ url: 'https://example.org/img/0.jpg', hash: 'ab'.repeat(32), blob: new Blob([bytes]) }],
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    expect(saved.value.meta.id).toBe(first.id);
    expect(await (await getArticleImages(db, first.id)).get('https://example.org/img/0.jpg')?.text()).toBe(
      'lighthouse picture',
    );
    db.close();
  });
});
