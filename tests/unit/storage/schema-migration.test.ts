import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { checkIntegrity, isHealthy, openDb, type ReadmarkDb } from '@/utils/storage';
import {
  type RawLibrary,
  seededLibrary,
  V1_DEXIE_STORES,
  writeRawV1,
} from '../../fixtures/hostile/raw-v1-library';

// Version 1 is the first released schema. A database written the way version 1 stores it (raw
// IndexedDB, Dexie's version 1 = IndexedDB version 10, same stores and indexes) must read back
// record for record through today's openDb (version 2 re-keys only records under another origin's
// canonical, which this fixture has none of: schema-v2-origin-binding.test.ts covers those;
// version 3 adds the picture stores: schema-v3.test.ts); and an upgrade that fails must leave it
// readable.

const STORES = ['articles', 'contents', 'highlights', 'settings'] as const;
async function readAll(db: ReadmarkDb): Promise<RawLibrary> {
  const out = {} as RawLibrary;
  for (const store of STORES)
    (out as unknown as Record<string, unknown[]>)[store] = await db.table(store).toArray();
  return out;
}

/** Records that differ between the fixture and what Dexie read, by store and key. */
function differences(expected: RawLibrary, actual: RawLibrary): string[] {
  const out: string[] = [];
  for (const store of STORES) {
    const key = (r: Record<string, unknown>) => String(r.id ?? r.articleId ?? r.key);
    const got = new Map(actual[store].map((r) => [key(r as Record<string, unknown>), r]));
    for (const record of expected[store]) {
      const id = key(record as Record<string, unknown>);
      if (!isDeepStrictEqual(got.get(id), record)) out.push(`${store}/${id}`);
      got.delete(id);
    }
    for (const id of got.keys()) out.push(`${store}/${id} (extra)`);
  }
  return out;
}

/** A test-only version 2 whose upgrade throws half-way through rewriting the articles. */
function openWithFailingV2(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(V1_DEXIE_STORES);
  db.version(2)
    .stores({ articles: 'id, &canonicalUrl, savedAt, updatedAt, title, *tags, archived, favourite, readAt' })
    .upgrade(async (tx) => {
      let n = 0;
      await tx
        .table('articles')
        .toCollection()
        .modify((article: Record<string, unknown>) => {
          if (++n === 20) throw new Error('upgrade step failed on purpose');
          article.title = `rewritten ${String(article.title)}`;
        });
    });
  return db;
}

describe('schema version 1 fixture', () => {
  const library = seededLibrary(20261128, 120);

  test('openDb reads every record of a raw version-1 database unchanged, and finds it healthy', async () => {
    const name = `schema-v1-${crypto.randomUUID()}`;
    await writeRawV1(indexedDB, name, library);
    const db = openDb(name);
    const read = await readAll(db);
    const diff = differences(library, read);
    expect(diff).toEqual([]);
    expect(db.verno).toBe(6);
    // The indexes of the raw fixture are the ones the app queries.
    const first = library.articles[0]!;
    expect((await db.articles.where('canonicalUrl').equals(first.canonicalUrl).first())?.id).toBe(first.id);
    expect(await db.highlights.where('articleId').equals(first.id).count()).toBe(
      library.highlights.filter((h) => h.articleId === first.id).length,
    );
    const tagged = library.articles.filter((a) => a.tags.includes('harbour')).length;
    expect(await db.articles.where('tags').equals('harbour').count()).toBe(tagged);
    expect(isHealthy(await checkIntegrity(db))).toBe(true);
    db.close();
  });

  test('a failing upgrade to a next version leaves the version-1 data whole and readable', async () => {
    const name = `schema-v1-${crypto.randomUUID()}`;
    await writeRawV1(indexedDB, name, library);
    const failing = openWithFailingV2(name);
    await expect(failing.open()).rejects.toThrow(/upgrade step failed on purpose/);
    failing.close();
    const db = openDb(name);
    const diff = differences(library, await readAll(db));
    expect(diff).toEqual([]);
    expect(db.verno).toBe(6);
    expect(isHealthy(await checkIntegrity(db))).toBe(true);
    db.close();
  });
});
