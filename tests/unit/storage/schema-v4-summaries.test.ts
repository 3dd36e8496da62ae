// @vitest-environment node
import Dexie from 'dexie';
import { describe, expect, test } from 'vitest';
import { summarise } from '@/utils/model';
import { listSummaries, openDb, setFavourite } from '@/utils/storage';
import { seededLibrary, V1_DEXIE_STORES, writeRawV1 } from '../../fixtures/hostile/raw-v1-library';

// Version 4 adds the article summaries. Its upgrade (buildArticleSummaries) writes one for every
// article saved before, from versions 1 and 3 alike; from then on they follow every write.
describe('schema version 4', () => {
  test('a version-1 library upgrades with a summary for every article', async () => {
    const name = `readmark-v1-to-v4-${crypto.randomUUID()}`;
    const library = seededLibrary(20261206, 1_203); // more than one page of the upgrade
    await writeRawV1(indexedDB, name, library);
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(6);
    const articles = await db.articles.toArray();
    expect(articles.length).toBe(library.articles.length);
    const summaries = await listSummaries(db);
    expect(summaries.sort((a, b) => a.id.localeCompare(b.id))).toEqual(articles.map(summarise));
    // …and they follow writes from then on.
    const first = articles[0]!;
    await setFavourite(db, [first.id], first.favourite === 0, 77);
    expect((await db.summaries.get(first.id))?.favourite).toBe(first.favourite === 0 ? 1 : 0);
    db.close();
  });

  test('a version-3 library (written by the previous build) upgrades the same way', async () => {
    const name = `readmark-v3-to-v4-${crypto.randomUUID()}`;
    const library = seededLibrary(20261207, 30);
    await writeRawV1(indexedDB, name, library);
    // The previous build's schema, as released: versions 1 to 3, no summaries.
    const previous = new Dexie(name);
    previous.version(1).stores(V1_DEXIE_STORES);
    previous.version(2).stores({});
    previous.version(3).stores({ imageBlobs: 'hash', articleImages: '[articleId+url], articleId, hash' });
    await previous.open();
    expect(previous.verno).toBe(3);
    previous.close();

    const db = openDb(name);
    expect((await listSummaries(db)).length).toBe(library.articles.length);
    expect(db.verno).toBe(6);
    db.close();
  });
});
