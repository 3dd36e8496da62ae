import { describe, expect, test } from 'vitest';
import type { ArticleMeta } from '@/utils/model';
import { checkIntegrity, findArticleForPage, getArticle, isHealthy, openDb } from '@/utils/storage';
import { seededLibrary, writeRawV1 } from '../../fixtures/hostile/raw-v1-library';

// Version 1 keyed an article by whatever canonical URL the page declared. A library written the
// way version 1 stores it, holding records keyed on another origin's URL, must come out of the
// version 2 upgrade with every key on the record's own origin, and nothing else changed or lost.

const B = 'http://127.0.0.1:4002/story-b';
const A = 'http://127.0.0.1:4001/page-a';

function withForeignKeys() {
  const library = seededLibrary(20261206, 12);
  const [hijacked, mobile, collides, junk, copy] = library.articles as [
    ArticleMeta,
    ArticleMeta,
    ArticleMeta,
    ArticleMeta,
    ArticleMeta,
  ];
  // The case: saving page A (declaring B as canonical) overwrote B's record in place.
  Object.assign(hijacked, { url: `${A}?utm_source=x`, canonicalUrl: B, tags: ['b-tag'] });
  // A mobile page that declared its desktop twin (another origin): bound to where it was saved.
  Object.assign(mobile, { url: 'https://m.example.org/x', canonicalUrl: 'https://www.example.org/x' });
  // A record whose own URL is the key the mobile one now holds: it gets a copy key.
  Object.assign(collides, { url: 'https://m.example.org/x#2', canonicalUrl: 'https://elsewhere.example/x' });
  // Not a web page at all (an old import): a copy key that no page URL can match.
  Object.assign(junk, { url: 'javascript:alert(1)', canonicalUrl: 'https://bank.example/login' });
  // An import copy is already bound: untouched.
  Object.assign(copy, {
    url: 'https://example.org/story/4',
    canonicalUrl: 'https://example.org/story/4#readmark-copy-v1-article-4',
  });
  return library;
}

describe('schema version 2: articles bound to their own origin', () => {
  test('re-keys every record stored under a foreign canonical, keeps text, tags and highlights, touches nothing else', async () => {
    const library = withForeignKeys();
    const name = `v2-upgrade-${crypto.randomUUID()}`;
    await writeRawV1(indexedDB, name, library);
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(6);

    const byId = new Map((await db.articles.toArray()).map((meta) => [meta.id, meta]));
    expect(byId.size).toBe(library.articles.length);
    expect(byId.get('v1-article-0')).toMatchObject({ canonicalUrl: A, tags: ['b-tag'] });
    expect(byId.get('v1-article-1')?.canonicalUrl).toBe('https://m.example.org/x');
    expect(byId.get('v1-article-2')?.canonicalUrl).toBe('https://m.example.org/x#readmark-copy-v1-article-2');
    expect(byId.get('v1-article-3')?.canonicalUrl).toBe(
      'https://bank.example/login#readmark-copy-v1-article-3',
    );
    expect(byId.get('v1-article-4')?.canonicalUrl).toBe(
      'https://example.org/story/4#readmark-copy-v1-article-4',
    );
    // Every other record is exactly as version 1 wrote it.
    for (const original of library.articles.slice(4)) expect(byId.get(original.id)).toEqual(original);

    // Nothing lost: bodies and highlights stay with their (re-keyed) records.
    expect(await db.contents.count()).toBe(library.contents.length);
    expect(await db.highlights.count()).toBe(library.highlights.length);
    expect((await getArticle(db, 'v1-article-0'))?.content).toEqual(library.contents[0]);
    expect(isHealthy(await checkIntegrity(db))).toBe(true);

    // And the lookups now follow the tab: A finds its own record, B finds nothing, the bank nothing.
    expect((await findArticleForPage(db, A, B))?.id).toBe('v1-article-0');
    expect(await findArticleForPage(db, B, null)).toBeUndefined();
    expect(await findArticleForPage(db, 'https://bank.example/login', null)).toBeUndefined();
    db.close();
  });

  test('a version-1 library without foreign keys upgrades record for record unchanged', async () => {
    const library = seededLibrary(20261128, 40);
    const name = `v2-upgrade-${crypto.randomUUID()}`;
    await writeRawV1(indexedDB, name, library);
    const db = openDb(name);
    expect(await db.articles.toArray()).toEqual(
      [...library.articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    );
    expect(db.verno).toBe(6);
    db.close();
  });
});
